import { isActionFailure } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { SessionUser } from '../../src/lib/server/auth/types';
import * as users from '../../src/lib/server/accounts/users';
import { actorOf } from '../../src/lib/server/accounts/users';
import { useDb, type DB } from '../../src/lib/server/db';
import {
	assessments,
	auditEvents,
	cellDecisions,
	evidenceFiles,
	raterScores
} from '../../src/lib/server/db/schema';
import { indicatorRows, roster } from '../../src/lib/server/periods/periods';
import { setRaterScore } from '../../src/lib/server/workflow/double-scoring';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { moveStage } from '../../src/lib/server/workflow/stages/moves';
import { exportFile } from '../../src/lib/server/results/export';
import { readinessOfPeriod } from '../../src/lib/server/workflow/readiness';
import { createDraft2022Db, makeTwoStages, sessionUser } from './helpers/workflow';
import { endRequest, request as newRequest } from './helpers/request';

/**
 * Issue 13 §2: two independent judges. In a double-scored period the two evaluators assigned to an
 * OPD score it blind (the server never hands one rater's value to the other before both
 * submitted), equal values become the cell value, differences wait for the lead, and finalising
 * and publishing are refused until every OPD is submitted and settled. Driven through the page
 * actions and loads with real users on a real libSQL file database.
 */

vi.mock('$app/server', () => import('./helpers/request'));

const adminPeriod = await import('../../src/routes/admin/periode/[year=year]/+page.server');
const penugasan = await import('../../src/routes/penilaian/[year=year]/penugasan/+page.server');
const matrixPage = await import('../../src/routes/penilaian/[year=year]/+page.server');
const opdPage = await import('../../src/routes/penilaian/[year=year]/opd/[slug=slug]/+page.server');
const cellPage =
	await import('../../src/routes/penilaian/[year=year]/opd/[slug=slug]/[key=slug]/+page.server');
const selisih = await import('../../src/routes/penilaian/[year=year]/selisih/+page.server');
const auditPage = await import('../../src/routes/admin/audit/+page.server');

const post = (
	user: SessionUser | null,
	path: string,
	fields: [string, string][],
	params: Record<string, string> = { year: '2022' }
) => newRequest(path, { user, form: fields, params }) as never;
const get = (user: SessionUser, path: string, params: Record<string, string> = { year: '2022' }) =>
	newRequest(path, { user, params }) as never;

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let admin: SessionUser;
let ani: SessionUser;
let budi: SessionUser;
let opd: { opdId: number; slug: string; displayName: string };
let inds: { id: number; key: string; kind: string; maxLevel: number | null }[];
const mover = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	await users.create(
		{
			username: 'penilai-dua',
			displayName: 'Budi Penilai',
			role: 'evaluator',
			password: 'penilai-dua-rahasia-2026',
			opdId: null
		},
		SYSTEM_ACTORS.seed,
		db
	);
	admin = await sessionUser(db, 'demo-admin');
	ani = await sessionUser(db, 'demo-evaluator');
	budi = await sessionUser(db, 'penilai-dua');
	opd = (await roster(periodId, db))[0]!;
	inds = await indicatorRows(periodId, db);
	await transition(periodId, 'open', mover, '', db);
	await transition(periodId, 'evaluation', mover, '', db);
	const settings = await adminPeriod.actions.doubleScoring!(
		post(admin, '/admin/periode/2022?/doubleScoring', [
			['doubleScored', 'ya'],
			['blindSelf', 'ya'],
			['leadEvaluatorId', String(ani.id)]
		])
	);
	expect(isActionFailure(settings), JSON.stringify(settings)).toBe(false);
	for (const who of [ani, budi]) {
		const r = await penugasan.actions.save!(
			post(admin, '/penilaian/2022/penugasan?/save', [
				['userId', String(who.id)],
				['opdIds', String(opd.opdId)]
			])
		);
		expect(isActionFailure(r), JSON.stringify(r)).toBe(false);
	}
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

const fail = (result: unknown) => {
	expect(isActionFailure(result), JSON.stringify(result)).toBe(true);
	return result as { status: number; data: { message: string } };
};
const ok = (result: unknown) => {
	expect(isActionFailure(result), JSON.stringify(result)).toBe(false);
	return result as Record<string, unknown>;
};

/** Saves a value through the matrix grid's `set` action (version 0: the rater's first save). */
const saveInMatrix = (user: SessionUser, indicatorId: number, value: string) =>
	matrixPage.actions.set!(
		post(user, '/penilaian/2022?/set', [
			['opdId', String(opd.opdId)],
			['indicatorId', String(indicatorId)],
			['value', value],
			['version', '0']
		])
	);

