import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { SessionUser } from '../../src/lib/server/auth/types';
import * as users from '../../src/lib/server/accounts/users';
import { actorOf } from '../../src/lib/server/accounts/users';
import { useDb, type DB } from '../../src/lib/server/db';
import { assessments, auditEvents, periods } from '../../src/lib/server/db/schema';
import { indicatorRows, roster } from '../../src/lib/server/periods/periods';
import { setCell } from '../../src/lib/server/workflow/assessments';
import { assignmentBoard } from '../../src/lib/server/workflow/assignments';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { snapshotTables } from './helpers/snapshot';
import { createDraft2022Db, sessionUser } from './helpers/workflow';
import { endRequest, request as newRequest } from './helpers/request';

/**
 * Issue 13 §1: who scores what. The admin assigns OPDs and/or aspects per evaluator and period;
 * a cell save and an import refuse cells outside the assignment; a conflict of interest blocks
 * both the assignment and the scoring of the OPD. Driven through the page actions with real
 * users on a real libSQL file database.
 */

vi.mock('$app/server', () => import('./helpers/request'));

const penugasan = await import('../../src/routes/penilaian/[year=year]/penugasan/+page.server');
const matrixPage = await import('../../src/routes/penilaian/[year=year]/+page.server');
const importPage = await import('../../src/routes/impor/+page.server');

const post = (
	user: SessionUser | null,
	path: string,
	fields: [string, string | File][],
	params: Record<string, string> = { year: '2022' }
) => newRequest(path, { user, form: fields, params }) as never;

const get = (
	user: SessionUser | null,
	path: string,
	params: Record<string, string> = { year: '2022' }
) => newRequest(path, { user, params }) as never;

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let admin: SessionUser;
let evaluator: SessionUser;
let second: SessionUser;
let opdA: { opdId: number; displayName: string };
let opdB: { opdId: number; displayName: string };
let indicatorIds: number[];
let aspects: { key: string; label: string }[];
let aspectOf: Map<number, string>;
const mover = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	await users.create(
		{
			username: 'penilai-dua',
			displayName: 'Penilai Dua',
			role: 'evaluator',
			password: 'penilai-dua-rahasia-2026',
			opdId: null
		},
		SYSTEM_ACTORS.seed,
		db
	);
	admin = await sessionUser(db, 'demo-admin');
	evaluator = await sessionUser(db, 'demo-evaluator');
	second = await sessionUser(db, 'penilai-dua');
	const entries = await roster(periodId, db);
	opdA = entries[0]!;
	opdB = entries[1]!;
	const rows = await indicatorRows(periodId, db);
	indicatorIds = rows.map((r) => r.id);
	aspectOf = new Map(rows.map((r) => [r.id, r.aspect]));
	const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
	aspects = period!.rubricConfig.aspects.map((a) => ({ key: a.key, label: a.label }));
	await transition(periodId, 'open', mover, '', db);
	await transition(periodId, 'evaluation', mover, '', db);
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

const assign = (
	user: SessionUser,
	target: SessionUser,
	opdIds: number[],
	aspectKeys: string[] = []
) =>
	penugasan.actions.save!(
		post(user, '/penilaian/2022/penugasan?/save', [
			['userId', String(target.id)],
			...opdIds.map((id): [string, string] => ['opdIds', String(id)]),
			...aspectKeys.map((k): [string, string] => ['aspects', k])
		])
	);

const declare = (user: SessionUser, target: SessionUser, opdId: number, note: string) =>
	penugasan.actions.conflict!(
		post(user, '/penilaian/2022/penugasan?/conflict', [
			['userId', String(target.id)],
			['opdId', String(opdId)],
			['note', note]
		])
	);

/** Saves one cell through the matrix's `set` action (a 0/1 check; level 1 fits every kind). */
const save = (user: SessionUser, opdId: number, indicatorId: number) =>
	matrixPage.actions.set!(
		post(user, '/penilaian/2022?/set', [
			['opdId', String(opdId)],
			['indicatorId', String(indicatorId)],
			['value', '1'],
			['version', '0']
		])
	);

const failure = (result: unknown) => {
	expect(isActionFailure(result), JSON.stringify(result)).toBe(true);
	return result as { status: number; data: { message: string } };
};

async function cell(opdId: number, indicatorId: number) {
	const [row] = await db
		.select()
		.from(assessments)
		.where(
			and(
				eq(assessments.periodId, periodId),
				eq(assessments.opdId, opdId),
				eq(assessments.indicatorId, indicatorId)
			)
		);
	return row ?? null;
}

