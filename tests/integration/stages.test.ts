import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerAppeal, fileAppeal } from '../../src/lib/server/workflow/appeals';
import { getCell, setCell, type CellInput } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, notifications, periodOpds, periods } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { deadlineReminders } from '../../src/lib/server/workflow/notifications';
import { matrixStageLocks } from '../../src/lib/server/workflow/stages/locks';
import { moveStage } from '../../src/lib/server/workflow/stages/moves';
import { opdStageStanding } from '../../src/lib/server/workflow/stages/board';
import { saveSchedule } from '../../src/lib/server/workflow/stages/schedule';
import { stagesOf, stoppedOpds } from '../../src/lib/server/workflow/stages/read';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { createDraft2022Db, makeTwoStages, sessionUser } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let stages: { web: number[]; visit: number[] };
let operatorOpd: number;
let otherOpd: number;
let operator: { userId: number; name: string };
let evaluator: { userId: number; name: string };
let adminUser: { userId: number; name: string };
const mover = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };
const check = (value: number, expectedVersion = 0): CellInput => ({
	value,
	notApplicable: false,
	expectedVersion
});

/** The status of a refused promise (WorkflowError) with its message, or 'ok'. */
const outcome = (p: Promise<unknown>) =>
	p.then(
		() => 'ok',
		(e: unknown) => (e instanceof WorkflowError ? `${e.status} ${e.message}` : Promise.reject(e))
	);

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());

	stages = await makeTwoStages(db, periodId);
	const op = await sessionUser(db, 'demo-operator');
	const ev = await sessionUser(db, 'demo-evaluator');
	const ad = await sessionUser(db, 'demo-admin');
	operator = { userId: op.id, name: op.username };
	evaluator = { userId: ev.id, name: ev.username };
	adminUser = { userId: ad.id, name: ad.username };
	operatorOpd = op.opdId!;
	const [other] = await db
		.select({ id: periodOpds.opdId })
		.from(periodOpds)
		.where(eq(periodOpds.periodId, periodId))
		.then((rows) => rows.filter((r) => r.id !== operatorOpd));
	otherOpd = other!.id;
	await transition(periodId, 'open', mover, '', db);
	await transition(periodId, 'evaluation', mover, '', db);
});
afterEach(() => cleanup());

/** The operator appeals one cell of its own OPD, asking for 1. */
const appealAs = (indicatorId: number) =>
	fileAppeal(
		periodId,
		operatorOpd,
		{ indicatorId, reason: 'Dokumen ini sudah terbit di situs kami', requestedValue: 1 },
		operator,
		db
	);

/** Ticks `n` of the web stage's indicators for an OPD (1) and the rest as absent (0). */
async function fillWeb(opdId: number, met: number) {
	for (const [i, id] of stages.web.entries())
		await setCell(periodId, opdId, id, check(i < met ? 1 : 0), evaluator, db);
}

