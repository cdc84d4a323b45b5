import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import {
	assessments,
	auditEvents,
	indicators,
	periodOpds,
	periods
} from '../../src/lib/server/db/schema';
import { transition, type Mover } from '../../src/lib/server/workflow/lifecycle';
import { moveFromForm } from '../../src/lib/server/workflow/move-from-form';
import {
	markUnassessedAbsent,
	readinessOfPeriod,
	setOpdNotRated
} from '../../src/lib/server/workflow/readiness';
import { computeRanking } from '../../src/lib/server/results/ranking';
import { publishedPage, publishedReport } from '../../src/lib/server/results/open-data';
import { opds } from '../../src/lib/server/db/schema';
import { publishedView } from '../../src/lib/server/results/results';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { createDraft2022Db } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
const admin: Mover = { actor: { userId: null, name: 'admin' }, role: 'admin' };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());

	await transition(periodId, 'open', admin, '', db);
});
afterEach(() => cleanup());

const statusOf = async () =>
	(await db.select().from(periods).where(eq(periods.id, periodId)))[0]?.status;

/** Ticks the first `n` indicators of the first OPD on the roster as present. */
async function tickFirst(n: number) {
	const [entry] = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
	const inds = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	for (const ind of inds.slice(0, n))
		await setCell(
			periodId,
			entry!.opdId,
			ind.id,
			{ value: 1, notApplicable: false, expectedVersion: 0 },
			admin.actor,
			db
		);
	return { opdId: entry!.opdId, opd: entry!.displayName, indicators: inds.length };
}

async function refusal(p: Promise<unknown>): Promise<WorkflowError> {
	const e = await p.then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(WorkflowError);
	return e as WorkflowError;
}

describe('readiness before finalising and publishing', () => {
	it('counts the cells not assessed per OPD and the OPDs with no value at all', async () => {
		const first = await tickFirst(3);
		const r = await readinessOfPeriod(periodId, db);
		expect(r.totalCells).toBe(32 * first.indicators);
		expect(r.unassessedCells).toBe(32 * first.indicators - 3);
		expect(r.opdsWithoutValues).toHaveLength(31);
		const gapOfFirst = r.opdsWithGaps.find((g) => g.opd === first.opd);
		expect(gapOfFirst?.unassessed).toBe(first.indicators - 3);
		expect(r.blocksPublishing).toBe(true);
		expect(r.lines[0]).toBe(
			`${(32 * first.indicators - 3).toLocaleString('id-ID')} dari ${(32 * first.indicators).toLocaleString('id-ID')} sel belum dinilai, di 32 OPD.`
		);
	});

	it('refuses to finalise or publish from a form without the confirmation, changing nothing', async () => {
		await transition(periodId, 'evaluation', admin, '', db);
		const e = await refusal(moveFromForm(periodId, { to: 'final' }, admin));
		expect(e.status).toBe(400);
		expect(e.message).toMatch(/ringkasan/);
		expect(await statusOf()).toBe('evaluation');
	});

	it('refuses to publish a year with unassessed cells until the team decides them', async () => {
		await tickFirst(2);
		await transition(periodId, 'evaluation', admin, '', db);
		await transition(periodId, 'final', admin, '', db);
		const e = await refusal(transition(periodId, 'published', admin, '', db));
		expect(e.status).toBe(409);
		expect(e.message).toMatch(/belum dinilai/);
		expect(await statusOf()).toBe('final');
		expect(await publishedView(2022, db)).toBeNull();

		const before = (await readinessOfPeriod(periodId, db)).unassessedCells;
		expect((await refusal(markUnassessedAbsent(periodId, '', admin.actor, db))).status).toBe(400);
		const decided = await markUnassessedAbsent(
			periodId,
			'Rapat tim 5 Des: OPD tanpa DIP dihitung tidak ada',
			admin.actor,
			db
		);
		expect(decided).toBe(before);
		expect((await readinessOfPeriod(periodId, db)).unassessedCells).toBe(0);
		const zeros = await db
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, periodId), eq(assessments.value, 0)));
		expect(zeros).toHaveLength(before);
		const [audit] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.unassessed-absent'));
		expect(audit?.after).toMatchObject({ cells: before, value: 0 });

		await transition(periodId, 'published', admin, '', db);
		expect(await statusOf()).toBe('published');
		const view = await publishedView(2022, db);
		// The two ticked cells are the only points of the year.
		expect(view?.result.opds.filter((r) => r.displayTotal > 0)).toHaveLength(1);
	});

	it('keeps the values already assessed when deciding the rest', async () => {
		const first = await tickFirst(4);
		await transition(periodId, 'evaluation', admin, '', db);
		await markUnassessedAbsent(periodId, 'keputusan rapat tim', admin.actor, db);
		const ones = await db
			.select()
			.from(assessments)
			.where(
				and(
					eq(assessments.periodId, periodId),
					eq(assessments.opdId, first.opdId),
					eq(assessments.value, 1)
				)
			);
		expect(ones).toHaveLength(4);
	});

	it('decides nothing in an open period', async () => {
		expect(
			(await refusal(markUnassessedAbsent(periodId, 'terlalu dini', admin.actor, db))).status
		).toBe(409);
	});
});