describe('assignments', () => {
	it('behave as before while the period has none: any evaluator fills any cell', async () => {
		const result = await save(second, opdB.opdId, indicatorIds[0]!);
		expect(isActionFailure(result), JSON.stringify(result)).toBe(false);
		expect((await cell(opdB.opdId, indicatorIds[0]!))?.value).toBe(1);
	});

	it('limit an evaluator to their OPDs, with the refusal in Indonesian and nothing written', async () => {
		expect(isActionFailure(await assign(admin, evaluator, [opdA.opdId]))).toBe(false);
		// Inside the assignment: saved.
		expect(isActionFailure(await save(evaluator, opdA.opdId, indicatorIds[0]!))).toBe(false);
		// Outside: refused, nothing written.
		const before = await snapshotTables(db);
		const refused = failure(await save(evaluator, opdB.opdId, indicatorIds[0]!));
		expect(refused.status).toBe(403);
		expect(refused.data.message).toBe(
			`${opdB.displayName} bukan OPD yang ditugaskan kepada Anda pada periode ini.`
		);
		// An evaluator without any assignment in an assigned period is refused everywhere.
		expect(failure(await save(second, opdA.opdId, indicatorIds[0]!)).data.message).toMatch(
			/^Anda belum mendapat penugasan pada periode ini/
		);
		expect(await snapshotTables(db)).toEqual(before);
		// Admins are exempt.
		expect(isActionFailure(await save(admin, opdB.opdId, indicatorIds[1]!))).toBe(false);
	});

	it('limit by aspect (indicator group)', async () => {
		const aspect = aspects[0]!;
		const inside = indicatorIds.find((id) => aspectOf.get(id) === aspect.key)!;
		const outside = indicatorIds.find((id) => aspectOf.get(id) !== aspect.key);
		expect(isActionFailure(await assign(admin, second, [], [aspect.key]))).toBe(false);
		expect(isActionFailure(await save(second, opdB.opdId, inside))).toBe(false);
		if (outside !== undefined) {
			const label = aspects.find((a) => a.key === aspectOf.get(outside))!.label;
			expect(failure(await save(second, opdB.opdId, outside)).data.message).toBe(
				`Aspek "${label}" bukan kelompok indikator yang ditugaskan kepada Anda pada periode ini.`
			);
		}
	});

	it('are audited, refuse unknown OPDs and aspects, and show progress per evaluator', async () => {
		await assign(admin, evaluator, [opdA.opdId]);
		await save(evaluator, opdA.opdId, indicatorIds[0]!);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'assignment.set'));
		expect(event).toMatchObject({
			userId: admin.id,
			entityId: `${periodId}:${evaluator.id}`,
			before: { opdIds: [], aspects: [] },
			after: { opdIds: [opdA.opdId], aspects: [] }
		});
		const before = await snapshotTables(db);
		expect(failure(await assign(admin, evaluator, [999_999])).data.message).toBe(
			'OPD yang dipilih untuk Evaluator Demo bukan peserta periode 2022.'
		);
		expect(failure(await assign(admin, evaluator, [], ['tidak-ada'])).data.message).toBe(
			'Aspek "tidak-ada" tidak ada pada rubrik periode 2022.'
		);
		expect(
			failure(
				await penugasan.actions.save!(
					post(admin, '/penilaian/2022/penugasan?/save', [
						['userId', String(evaluator.id)],
						['opdIds', '1 OR 1=1']
					])
				)
			).data.message
		).toBe('OPD yang dicentang tidak dikenal.');
		expect(await snapshotTables(db)).toEqual(before);
		// Progress inside the scope: one OPD × every indicator, one cell filled.
		const board = await assignmentBoard(periodId, db);
		expect(board.evaluators.find((e) => e.userId === evaluator.id)).toMatchObject({
			opdIds: [opdA.opdId],
			cells: indicatorIds.length,
			filled: 1
		});
		expect(board.evaluators.find((e) => e.userId === second.id)).toMatchObject({
			cells: 0,
			filled: 0
		});
	});

	it("are the admin's: evaluator, operator, pimpinan and anonymous are refused, nothing changes", async () => {
		const operator = await sessionUser(db, 'demo-operator');
		const pimpinan = await sessionUser(db, 'demo-pimpinan');
		const before = await snapshotTables(db);
		for (const user of [evaluator, operator, pimpinan, null]) {
			try {
				const result = await penugasan.actions.save!(
					post(user, '/penilaian/2022/penugasan?/save', [
						['userId', String(evaluator.id)],
						['opdIds', String(opdA.opdId)]
					])
				);
				throw new Error(`not refused: ${JSON.stringify(result)}`);
			} catch (e) {
				expect(isHttpError(e) || (e as { status?: number }).status === 303, String(e)).toBe(true);
			}
		}
		// Declaring a conflict: operator, pimpinan and anonymous may not; an evaluator only for themselves.
		for (const user of [operator, pimpinan, null]) {
			await expect(declare(user as SessionUser, evaluator, opdA.opdId, 'x')).rejects.toSatisfy(
				(e: unknown) => isHttpError(e) || (e as { status?: number }).status === 303
			);
		}
		expect(failure(await declare(evaluator, second, opdA.opdId, 'x')).data.message).toBe(
			'Anda hanya dapat menyatakan konflik kepentingan Anda sendiri.'
		);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('page: the admin manages, an evaluator reads scopes and progress but only their own conflicts', async () => {
		await declare(admin, second, opdA.opdId, 'catatan rahasia');
		await declare(evaluator, evaluator, opdB.opdId, 'milik saya');
		type View = {
			manage: boolean;
			evaluators: { userId: number; conflicts: { note: string }[] }[];
		};
		const asAdmin = (await penugasan.load(get(admin, '/penilaian/2022/penugasan'))) as View;
		expect(asAdmin.manage).toBe(true);
		expect(asAdmin.evaluators.find((e) => e.userId === second.id)?.conflicts).toHaveLength(1);
		const asEvaluator = (await penugasan.load(get(evaluator, '/penilaian/2022/penugasan'))) as View;
		expect(asEvaluator.manage).toBe(false);
		expect(asEvaluator.evaluators.find((e) => e.userId === second.id)?.conflicts).toEqual([]);
		expect(
			asEvaluator.evaluators.find((e) => e.userId === evaluator.id)?.conflicts.map((c) => c.note)
		).toEqual(['milik saya']);
		for (const user of [await sessionUser(db, 'demo-operator'), null])
			await expect(penugasan.load(get(user, '/penilaian/2022/penugasan'))).rejects.toSatisfy(
				(e: unknown) => isHttpError(e) || (e as { status?: number }).status === 303
			);
	});

	it('open the matrix on "Tugas saya" with a switch to all OPDs', async () => {
		await assign(admin, evaluator, [opdA.opdId]);
		const mine = (await matrixPage.load(get(evaluator, '/penilaian/2022'))) as {
			tasks: { mine: number; all: number; showAll: boolean };
			matrix: { rows: { id: number }[] };
		};
		expect(mine.matrix.rows.map((r) => r.id)).toEqual([opdA.opdId]);
		expect(mine.tasks).toMatchObject({ mine: 1, showAll: false });
		const all = (await matrixPage.load(get(evaluator, '/penilaian/2022?semua=1'))) as typeof mine;
		expect(all.matrix.rows.length).toBe(mine.tasks.all);
		expect(all.matrix.rows.length).toBeGreaterThan(1);
		// In the full view, the other OPDs are locked with the reason a save would give.
		const locks = (all as unknown as { gridLocks: { stopped: Record<number, string> } }).gridLocks;
		expect(locks.stopped[opdB.opdId]).toBe(
			`${opdB.displayName} bukan OPD yang ditugaskan kepada Anda pada periode ini.`
		);
		expect(locks.stopped[opdA.opdId]).toBeUndefined();
		// The admin always sees every OPD.
		const adminView = (await matrixPage.load(get(admin, '/penilaian/2022'))) as {
			tasks: unknown;
			matrix: { rows: unknown[] };
		};
		expect(adminView.tasks).toBeNull();
		expect(adminView.matrix.rows.length).toBe(mine.tasks.all);
	});
});

