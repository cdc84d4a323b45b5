import { createHash } from 'node:crypto';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { and, asc, eq, ne } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import {
	assignmentOpds,
	auditEvents,
	evaluatorConflicts,
	evidenceFiles,
	indicators,
	opds,
	periodOpds,
	periods
} from '../../src/lib/server/db/schema';
import { restoreBackup, writeBackup } from '../../src/lib/server/db/backup';
import { evidenceForDownload } from '../../src/lib/server/evidence/files';
import { FORM_OVERHEAD } from '../../src/lib/server/evidence/upload-form';
import { addUser, asSessionUser, demoUsersByRole } from './helpers/auth';
import { endRequest, request, run } from './helpers/request';
import { createTestDb } from './helpers/test-db';
import { createDraft2022Db } from './helpers/workflow';

vi.mock('$app/server', () => import('./helpers/request'));

const ownPage = await import('../../src/routes/opd-saya/[year=year]/+page.server');
const cellPage =
	await import('../../src/routes/penilaian/[year=year]/opd/[slug=slug]/[key=slug]/+page.server');
const download = await import('../../src/routes/bukti/[id]/+server');
const opdPage = await import('../../src/routes/opd/[slug=slug]/[year=year]/+page.server');

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A PNG-signed file of `size` bytes; `seed` makes the content (and so the hash) differ. */
const png = (size = 64, seed = 1) => {
	const b = new Uint8Array(size);
	b.set(PNG_SIGNATURE);
	for (let i = PNG_SIGNATURE.length; i < size; i++) b[i] = (i * seed) % 251;
	return b;
};
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const file = (bytes: Uint8Array, name: string, type = 'application/octet-stream') =>
	new File([bytes as BlobPart], name, { type });

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let who: Record<string, SessionUser>;
let otherOperator: SessionUser;
let indicatorId: number;
let cellParams: { year: string; slug: string; key: string };
const env = { ...process.env };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	await db.update(periods).set({ status: 'open' }).where(eq(periods.id, periodId));
	who = await demoUsersByRole(db);
	const [other] = await db
		.select({ id: periodOpds.opdId })
		.from(periodOpds)
		.where(and(eq(periodOpds.periodId, periodId), ne(periodOpds.opdId, who.operator!.opdId!)))
		.limit(1);
	otherOperator = asSessionUser(await addUser(db, 'op-lain', 'operator', other!.id));
	const [ind] = await db
		.select()
		.from(indicators)
		.where(eq(indicators.periodId, periodId))
		.orderBy(asc(indicators.sortOrder))
		.limit(1);
	indicatorId = ind!.id;
	const [opd] = await db.select().from(opds).where(eq(opds.id, who.operator!.opdId!));
	cellParams = { year: '2022', slug: opd!.slug, key: ind!.key };
});
afterEach(async () => {
	process.env = { ...env };
	endRequest();
	await cleanup();
});

const uploadOwn = (user: SessionUser, f: File, indicator = indicatorId) =>
	run(
		ownPage.actions.uploadFile,
		request('/opd-saya/2022?/uploadFile', {
			user,
			params: { year: '2022' },
			form: { indicatorId: String(indicator), file: f }
		})
	);
const get = (user: SessionUser | null, id: number) =>
	run(download.GET, request(`/bukti/${id}`, { user, params: { id: String(id) } }));
const stored = () => db.select().from(evidenceFiles).orderBy(asc(evidenceFiles.id));
const failMessage = (r: unknown) => (r as { status: number; data: { message: string } }).data;