describe('an OPD the team decides "tidak dinilai"', () => {
	/** The second OPD on the roster (the first gets ticks in some tests), with its slug. */
	async function secondOpd() {
		const [, entry] = await db
			.select({ opdId: periodOpds.opdId, name: periodOpds.displayName, slug: opds.slug })
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.where(eq(periodOpds.periodId, periodId))
			.orderBy(periodOpds.displayNumber);
		return entry!;
	}
	const reason = 'Situs OPD tidak dapat diakses sepanjang masa penilaian';

	it('leaves the ranking and the readiness count, is listed apart, and publishes', async () => {
		const first = await tickFirst(2);
		const left = await secondOpd();
		await transition(periodId, 'evaluation', admin, '', db);
		const before = await readinessOfPeriod(periodId, db);

		await setOpdNotRated(periodId, left.slug, reason, admin.actor, db);
		const after = await readinessOfPeriod(periodId, db);
		expect(after.unassessedCells).toBe(before.unassessedCells - first.indicators);
		expect(after.totalCells).toBe(before.totalCells - first.indicators);
		expect(after.notRated).toEqual([
			{ slug: left.slug, opd: left.name, reason, kind: 'tidak dinilai' }
		]);
		expect(after.opdsWithGaps.map((g) => g.slug)).not.toContain(left.slug);
		expect(after.lines).toContain(`1 OPD tidak dinilai dan tidak masuk peringkat: ${left.name}.`);

		// Deciding the rest as "tidak ada" writes no cell of the OPD left out.
		await markUnassessedAbsent(periodId, 'keputusan rapat tim', admin.actor, db);
		const leftCells = await db
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, periodId), eq(assessments.opdId, left.opdId)));
		expect(leftCells).toHaveLength(0);

		await transition(periodId, 'final', admin, '', db);
		await transition(periodId, 'published', admin, '', db);
		const view = await publishedView(2022, db);
		expect(view?.notRated).toEqual([
			{ slug: left.slug, name: left.name, reason, kind: 'tidak dinilai' }
		]);
		// The public page and the printable report list it apart.
		expect((await publishedPage(2022, db))?.notRated).toEqual(view?.notRated);
		expect((await publishedReport(2022, db))?.notRated).toEqual(view?.notRated);
		expect((await publishedPage(2022, db))?.rows.map((r) => r.slug)).not.toContain(left.slug);
		expect(view?.roster).toHaveLength(31);
		expect(view?.roster.map((r) => r.slug)).not.toContain(left.slug);
		expect(view?.result.opds).toHaveLength(31);
		expect(view?.result.opds.map((r) => r.opd)).not.toContain(left.slug);
		// The SQL ranking path agrees.
		const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
		const ranking = await computeRanking(period!, db);
		expect(ranking.roster.map((r) => r.slug)).not.toContain(left.slug);
		expect(ranking.roster).toHaveLength(31);

		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.opd-not-rated'));
		expect(event?.entityId).toBe(left.slug);
		expect(event?.after).toMatchObject({ notRatedReason: reason });
		// Once published, the decision is fixed.
		expect((await refusal(setOpdNotRated(periodId, left.slug, null, admin.actor, db))).status).toBe(
			409
		);
	});

	it('can be rated again before publishing, audited both ways', async () => {
		const left = await secondOpd();
		await transition(periodId, 'evaluation', admin, '', db);
		const start = (await readinessOfPeriod(periodId, db)).unassessedCells;
		await setOpdNotRated(periodId, left.slug, reason, admin.actor, db);
		await setOpdNotRated(periodId, left.slug, null, admin.actor, db);
		const back = await readinessOfPeriod(periodId, db);
		expect(back.unassessedCells).toBe(start);
		expect(back.notRated).toEqual([]);
		const actions = (
			await db.select().from(auditEvents).where(eq(auditEvents.entityId, left.slug))
		).map((e) => e.action);
		expect(actions).toEqual(['period.opd-not-rated', 'period.opd-rated']);
	});

	it('refuses without a reason, for an OPD not in the year, and in an open period', async () => {
		const left = await secondOpd();
		expect(
			(await refusal(setOpdNotRated(periodId, left.slug, reason, admin.actor, db))).status
		).toBe(409);
		await transition(periodId, 'evaluation', admin, '', db);
		expect((await refusal(setOpdNotRated(periodId, left.slug, 'x', admin.actor, db))).status).toBe(
			400
		);
		const unknown = await refusal(setOpdNotRated(periodId, 'tidak-ada', reason, admin.actor, db));
		expect(unknown.status).toBe(404);
		expect(unknown.message).toMatch(/tidak-ada/);
		const rows = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
		expect(rows.filter((r) => r.notRatedReason !== null)).toHaveLength(0);
	});
});