/** Fills every cell of the OPD for a rater: 1 everywhere (0 on `zeroOn`). */
async function fillAll(user: SessionUser, zeroOn: number[] = []) {
	for (const ind of inds) {
		const value = zeroOn.includes(ind.id) ? 0 : 1;
		const r = await setRaterScore(
			periodId,
			opd.opdId,
			ind.id,
			{ value, notApplicable: false, expectedVersion: 0 },
			actorOf(user),
			db
		);
		if (r.status !== 'saved') throw new Error('conflict');
	}
}

const submit = (user: SessionUser) =>
	selisih.actions.submit!(
		post(user, '/penilaian/2022/selisih?/submit', [['opdId', String(opd.opdId)]])
	);

async function cellValue(indicatorId: number) {
	const [row] = await db
		.select()
		.from(assessments)
		.where(
			and(
				eq(assessments.periodId, periodId),
				eq(assessments.opdId, opd.opdId),
				eq(assessments.indicatorId, indicatorId)
			)
		);
	return row?.value ?? null;
}

describe('double scoring', () => {
	it("keeps each rater blind: B's matrix, OPD and cell pages hold none of A's values, nor the self-assessment", async () => {
		const first = inds[0]!;
		// The operator's self-assessment of the cell (the period is blind to it).
		await db.insert(assessments).values({
			periodId,
			opdId: opd.opdId,
			indicatorId: first.id,
			selfValue: 1,
			selfNote: 'catatan-mandiri-opd'
		});
		// Ani saves through the OPD form, with a note only she wrote.
		ok(
			await opdPage.actions.save!(
				post(
					ani,
					`/penilaian/2022/opd/${opd.slug}?/save`,
					[
						[`value_${first.id}`, '0'],
						[`version_${first.id}`, '0'],
						[`was_${first.id}`, ''],
						[`evidenceUrl_${first.id}`, ''],
						[`note_${first.id}`, 'catatan-rahasia-ani'],
						[`wasEvidenceUrl_${first.id}`, ''],
						[`wasNote_${first.id}`, '']
					],
					{ year: '2022', slug: opd.slug }
				)
			)
		);
		// Nothing reached the cell itself.
		expect(await cellValue(first.id)).toBeNull();

		const params = { year: '2022', slug: opd.slug };
		const budiMatrix = await matrixPage.load(get(budi, '/penilaian/2022'));
		const budiOpd = await opdPage.load(get(budi, `/penilaian/2022/opd/${opd.slug}`, params));
		const budiCell = await cellPage.load(
			get(budi, `/penilaian/2022/opd/${opd.slug}/${first.key}`, { ...params, key: first.key })
		);
		const budiSelisih = await selisih.load(get(budi, '/penilaian/2022/selisih'));
		const row = (
			budiMatrix as { matrix: { rows: { id: number; v: unknown[]; s: unknown[] }[] } }
		).matrix.rows.find((r) => r.id === opd.opdId)!;
		const col = inds.findIndex((i) => i.id === first.id);
		expect(row.v[col]).toBeNull();
		expect(row.s[col]).toBeNull();
		const budiAudit = await auditPage.load(get(budi, '/admin/audit', {}));
		const detail = await exportFile(2022, 'rinci', 'csv', db);
		for (const page of [budiMatrix, budiOpd, budiCell, budiSelisih, budiAudit, detail]) {
			expect(JSON.stringify(page)).not.toContain('catatan-rahasia-ani');
			expect(JSON.stringify(page)).not.toContain('catatan-mandiri-opd');
		}
		expect((budiCell as { cell: { value: unknown; self: unknown } }).cell).toMatchObject({
			value: null,
			self: null
		});
		// Ani sees her own value (from her rater row, not the empty cell) and note.
		const aniMatrix = (await matrixPage.load(get(ani, '/penilaian/2022'))) as {
			matrix: { rows: { id: number; v: unknown[]; ver: number[] }[] };
		};
		const aniRow = aniMatrix.matrix.rows.find((r) => r.id === opd.opdId)!;
		expect([aniRow.v[col], aniRow.ver[col]]).toEqual([0, 1]);
		// Ani sees her own value and note.
		const aniOpd = (await opdPage.load(get(ani, `/penilaian/2022/opd/${opd.slug}`, params))) as {
			cells: { value: number | null; note: string | null }[];
		};
		expect(aniOpd.cells[0]).toMatchObject({ value: 0, note: 'catatan-rahasia-ani' });
		// A rater's writes are audited under their own entity, not the cell's history.
		const events = await db.select().from(auditEvents).where(eq(auditEvents.action, 'rater.set'));
		expect(events.map((e) => e.entityType)).toEqual(['rater-score']);
	});

	it('refuses direct cell writes and anyone who is not a rater of the OPD', async () => {
		const refused = fail(await saveInMatrix(admin, inds[0]!.id, '1'));
		expect(refused.status).toBe(403);
		expect(refused.data.message).toMatch(/hanya penilai yang ditugaskan pada OPD ini/);
		expect(ok(await saveInMatrix(ani, inds[0]!.id, '1')).saved).toMatchObject({ version: 1 });
		expect(await cellValue(inds[0]!.id)).toBeNull();
		// Submitting before every cell is filled is refused.
		expect(fail(await submit(ani)).data.message).toMatch(/belum Anda isi/);
		// Switching double scoring off once raters scored is refused.
		const off = fail(
			await adminPeriod.actions.doubleScoring!(
				post(admin, '/admin/periode/2022?/doubleScoring', [['leadEvaluatorId', '']])
			)
		);
		expect(off.data.message).toMatch(/tidak dapat dimatikan/);
	});

	it("keeps a rater's evidence files out until both submitted: upload and delete refused, then allowed", async () => {
		const cellParams = { year: '2022', slug: opd.slug, key: inds[0]!.key };
		const bytes = (seed: number) => {
			const b = new Uint8Array(64);
			b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
			b[63] = seed;
			return b;
		};
		const upload = (user: SessionUser, seed: number) =>
			cellPage.actions.uploadFile!(
				newRequest('/x?/uploadFile', {
					user,
					params: cellParams,
					form: { file: new File([bytes(seed) as BlobPart], 'bukti.png') }
				}) as never
			);
		const early = fail(await upload(ani, 1));
		expect(early.status).toBe(409);
		expect(early.data.message).toMatch(/dinilai dua penilai.*setelah semua penilai OPD ini/);
		// An admin who is not a rater may: every rater sees that file alike.
		const byAdmin = ok(await upload(admin, 2));
		expect(byAdmin.uploaded).toBeTruthy();
		const [adminFile] = await db.select().from(evidenceFiles);
		const del = fail(
			await cellPage.actions.deleteFile!(
				newRequest('/x?/deleteFile', {
					user: budi,
					params: cellParams,
					form: { fileId: String(adminFile!.id) }
				}) as never
			)
		);
		expect(del.status).toBe(409);
		await fillAll(ani);
		await fillAll(budi);
		ok(await submit(ani));
		ok(await submit(budi));
		expect(ok(await upload(ani, 3)).uploaded).toBeTruthy();
		expect(await db.select().from(evidenceFiles)).toHaveLength(2);
	});

	it('takes equal values, lists the difference, and lets only the lead settle it with a reason', async () => {
		const split = inds[1]!;
		await fillAll(ani);
		await fillAll(budi, [split.id]);
		expect(ok(await submit(ani)).submitted).toMatchObject({ decided: false });
		// Ani submitted, Budi not yet: still blind for Budi, nothing decided.
		expect(await cellValue(inds[0]!.id)).toBeNull();
		expect(fail(await submit(ani)).data.message).toMatch(/sudah Anda kirim/);
		expect(ok(await submit(budi)).submitted).toEqual({
			decided: true,
			agreed: inds.length - 1,
			open: 1
		});
		// Equal values are now the cell values; the difference is not.
		expect(await cellValue(inds[0]!.id)).toBe(1);
		expect(await cellValue(split.id)).toBeNull();
		const page = (await selisih.load(get(budi, '/penilaian/2022/selisih'))) as {
			disagreements: { indicatorId: number; raters: { name: string; value: number }[] }[];
			canSettle: boolean;
		};
		expect(page.canSettle).toBe(false);
		expect(page.disagreements).toHaveLength(1);
		expect(page.disagreements[0]!.indicatorId).toBe(split.id);
		expect(page.disagreements[0]!.raters.map((r) => r.value).sort()).toEqual([0, 1]);

		const settleAs = (user: SessionUser, reason: string) =>
			selisih.actions.settle!(
				post(user, '/penilaian/2022/selisih?/settle', [
					['opdId', String(opd.opdId)],
					['indicatorId', String(split.id)],
					['value', '0'],
					['reason', reason]
				])
			);
		// Budi is not the lead: refused, nothing written.
		expect(fail(await settleAs(budi, 'Saya yakin tidak ada')).status).toBe(403);
		// The lead must give a reason.
		expect(fail(await settleAs(ani, '')).data.message).toMatch(/alasan/i);
		ok(await settleAs(ani, 'Dokumen tidak ditemukan di laman PPID'));
		expect(await cellValue(split.id)).toBe(0);
		const [decision] = await db
			.select()
			.from(cellDecisions)
			.where(eq(cellDecisions.indicatorId, split.id));
		expect(decision).toMatchObject({ kind: 'settled', value: 0, decidedBy: ani.id });
		// The cell's history shows both originals and the settlement.
		const cell = (await cellPage.load(
			get(budi, `/penilaian/2022/opd/${opd.slug}/${split.key}`, {
				year: '2022',
				slug: opd.slug,
				key: split.key
			})
		)) as { history: { action: string; before: unknown; after: unknown }[] };
		const settled = cell.history.find((h) => h.action === 'cell.settle')!;
		expect(settled.before).toEqual({
			raters: [
				{ rater: ani.displayName, value: 1, notApplicable: false },
				{ rater: 'Budi Penilai', value: 0, notApplicable: false }
			]
		});
		expect(settled.after).toMatchObject({
			value: 0,
			reason: 'Dokumen tidak ditemukan di laman PPID'
		});
		expect(cell.history.map((h) => h.action)).toContain('cell.set');
		// Settling twice is refused.
		expect(fail(await settleAs(ani, 'Sekali lagi saja')).status).toBe(409);
	});

	it('blocks finalising and publishing while raters have not submitted or a difference is open', async () => {
		const refusal = async () => {
			try {
				await transition(periodId, 'final', mover, '', db);
				return null;
			} catch (e) {
				return (e as Error).message;
			}
		};
		expect(await refusal()).toMatch(/penilaian penilai belum dikirim/);
		await fillAll(ani);
		await fillAll(budi, [inds[0]!.id]);
		ok(await submit(ani));
		ok(await submit(budi));
		const readiness = await readinessOfPeriod(periodId, db);
		expect(readiness.blocksPublishing).toBe(true);
		expect(readiness.doubleScoring).toMatchObject({ unsubmitted: 0, openDisagreements: 1 });
		expect(readiness.lines[0]).toMatch(/1 selisih nilai belum diputuskan/);
		expect(await refusal()).toMatch(/1 selisih nilai belum diputuskan/);
		// The agreement view counts this OPD.
		const page = (await selisih.load(get(admin, '/penilaian/2022/selisih'))) as {
			agreement: { opds: number; period: { checks: { n: number; raw: number } } };
		};
		expect(page.agreement.opds).toBe(1);
		const checks = inds.filter((i) => i.kind === 'check').length;
		expect(page.agreement.period.checks.n).toBe(checks);
	});
});

