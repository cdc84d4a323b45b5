import { isActionFailure, isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import {
	auditEvents,
	serviceDisputes,
	serviceObjections,
	serviceRequests,
	surveyResponses,
	websiteVisits
} from '../../src/lib/server/db/schema';
import { describeAuditEvent } from '../../src/lib/workflow/audit-text';
import { usersByRole } from './helpers/auth';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { endRequest, request as newRequest, run } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const list = await import('../../src/routes/layanan/[year=year]/[register=register]/+page.server');
const edit =
	await import('../../src/routes/layanan/[year=year]/[register=register]/[id]/+page.server');
const visits = await import('../../src/routes/layanan/[year=year]/kunjungan/+page.server');

const request = (
	user: SessionUser | null,
	params: Record<string, string>,
	fields?: Record<string, string>
) =>
	newRequest(`/layanan/${params.year}/${params.register ?? 'kunjungan'}`, {
		user,
		params,
		form: fields
	});

const REQUEST = {
	receivedOn: '2022-03-01',
	applicantName: 'Budi Pemohon Uji',
	applicantAddress: 'Jl. Uji 2',
	applicantContact: '0812-0000-0000',
	applicantType: 'perorangan',
	channel: 'desk',
	information: 'Daftar informasi publik',
	opd: 'Diskominfo',
	decision: 'diterima',
	answeredOn: '2022-03-15',
	extended: 'on',
	cost: '15.000'
};

const FORMS: Record<string, Record<string, string>> = {
	permohonan: REQUEST,
	'rekap-permohonan': {
		month: '4',
		count: '12',
		applicantType: 'campuran',
		channel: 'desk',
		information: 'Rekap desk April',
		decision: 'diterima'
	},
	keberatan: {
		receivedOn: '2022-05-02',
		applicantName: 'Ani Keberatan Uji',
		applicantType: 'perorangan',
		reason: 'c',
		reasonText: 'Tidak ditanggapi',
		answeredOn: '2022-06-01',
		toDispute: 'on'
	},
	'rekap-keberatan': {
		month: '6',
		count: '3',
		applicantType: 'campuran',
		reasonText: 'Rekap Juni'
	},
	sengketa: {
		applicantName: 'LSM Uji',
		applicantType: 'kelompok',
		reason: 'Keberatan tidak ditanggapi',
		outcome: 'mediasi_berhasil'
	},
	survei: {
		respondedOn: '2022-07-07',
		email: 'responden.uji@example.test',
		occupation: 'Mahasiswa',
		level: 'puas',
		comment: 'Cepat'
	}
};

let db: DB;
let cleanup: () => Promise<void>;
const who: Record<string, SessionUser> = {};
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
	useDb(db);
	Object.assign(who, await usersByRole(db));
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

const p = (register: string, id?: number) => ({
	year: '2022',
	register,
	...(id === undefined ? {} : { id: String(id) })
});

async function loadEdit(register: string, id: number) {
	return (await run(edit.load, request(who.petugas!, p(register, id)))) as {
		values: Record<string, string>;
	};
}

describe('the register forms /layanan/{year}/{register}', () => {
	it.each(Object.keys(FORMS))('adds a %s row and lists it, audited', async (register) => {
		const result = await run(list.actions.add, request(who.petugas!, p(register), FORMS[register]));
		expect(result).toMatchObject({ done: expect.stringMatching(/dicatat/) });
		const data = (await run(list.load, request(who.petugas!, p(register)))) as {
			rows: { id: number; cells: string[] }[];
		};
		expect(data.rows).toHaveLength(1);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, `registers.${register}.add`));
		expect(event?.entityId).toBe(String(data.rows[0]!.id));
		expect(JSON.stringify(event)).not.toMatch(/Budi|Ani|responden\.uji|LSM Uji|0812/);
	});

	it('stores every field of a request entry and computes working days and month', async () => {
		await run(list.actions.add, request(who.admin!, p('permohonan'), REQUEST));
		const [row] = await db.select().from(serviceRequests);
		expect(row).toMatchObject({
			year: 2022,
			kind: 'entry',
			month: 3,
			count: 1,
			applicantAddress: 'Jl. Uji 2',
			extended: true,
			cost: 15000,
			workingDays: 10,
			refusalReason: null
		});
	});

	it('each kind lives in its own table and kind', async () => {
		for (const [register, fields] of Object.entries(FORMS))
			await run(list.actions.add, request(who.petugas!, p(register), fields));
		const kinds = await db.select({ kind: serviceRequests.kind }).from(serviceRequests);
		expect(kinds.map((k) => k.kind).sort()).toEqual(['entry', 'recap']);
		const objections = await db.select().from(serviceObjections);
		expect(objections.map((o) => [o.kind, o.count, o.workingDays])).toEqual([
			['entry', 1, 22],
			['recap', 3, null]
		]);
		expect(await db.select().from(serviceDisputes)).toHaveLength(1);
		expect(await db.select().from(surveyResponses)).toHaveLength(1);
		// A recap row is not reachable under the entry form's URL, nor another year's.
		const recap = await db.select().from(serviceRequests).where(eq(serviceRequests.kind, 'recap'));
		const wrongKind = await run(edit.load, request(who.petugas!, p('permohonan', recap[0]!.id)));
		expect(isHttpError(wrongKind) && wrongKind.status).toBe(404);
		const wrongYear = await run(
			edit.load,
			request(who.petugas!, { ...p('rekap-permohonan', recap[0]!.id), year: '2021' })
		);
		expect(isHttpError(wrongYear) && wrongYear.status).toBe(404);
	});

	it('edits a row; a form opened before another change is refused (409) and writes nothing', async () => {
		await run(list.actions.add, request(who.petugas!, p('permohonan'), REQUEST));
		const [row] = await db.select().from(serviceRequests);
		const opened = await loadEdit('permohonan', row!.id);
		expect(opened.values).toMatchObject({ applicantName: 'Budi Pemohon Uji', extended: 'on' });

		const first = await run(
			edit.actions.save,
			request(who.petugas!, p('permohonan', row!.id), {
				...opened.values,
				decision: 'ditolak',
				refusalReason: 'dikecualikan',
				exemptionGround: 'Pasal 17 huruf h',
				applicantName: 'Budi Pemohon Uji Ganti'
			})
		);
		expect(first).toEqual({ done: 'Perubahan disimpan.' });

		const before = await snapshotTables(db);
		const second = await run(
			edit.actions.save,
			request(who.admin!, p('permohonan', row!.id), { ...opened.values, note: 'telat' })
		);
		expect(isActionFailure(second) && second.status).toBe(409);
		expect((second as { data: { message: string } }).data.message).toMatch(
			/sudah diubah orang lain/
		);
		expect(await snapshotTables(db)).toEqual(before);

		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'registers.permohonan.update'));
		expect(JSON.stringify(event)).not.toMatch(/Budi/);
		const sentence = describeAuditEvent(
			{ ...event!, year: null },
			{ opd: () => undefined, indicator: () => undefined, user: () => undefined }
		);
		expect(sentence.what).toBe(`Permohonan #${row!.id} (register 2022) diubah`);
		expect(sentence.changes).toEqual([
			'Keputusan: Diterima → Ditolak',
			'Alasan penolakan: — → Informasi dikecualikan',
			'Dasar pengecualian (UU 14/2008 Pasal 17): — → Pasal 17 huruf h',
			'data pribadi diubah: Nama pemohon'
		]);
	});

	it('refuses a bad edit with a message naming the field', async () => {
		await run(list.actions.add, request(who.petugas!, p('permohonan'), REQUEST));
		const [row] = await db.select().from(serviceRequests);
		const opened = await loadEdit('permohonan', row!.id);
		const before = await snapshotTables(db);
		const refused = await run(
			edit.actions.save,
			request(who.petugas!, p('permohonan', row!.id), {
				...opened.values,
				decision: 'ditolak',
				refusalReason: 'dikecualikan',
				cost: 'gratis'
			})
		);
		expect(isActionFailure(refused) && refused.status).toBe(400);
		const data = (refused as { data: Record<string, unknown> }).data;
		expect(data.errors).toEqual({ cost: 'Biaya (Rp) harus angka Rupiah.' });
		expect(data.message).toMatch(/periksa isian/);
		expect(data.values).toMatchObject({ cost: 'gratis' });
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('deletes a row at its version, audited; a stale delete is refused', async () => {
		await run(list.actions.add, request(who.petugas!, p('survei'), FORMS.survei!));
		const [row] = await db.select().from(surveyResponses);
		const opened = await loadEdit('survei', row!.id);
		const stale = await run(
			edit.actions.delete,
			request(who.petugas!, p('survei', row!.id), { version: 'lama' })
		);
		expect(isActionFailure(stale) && stale.status).toBe(409);
		const done = await run(
			edit.actions.delete,
			request(who.petugas!, p('survei', row!.id), { version: opened.values.version! })
		);
		expect(isRedirect(done) && done.location).toBe('/layanan/2022/survei?dihapus=1');
		expect(await db.select().from(surveyResponses)).toHaveLength(0);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.action, 'registers.survei.delete'),
					eq(auditEvents.entityId, String(row!.id))
				)
			);
		expect(JSON.stringify(event?.before)).toMatch(/puas/);
		expect(JSON.stringify(event)).not.toMatch(/responden/);
	});

	it('sets the 12 monthly visits, refuses a stale form and a bad number', async () => {
		const opened = (await run(visits.load, request(who.petugas!, { year: '2022' }))) as {
			visits: (number | null)[];
			version: string;
		};
		expect(opened.visits).toEqual(Array(12).fill(null));
		const done = await run(
			visits.actions.save,
			request(who.petugas!, { year: '2022' }, { version: opened.version, m1: '1.200', m12: '7' })
		);
		expect(done).toEqual({ done: 'Kunjungan website disimpan.' });
		const rows = await db.select().from(websiteVisits);
		expect(rows.map((r) => [r.month, r.visits])).toEqual([
			[1, 1200],
			[12, 7]
		]);
		const stale = await run(
			visits.actions.save,
			request(who.petugas!, { year: '2022' }, { version: opened.version, m1: '5' })
		);
		expect(isActionFailure(stale) && stale.status).toBe(409);
		const bad = await run(
			visits.actions.save,
			request(who.petugas!, { year: '2022' }, { version: opened.version, m3: '-4' })
		);
		expect(isActionFailure(bad) && bad.status).toBe(400);
		expect((bad as { data: { errors: Record<string, string> } }).data.errors.m3).toMatch(/Maret/);
	});

	it.each(['operator', 'evaluator', 'pimpinan'])(
		'refuses the %s (403) on every page and action, and an anonymous visitor',
		async (role) => {
			await run(list.actions.add, request(who.petugas!, p('keberatan'), FORMS.keberatan!));
			const [row] = await db.select().from(serviceObjections);
			const { values } = await loadEdit('keberatan', row!.id);
			const before = await snapshotTables(db);
			const user = who[role]!;
			const attempts: [unknown, RequestEvent][] = [
				[list.load, request(user, p('keberatan'))],
				[list.actions.add, request(user, p('keberatan'), FORMS.keberatan!)],
				[edit.load, request(user, p('keberatan', row!.id))],
				[edit.actions.save, request(user, p('keberatan', row!.id), values)],
				[edit.actions.delete, request(user, p('keberatan', row!.id), values)],
				[visits.load, request(user, { year: '2022' })],
				[visits.actions.save, request(user, { year: '2022' }, { version: 'x', m1: '1' })]
			];
			for (const [fn, event] of attempts) {
				const answer = await run(fn, event);
				expect(isHttpError(answer) && answer.status).toBe(403);
			}
			expect(await snapshotTables(db)).toEqual(before);
			expect(isRedirect(await run(list.load, request(null, p('keberatan'))))).toBe(true);
			expect(isRedirect(await run(edit.load, request(null, p('keberatan', row!.id))))).toBe(true);
		}
	);
});