describe('conflicts of interest', () => {
	it('block scoring the OPD, naming the conflict, even without assignments', async () => {
		expect(
			isActionFailure(await declare(evaluator, evaluator, opdA.opdId, 'adik kandung kepala dinas'))
		).toBe(false);
		const before = await snapshotTables(db);
		const refused = failure(await save(evaluator, opdA.opdId, indicatorIds[0]!));
		expect(refused.data.message).toBe(
			`Anda tercatat memiliki konflik kepentingan dengan ${opdA.displayName} (adik kandung kepala dinas) ` +
				'pada periode ini: sel OPD ini harus dinilai penilai lain.'
		);
		expect(await snapshotTables(db)).toEqual(before);
		// Another OPD, and another evaluator on this OPD: fine.
		expect(isActionFailure(await save(evaluator, opdB.opdId, indicatorIds[0]!))).toBe(false);
		expect(isActionFailure(await save(second, opdA.opdId, indicatorIds[0]!))).toBe(false);
	});

	it('block assigning the OPD, and a declaration takes it out of an existing assignment', async () => {
		await assign(admin, evaluator, [opdA.opdId, opdB.opdId]);
		expect(isActionFailure(await declare(admin, evaluator, opdB.opdId, 'mantan pegawai'))).toBe(
			false
		);
		const board = await assignmentBoard(periodId, db);
		expect(board.evaluators.find((e) => e.userId === evaluator.id)?.opdIds).toEqual([opdA.opdId]);
		const before = await snapshotTables(db);
		expect(failure(await assign(admin, evaluator, [opdA.opdId, opdB.opdId])).data.message).toBe(
			`Evaluator Demo tidak dapat ditugaskan menilai OPD yang terkait dengannya: konflik kepentingan ` +
				`dengan ${opdB.displayName} (mantan pegawai). Hapus centang OPD itu atau cabut dulu catatan konfliknya.`
		);
		expect(await snapshotTables(db)).toEqual(before);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'conflict.record'));
		expect(event).toMatchObject({
			userId: admin.id,
			entityId: `${periodId}:${evaluator.id}:${opdB.opdId}`
		});
	});

	it('apply to setCell itself (the import and the CLI share it), not to system actors', async () => {
		await declare(evaluator, evaluator, opdA.opdId, '');
		await expect(
			setCell(
				periodId,
				opdA.opdId,
				indicatorIds[0]!,
				{ value: 1, notApplicable: false, expectedVersion: 0 },
				actorOf(evaluator),
				db
			)
		).rejects.toThrow(WorkflowError);
		const saved = await setCell(
			periodId,
			opdA.opdId,
			indicatorIds[0]!,
			{ value: 1, notApplicable: false, expectedVersion: 0 },
			SYSTEM_ACTORS.cli,
			db
		);
		expect(saved.status).toBe('saved');
	});
});