describe('double scoring in a staged period', () => {
	/** A rater's save of one cell, as "ok" or "status message". */
	const rate = (user: SessionUser, indicatorId: number, expectedVersion = 0) =>
		setRaterScore(
			periodId,
			opd.opdId,
			indicatorId,
			{ value: 1, notApplicable: false, expectedVersion },
			actorOf(user),
			db
		).then(
			(r) => r.status,
			(e: unknown) => (e instanceof WorkflowError ? `${e.status} ${e.message}` : Promise.reject(e))
		);

	it("applies the stage schedule to a rater's own value, with the cell's messages", async () => {
		const stages = await makeTwoStages(db, periodId);
		const [web, later] = [stages.web[0]!, stages.web[1]!];
		expect(await rate(ani, web)).toMatch(/^409 .*Monitoring website.*Belum dimulai/);
		await moveStage(periodId, 'web', 'start', actorOf(admin), db);
		expect(await rate(ani, web)).toBe('saved');
		expect(await rate(ani, stages.visit[0]!)).toMatch(/^409 .*Visitasi.*Belum dimulai/);
		// Through the matrix grid the rater reads the same sentence.
		const refused = fail(await saveInMatrix(budi, stages.visit[0]!, '1'));
		expect(refused.status).toBe(409);
		expect(refused.data.message).toMatch(/Visitasi.*Hanya tahap yang sedang berjalan/);
		await moveStage(periodId, 'web', 'announce', actorOf(admin), db);
		// Once the stage's results are out, neither a changed nor a first value is taken.
		expect(await rate(ani, web, 1)).toMatch(/^409 .*Monitoring website.*Hasil diumumkan/);
		expect(await rate(budi, later)).toMatch(/^409 .*Monitoring website/);
		const own = await db
			.select()
			.from(raterScores)
			.where(and(eq(raterScores.periodId, periodId), eq(raterScores.opdId, opd.opdId)));
		expect(own.map((s) => [s.userId, s.indicatorId, s.version])).toEqual([[ani.id, web, 1]]);
	});
});