describe('evidence files', () => {
	it('the operator uploads a PNG: stored with its SHA-256, audited by name and hash, served as an attachment to who may see the cell', async () => {
		const bytes = png(300);
		const result = await uploadOwn(who.operator!, file(bytes, 'SK PPID.png', 'text/html'));
		expect(result).toEqual({ uploaded: { fileName: 'SK PPID.png', sha256: sha(bytes) } });
		const [row] = await stored();
		expect(row).toMatchObject({
			side: 'self',
			mimeType: 'image/png',
			size: 300,
			sha256: sha(bytes),
			opdId: who.operator!.opdId
		});
		expect(new Uint8Array(row!.content)).toEqual(bytes);

		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'evidence.upload'));
		expect(event!.entityId).toBe(`${periodId}:${who.operator!.opdId}:${indicatorId}`);
		expect(event!.after).toEqual({
			fileId: row!.id,
			file: 'SK PPID.png',
			sha256: sha(bytes),
			size: 300,
			side: 'self'
		});

		for (const role of ['operator', 'evaluator', 'admin', 'pimpinan']) {
			const res = (await get(who[role]!, row!.id)) as Response;
			expect(res.status, role).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/png');
			expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="SK PPID.png"/);
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
		}
		// another OPD's operator and the petugas: 403; the public is sent to sign in
		for (const user of [otherOperator, who.petugas!]) {
			const refused = await get(user, row!.id);
			expect(isHttpError(refused) && refused.status, user.username).toBe(403);
		}
		const anonymous = await get(null, row!.id);
		expect(isRedirect(anonymous) && anonymous.location).toMatch(/^\/login/);
		// pimpinan reads the OPD page with its files listed (metadata only, no content)
		const page = (await run(
			opdPage.load,
			request(`/opd/${cellParams.slug}/2022`, {
				user: who.pimpinan!,
				params: { slug: cellParams.slug, year: '2022' }
			})
		)) as { files: Record<string, unknown>[] };
		expect(page.files).toEqual([
			expect.objectContaining({ id: row!.id, fileName: 'SK PPID.png', sha256: sha(bytes) })
		]);
		expect(page.files[0]).not.toHaveProperty('content');
		const missing = await get(who.admin!, row!.id + 100);
		expect(isHttpError(missing) && missing.status).toBe(404);
	});

	it('refuses an HTML page named .pdf, an empty file and a duplicate, storing nothing', async () => {
		const html = new TextEncoder().encode('<!DOCTYPE html><html><script>alert(1)</script>');
		const r = await uploadOwn(who.operator!, file(html, 'bukti.pdf', 'application/pdf'));
		expect((r as { status: number }).status).toBe(400);
		expect(failMessage(r).message).toMatch(/"bukti.pdf" bukan PDF, JPG atau PNG: isinya HTML/);
		const empty = await uploadOwn(who.operator!, file(new Uint8Array(), 'kosong.pdf'));
		expect(failMessage(empty).message).toBe('Berkas "kosong.pdf" kosong (0 bita).');
		expect(await stored()).toHaveLength(0);

		await uploadOwn(who.operator!, file(png(), 'a.png'));
		const again = await uploadOwn(who.operator!, file(png(), 'salinan.png'));
		expect((again as { status: number }).status).toBe(409);
		expect(failMessage(again).message).toMatch(/sudah diunggah .* "a.png"/);
		expect(await stored()).toHaveLength(1);
	});

	it('refuses a body above the cap before reading it (Content-Length) and while reading it (no length), storing nothing', async () => {
		process.env.MONEV_EVIDENCE_MAX_BYTES = '1000';
		const big = await uploadOwn(who.operator!, file(png(1001), 'besar.png'));
		expect((big as { status: number }).status).toBe(413);
		expect(failMessage(big).message).toMatch(/"besar.png" terlalu besar: paling besar 1000 B/);

		// A body that declares a length above the cap: refused without reading a byte.
		let pulled = 0;
		const stream = () =>
			new ReadableStream<Uint8Array>({
				pull(controller) {
					pulled++;
					controller.enqueue(new Uint8Array(16 * 1024));
					if (pulled > 1000) controller.close();
				}
			});
		const declared = request('/opd-saya/2022?/uploadFile', {
			user: who.operator!,
			params: { year: '2022' }
		});
		declared.request = new Request(declared.url, {
			method: 'POST',
			body: stream(),
			duplex: 'half',
			headers: {
				'content-type': 'multipart/form-data; boundary=x',
				'content-length': String(1000 + FORM_OVERHEAD + 1)
			}
		} as RequestInit);
		const early = await run(ownPage.actions.uploadFile, declared);
		expect((early as { status: number }).status).toBe(413);
		expect(pulled).toBeLessThanOrEqual(1);

		// A body without a length (chunked): counted as it streams, dropped after the cap.
		pulled = 0;
		const chunked = request('/opd-saya/2022?/uploadFile', {
			user: who.operator!,
			params: { year: '2022' }
		});
		chunked.request = new Request(chunked.url, {
			method: 'POST',
			body: stream(),
			duplex: 'half',
			headers: { 'content-type': 'multipart/form-data; boundary=x' }
		} as RequestInit);
		const counted = await run(ownPage.actions.uploadFile, chunked);
		expect((counted as { status: number }).status).toBe(413);
		expect(pulled).toBeLessThan(10); // 65 KB + 1000 B is 5 chunks of 16 KB, not 1000
		expect(await stored()).toHaveLength(0);
	});

	it('refuses a file over the OPD quota of the period with the numbers, storing nothing', async () => {
		process.env.MONEV_EVIDENCE_MAX_BYTES = String(700 * 1024);
		process.env.MONEV_EVIDENCE_QUOTA_MB = '1';
		expect(await uploadOwn(who.operator!, file(png(600 * 1024, 3), 'a.png'))).toHaveProperty(
			'uploaded'
		);
		const over = await uploadOwn(who.operator!, file(png(600 * 1024, 5), 'b.png'));
		expect((over as { status: number }).status).toBe(409);
		expect(failMessage(over).message).toMatch(
			/Kuota berkas bukti OPD ini untuk periode 2022 \(1 MB\) akan terlampaui: sudah terpakai 600 KB, berkas ini 600 KB/
		);
		expect(await stored()).toHaveLength(1);
		// another OPD has its own quota
		expect(await uploadOwn(otherOperator, file(png(600 * 1024, 5), 'b.png'))).toHaveProperty(
			'uploaded'
		);
	});

	it("evaluator files: on the cell page only; the operator sees them once published, never another OPD's", async () => {
		const bytes = png(80, 7);
		const refused = await run(
			cellPage.actions.uploadFile,
			request('/x?/uploadFile', {
				user: who.operator!,
				params: cellParams,
				form: { file: file(bytes, 'x.png') }
			})
		);
		expect(isHttpError(refused) && refused.status).toBe(403);
		const done = await run(
			cellPage.actions.uploadFile,
			request('/x?/uploadFile', {
				user: who.evaluator!,
				params: cellParams,
				form: { file: file(bytes, 'hasil-verifikasi.png') }
			})
		);
		expect(done).toHaveProperty('uploaded');
		const [row] = await stored();
		expect(row!.side).toBe('verified');
		const before = await get(who.operator!, row!.id);
		expect(isHttpError(before) && before.status).toBe(403);
		await db.update(periods).set({ status: 'published' }).where(eq(periods.id, periodId));
		expect(((await get(who.operator!, row!.id)) as Response).status).toBe(200);
		const other = await get(otherOperator, row!.id);
		expect(isHttpError(other) && other.status).toBe(403);
	});

	it("an evaluator's upload and delete obey the cell save's rules: conflict of interest, assignment", async () => {
		const upload = (user: SessionUser, bytes: Uint8Array) =>
			run(
				cellPage.actions.uploadFile,
				request('/x?/uploadFile', {
					user,
					params: cellParams,
					form: { file: file(bytes, 'verifikasi.png') }
				})
			);
		const del = (user: SessionUser, id: number) =>
			run(
				cellPage.actions.deleteFile,
				request('/x?/deleteFile', { user, params: cellParams, form: { fileId: String(id) } })
			);
		expect(await upload(who.evaluator!, png(70, 3))).toHaveProperty('uploaded');
		const [row] = await stored();
		const opdId = who.operator!.opdId!;
		await db
			.insert(evaluatorConflicts)
			.values({ periodId, userId: who.evaluator!.id, opdId, note: 'saudara kandung' });
		const conflicted = await upload(who.evaluator!, png(70, 4));
		expect((conflicted as { status: number }).status).toBe(403);
		expect(failMessage(conflicted).message).toMatch(/konflik kepentingan/i);
		expect((await del(who.evaluator!, row!.id)) as { status: number }).toMatchObject({
			status: 403
		});
		await db.delete(evaluatorConflicts);
		// Assigned elsewhere only: this OPD is not the evaluator's.
		const [other] = await db
			.select({ id: periodOpds.opdId })
			.from(periodOpds)
			.where(and(eq(periodOpds.periodId, periodId), ne(periodOpds.opdId, opdId)))
			.limit(1);
		await db
			.insert(assignmentOpds)
			.values({ periodId, userId: who.evaluator!.id, opdId: other!.id });
		const unassigned = await upload(who.evaluator!, png(70, 5));
		expect((unassigned as { status: number }).status).toBe(403);
		expect((await del(who.evaluator!, row!.id)) as { status: number }).toMatchObject({
			status: 403
		});
		expect(await stored()).toHaveLength(1);
		// The admin is past the assignment, as in a cell save.
		expect(await upload(who.admin!, png(70, 6))).toHaveProperty('uploaded');
		expect(await stored()).toHaveLength(2);
	});

	it('deletes a file (audited by name and hash); another OPD cannot, and a frozen period refuses', async () => {
		const bytes = png(90, 11);
		await uploadOwn(who.operator!, file(bytes, 'hapus.png'));
		const [row] = await stored();
		const del = (user: SessionUser) =>
			run(
				ownPage.actions.deleteFile,
				request('/opd-saya/2022?/deleteFile', {
					user,
					params: { year: '2022' },
					form: { fileId: String(row!.id) }
				})
			);
		const foreign = await del(otherOperator);
		expect((foreign as { status: number }).status).toBe(404);
		expect(await stored()).toHaveLength(1);

		await db.update(periods).set({ status: 'final' }).where(eq(periods.id, periodId));
		const frozen = await del(who.operator!);
		expect((frozen as { status: number }).status).toBe(409);
		const late = await uploadOwn(who.operator!, file(png(90, 12), 'terlambat.png'));
		expect((late as { status: number }).status).toBe(409);
		expect(failMessage(late).message).toMatch(/hanya dapat diubah saat periode dibuka/);
		expect(await stored()).toHaveLength(1);

		await db.update(periods).set({ status: 'open' }).where(eq(periods.id, periodId));
		expect(await del(who.operator!)).toEqual({ deleted: 'hapus.png' });
		expect(await stored()).toHaveLength(0);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'evidence.delete'));
		expect(event!.before).toMatchObject({ file: 'hapus.png', sha256: sha(bytes), size: 90 });
		expect(event!.actor).toBe('demo-operator');
	});

	it('a backup carries the files: restored, the same id serves the same bytes and hash', async () => {
		const bytes = png(5000, 13);
		await uploadOwn(who.operator!, file(bytes, 'cadangan.png'));
		const [row] = await stored();
		const text = await writeBackup(db);
		const target = await createTestDb();
		try {
			await restoreBackup(target.db, text);
			const restored = await evidenceForDownload(row!.id, target.db);
			expect(restored).toMatchObject({ fileName: 'cadangan.png', sha256: sha(bytes), size: 5000 });
			expect(new Uint8Array(restored!.content)).toEqual(bytes);
			expect(sha(new Uint8Array(restored!.content))).toBe(sha(bytes));
			expect(await writeBackup(target.db)).toBe(text);
			// and the download route serves them from the restored database
			useDb(target.db);
			const res = (await get(who.admin!, row!.id)) as Response;
			expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
		} finally {
			useDb(db);
			await target.cleanup();
		}
	});
});