describe('an import', () => {
	async function table(marks: [number, number, string][]) {
		const [entries, rows] = await Promise.all([roster(periodId, db), indicatorRows(periodId, db)]);
		const lines = [['No', 'OPD', ...rows.map((r) => r.label)].join(';')];
		entries.forEach((e, r) => {
			const cells = rows.map((_, c) => marks.find(([mr, mc]) => mr === r && mc === c)?.[2] ?? '');
			lines.push([r + 1, e.displayName, ...cells].join(';'));
		});
		return lines.join('\n') + '\n';
	}
	const file = (text: string) => new File([text], 'impor.csv', { type: 'text/csv' });
	async function preview(user: SessionUser, text: string) {
		const result = (await importPage.actions.preview!(
			post(
				user,
				'/impor',
				[
					['year', '2022'],
					['file', file(text)]
				],
				{}
			)
		)) as {
			preview?: {
				token: string;
				digest: string;
				errors: { line: number; message: string }[];
				changes: { refused: string | null }[];
			};
		};
		if (!result?.preview) throw new Error(`no preview: ${JSON.stringify(result)}`);
		return result.preview;
	}

	it('refuses cells outside the assignment and of a conflicted OPD, whole, with the same reasons', async () => {
		await assign(admin, evaluator, [opdA.opdId, opdB.opdId]);
		await declare(admin, evaluator, opdB.opdId, 'istri bekerja di sana');
		// Rows 0 (assigned), 1 (conflict), 2 (not assigned).
		const text = await table([
			[0, 0, '√'],
			[1, 0, '√'],
			[2, 0, '√']
		]);
		const shown = await preview(evaluator, text);
		const third = (await roster(periodId, db))[2]!;
		expect(shown.errors.map((e) => e.message)).toEqual([
			`Baris 3: Anda tercatat memiliki konflik kepentingan dengan ${opdB.displayName} (istri bekerja di sana) pada periode ini: sel OPD ini harus dinilai penilai lain. 1 sel tidak akan ditulis.`,
			`Baris 4: ${third.displayName} bukan OPD yang ditugaskan kepada Anda pada periode ini. 1 sel tidak akan ditulis.`
		]);
		expect(shown.changes.filter((c) => c.refused).length).toBe(2);
		const before = await snapshotTables(db);
		const result = await importPage.actions.commit!(
			post(
				evaluator,
				'/impor',
				[
					['token', shown.token],
					['digest', shown.digest]
				],
				{}
			)
		);
		expect(isActionFailure(result)).toBe(true);
		expect(await snapshotTables(db)).toEqual(before);
		// Only the assigned OPD's cell: written.
		const ok = await preview(evaluator, await table([[0, 0, '√']]));
		expect(ok.errors).toEqual([]);
	});
});