describe('the publish gate counts exactly the cells still open', () => {
	it('blocks on a kept row without a value, not on one not applicable or of an OPD left out', async () => {
		await transition(periodId, 'evaluation', admin, '', db);
		await markUnassessedAbsent(periodId, 'keputusan rapat tim', admin.actor, db);
		const cells = await db.select().from(assessments).where(eq(assessments.periodId, periodId));
		const [open, notApplicable] = cells;
		// A cell with a note but no value: its row exists, it is not assessed.
		await db
			.update(assessments)
			.set({ value: null, note: 'menunggu bukti' })
			.where(eq(assessments.id, open!.id));
		await db
			.update(assessments)
			.set({ value: null, notApplicable: true })
			.where(eq(assessments.id, notApplicable!.id));
		await transition(periodId, 'final', admin, '', db);
		const e = await refusal(transition(periodId, 'published', admin, '', db));
		expect(e.message).toMatch(/^1 sel 2022 belum dinilai/);

		// Left out, its OPD's cells count no more, the open one and one without a row alike.
		const [leftOut] = await db.select().from(opds).where(eq(opds.id, open!.opdId));
		const other = cells.find((c) => c.opdId === open!.opdId && c.id !== open!.id)!;
		await db.delete(assessments).where(eq(assessments.id, other.id));
		expect((await refusal(transition(periodId, 'published', admin, '', db))).message).toMatch(
			/^2 sel 2022 belum dinilai/
		);
		await setOpdNotRated(periodId, leftOut!.slug, 'Tidak berpartisipasi', admin.actor, db);
		await transition(periodId, 'published', admin, '', db);
		expect(await statusOf()).toBe('published');
	});

	it('blocks on a cell without a row when every other cell has its value', async () => {
		await transition(periodId, 'evaluation', admin, '', db);
		await markUnassessedAbsent(periodId, 'keputusan rapat tim', admin.actor, db);
		const [gone] = await db.select().from(assessments).where(eq(assessments.periodId, periodId));
		await db.delete(assessments).where(eq(assessments.id, gone!.id));
		await transition(periodId, 'final', admin, '', db);
		const e = await refusal(transition(periodId, 'published', admin, '', db));
		expect(e.message).toMatch(/^1 sel 2022 belum dinilai/);
	});
});