describe('stages of a period', () => {
	it('a flat rubric has no stage workflow', async () => {
		const { periodId: flat } = await (async () => {
			const [p] = await db.select().from(periods).where(eq(periods.year, 2021));
			return { periodId: p!.id };
		})();
		expect((await stagesOf(flat, db)).staged).toBe(false);
	});

	it('lists the rubric stages in order, pending until started', async () => {
		const { staged, states } = await stagesOf(periodId, db);
		expect(staged).toBe(true);
		expect(states.map((s) => [s.key, s.status])).toEqual([
			['web', 'pending'],
			['visit', 'pending']
		]);
	});

	it('takes no cell until a stage runs, then only the running stage', async () => {
		expect(
			await outcome(setCell(periodId, otherOpd, stages.web[0]!, check(1), evaluator, db))
		).toMatch(/^409 .*Monitoring website.*Belum dimulai/);
		await moveStage(periodId, 'web', 'start', adminUser, db);
		expect(
			await outcome(setCell(periodId, otherOpd, stages.web[0]!, check(1), evaluator, db))
		).toBe('ok');
		expect(
			await outcome(setCell(periodId, otherOpd, stages.visit[0]!, check(1), evaluator, db))
		).toMatch(/^409 .*Visitasi/);
		expect(await getCell(periodId, otherOpd, stages.visit[0]!, db)).toBeNull();
	});

	it('runs stages strictly in order and only while the period is under evaluation', async () => {
		expect(await outcome(moveStage(periodId, 'visit', 'start', adminUser, db))).toMatch(
			/^409 Selesaikan dulu tahap "Monitoring website"/
		);
		expect(await outcome(moveStage(periodId, 'web', 'announce', adminUser, db))).toMatch(/^409 /);
		await transition(periodId, 'open', mover, '', db);
		expect(await outcome(moveStage(periodId, 'web', 'start', adminUser, db))).toMatch(
			/^409 Tahap hanya dapat dimulai ketika periode berstatus Evaluasi/
		);
		await transition(periodId, 'evaluation', mover, '', db);
		await moveStage(periodId, 'web', 'start', adminUser, db);
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		expect(await outcome(moveStage(periodId, 'visit', 'start', adminUser, db))).toMatch(/^409 /);
		await moveStage(periodId, 'web', 'close', adminUser, db);
		await moveStage(periodId, 'visit', 'start', adminUser, db);
		const { states } = await stagesOf(periodId, db);
		expect(states.map((s) => s.status)).toEqual(['closed', 'active']);
		const actions = await db
			.select({ action: auditEvents.action, after: auditEvents.after })
			.from(auditEvents)
			.where(and(eq(auditEvents.entityType, 'stage'), eq(auditEvents.periodId, periodId)));
		expect(actions.map((a) => a.action)).toEqual([
			'stage.start',
			'stage.announce',
			'stage.close',
			'stage.start'
		]);
	});

	it('lets only the evaluators assigned to a stage fill it (an admin always may)', async () => {
		await saveSchedule(
			periodId,
			'web',
			{ startsAt: null, endsAt: null, appealEndsAt: null, evaluatorIds: [adminUser.userId!] },
			adminUser,
			db
		);
		await moveStage(periodId, 'web', 'start', adminUser, db);
		expect(
			await outcome(setCell(periodId, otherOpd, stages.web[0]!, check(1), evaluator, db))
		).toBe('409 Anda tidak ditugaskan sebagai penilai tahap "Monitoring website".');
		expect(
			await outcome(setCell(periodId, otherOpd, stages.web[0]!, check(1), adminUser, db))
		).toBe('ok');
		expect(
			await outcome(
				saveSchedule(
					periodId,
					'web',
					{ startsAt: null, endsAt: null, appealEndsAt: null, evaluatorIds: [operator.userId!] },
					adminUser,
					db
				)
			)
		).toMatch(/^400 Penilai tahap harus/);
	});

	it('refuses a schedule whose dates run backwards', async () => {
		expect(
			await outcome(
				saveSchedule(
					periodId,
					'web',
					{
						startsAt: new Date('2022-03-10'),
						endsAt: new Date('2022-03-01'),
						appealEndsAt: null,
						evaluatorIds: []
					},
					adminUser,
					db
				)
			)
		).toMatch(/^400 Tanggal selesai/);
		expect((await stagesOf(periodId, db)).states[0]!.startsAt).toBeNull();
	});

	it('stops an OPD below the stage minimum from going on, and says why', async () => {
		await moveStage(periodId, 'web', 'start', adminUser, db);
		await fillWeb(otherOpd, 2); // 2 of 6 = 33,33 < 50
		await fillWeb(operatorOpd, 5); // 5 of 6 = 83,33
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		await moveStage(periodId, 'web', 'close', adminUser, db);
		await moveStage(periodId, 'visit', 'start', adminUser, db);

		expect(
			await outcome(setCell(periodId, otherOpd, stages.visit[0]!, check(1), evaluator, db))
		).toBe(
			'409 Tidak lanjut ke tahap berikutnya: nilai tahap "Monitoring website" 33,33 di bawah batas minimum 50,00.'
		);
		expect(
			await outcome(setCell(periodId, operatorOpd, stages.visit[0]!, check(1), evaluator, db))
		).toBe('ok');
		const stopped = await stoppedOpds(periodId, db);
		expect(stopped.get(otherOpd)?.stageKey).toBe('web');
		expect(stopped.has(operatorOpd)).toBe(false);
	});

	it('tells the operators of a stopped OPD when the stage results are announced', async () => {
		await moveStage(periodId, 'web', 'start', adminUser, db);
		await fillWeb(operatorOpd, 1);
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		const mine = await db
			.select({ message: notifications.message })
			.from(notifications)
			.where(eq(notifications.userId, operator.userId!));
		expect(mine.map((n) => n.message)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(
					/^Hasil tahap "Monitoring website" periode 2022 diumumkan\. Sanggahan dapat diajukan sampai /
				),
				expect.stringMatching(
					/^Tidak lanjut ke tahap berikutnya: nilai tahap "Monitoring website" 16,67/
				)
			])
		);
	});

	it('opens an appeal window after the stage results, and closes the stage only when every appeal is answered', async () => {
		await moveStage(periodId, 'web', 'start', adminUser, db);
		await fillWeb(operatorOpd, 2);
		const appeal = () => appealAs(stages.web[3]!);
		expect(await outcome(appeal())).toMatch(/^409 Sanggahan hanya dapat diajukan/);
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		const [appealId] = await Promise.all([appeal()]);
		// A cell of a stage whose results are not announced takes no appeal.
		expect(await outcome(appealAs(stages.visit[0]!))).toMatch(
			/^409 Sanggahan hanya dapat diajukan/
		);
		expect(await outcome(moveStage(periodId, 'web', 'close', adminUser, db))).toBe(
			'409 Masih ada 1 sanggahan tahap "Monitoring website" yang belum dijawab.'
		);
		await answerAppeal(appealId, { granted: true, answer: 'Benar, sudah terbit' }, evaluator, db);
		expect((await getCell(periodId, operatorOpd, stages.web[3]!, db))?.value).toBe(1);
		await moveStage(periodId, 'web', 'close', adminUser, db);
		expect((await stagesOf(periodId, db)).states[0]!.status).toBe('closed');
	});

	it('refuses appeals once the window has passed', async () => {
		await moveStage(periodId, 'web', 'start', adminUser, db);
		await fillWeb(operatorOpd, 2);
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		await saveSchedule(
			periodId,
			'web',
			{
				startsAt: null,
				endsAt: null,
				appealEndsAt: new Date(Date.now() - 60_000),
				evaluatorIds: []
			},
			adminUser,
			db
		);
		expect(await outcome(appealAs(stages.web[3]!))).toMatch(/^409 Sanggahan hanya dapat diajukan/);
	});

	it('finalizes a staged period only when every stage is closed', async () => {
		expect(await outcome(transition(periodId, 'final', mover, '', db))).toMatch(
			/^409 Tahap "Monitoring website" belum ditutup/
		);
		for (const key of ['web', 'visit']) {
			await moveStage(periodId, key, 'start', adminUser, db);
			await moveStage(periodId, key, 'announce', adminUser, db);
			await moveStage(periodId, key, 'close', adminUser, db);
		}
		await transition(periodId, 'final', mover, '', db);
		expect(await outcome(moveStage(periodId, 'web', 'start', adminUser, db))).toMatch(
			/^409 Periode sudah final/
		);
	});

	it('has no stage schedule for a flat period', async () => {
		const [flat] = await db.select().from(periods).where(eq(periods.year, 2021));
		expect(await outcome(moveStage(flat!.id, 'utama', 'start', adminUser, db))).toMatch(
			/^409 Rubrik periode ini hanya punya satu tahap/
		);
	});

	it('shows the operator each stage, its score once announced, and why the OPD stopped', async () => {
		await moveStage(periodId, 'web', 'start', adminUser, db);
		await fillWeb(operatorOpd, 2);
		let standing = (await opdStageStanding(periodId, operatorOpd, db))!;
		expect(standing.stages.map((s) => [s.key, s.status, s.score])).toEqual([
			['web', 'active', null],
			['visit', 'pending', null]
		]);
		expect(standing.stoppedReason).toBeNull();
		expect(standing.appealIndicatorIds).toEqual([]);
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		standing = (await opdStageStanding(periodId, operatorOpd, db))!;
		expect(standing.stages.map((s) => [s.key, s.score, s.appealOpen, s.skipped])).toEqual([
			['web', 33.33, true, false],
			['visit', null, false, true]
		]);
		expect(standing.stoppedReason).toMatch(/nilai tahap "Monitoring website" 33,33/);
		expect(standing.appealIndicatorIds.sort()).toEqual([...stages.web].sort());
	});

	it('locks the matrix columns outside the running stage and the rows of stopped OPDs', async () => {
		const ev = { id: evaluator.userId!, role: 'evaluator' };
		let locks = (await matrixStageLocks(periodId, ev, db))!;
		expect(locks.current).toBeNull();
		expect(locks.openIndicatorIds).toEqual([]);
		await moveStage(periodId, 'web', 'start', adminUser, db);
		locks = (await matrixStageLocks(periodId, ev, db))!;
		expect(locks.current?.label).toBe('Monitoring website');
		expect(locks.openIndicatorIds.sort()).toEqual([...stages.web].sort());
		await fillWeb(otherOpd, 1);
		await fillWeb(operatorOpd, 6);
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		await moveStage(periodId, 'web', 'close', adminUser, db);
		await saveSchedule(
			periodId,
			'visit',
			{ startsAt: null, endsAt: null, appealEndsAt: null, evaluatorIds: [adminUser.userId!] },
			adminUser,
			db
		);
		await moveStage(periodId, 'visit', 'start', adminUser, db);
		locks = (await matrixStageLocks(periodId, ev, db))!;
		expect(locks.openIndicatorIds).toEqual([]);
		expect(locks.columnReason).toBe('Anda tidak ditugaskan sebagai penilai tahap "Visitasi".');
		locks = (await matrixStageLocks(periodId, { id: adminUser.userId!, role: 'admin' }, db))!;
		expect(locks.openIndicatorIds.sort()).toEqual([...stages.visit].sort());
		expect(Object.keys(locks.stopped).map(Number)).toContain(otherOpd);
		expect(locks.stopped[operatorOpd]).toBeUndefined();
		expect(locks.allClosed).toBe(false);
		await moveStage(periodId, 'visit', 'announce', adminUser, db);
		await moveStage(periodId, 'visit', 'close', adminUser, db);
		expect((await matrixStageLocks(periodId, ev, db))!.allClosed).toBe(true);
	});

	it('reminds the operator when a stage appeal window closes within three days', async () => {
		await moveStage(periodId, 'web', 'start', adminUser, db);
		await moveStage(periodId, 'web', 'announce', adminUser, db);
		const now = new Date();
		for (const [daysLeft, expected] of [
			[2, 1],
			[5, 0]
		] as const) {
			await saveSchedule(
				periodId,
				'web',
				{
					startsAt: null,
					endsAt: null,
					appealEndsAt: new Date(now.getTime() + daysLeft * 86_400_000),
					evaluatorIds: []
				},
				adminUser,
				db
			);
			const reminders = await deadlineReminders(operatorOpd, now, db);
			expect(reminders, `${daysLeft} days left`).toHaveLength(expected);
			if (expected)
				expect(reminders[0]!.message).toMatch(
					/^Masa sanggah tahap "Monitoring website" 2022 berakhir kurang dari 3 hari lagi/
				);
		}
		// A closed stage reminds no one, even inside its old window.
		await saveSchedule(
			periodId,
			'web',
			{
				startsAt: null,
				endsAt: null,
				appealEndsAt: new Date(now.getTime() + 86_400_000),
				evaluatorIds: []
			},
			adminUser,
			db
		);
		expect(await deadlineReminders(operatorOpd, now, db)).toHaveLength(1);
		await moveStage(periodId, 'web', 'close', adminUser, db);
		expect(await deadlineReminders(operatorOpd, now, db)).toHaveLength(0);
	});
});
