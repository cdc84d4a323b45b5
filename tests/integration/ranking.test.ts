import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toResultRows } from '../../src/lib/results-table';
import { randomPeriod } from '../support/scoring/arbitraries';
import { expectSameRanking } from '../support/scoring/equivalence';
import type { DB } from '../../src/lib/server/db';
import {
	assessments,
	indicators,
	opds,
	periodOpds,
	periods,
	type RubricConfig
} from '../../src/lib/server/db/schema';
import { getByYear } from '../../src/lib/server/periods/periods';
import { computeRanking } from '../../src/lib/server/results/ranking';
import { computeView } from '../../src/lib/server/results/results';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;

beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterAll(async () => cleanup());

/** The SQL path and the full engine on the same database, side by side. */
async function bothOf(year: number) {
	const period = (await getByYear(year, db))!;
	const [ranking, view] = await Promise.all([computeRanking(period, db), computeView(period, db)]);
	return { ranking, view };
}

describe('computeRanking (sums in SQL) against computeView (every cell through the engine)', () => {
	it.each([2020, 2021])('ranks the %i seed year the same', async (year) => {
		const { ranking, view } = await bothOf(year);
		expect(ranking.result.opds.length).toBeGreaterThan(30);
		expectSameRanking(ranking.result, view.result);
		// The ranking list (API, CSV, CLI) is the same row for row, and the seed rubric's whole
		// points are exact, so every number is too.
		expect(toResultRows(ranking.result, ranking.roster)).toEqual(
			toResultRows(view.result, view.roster)
		);
		expect(ranking.roster).toEqual(
			view.roster.map(({ slug, shortName, displayName, displayNumber }) => ({
				slug,
				shortName,
				displayName,
				displayNumber
			}))
		);
	});

	it('follows not-applicable cells, unassessed cells and an OPD without cells', async () => {
		const period = (await getByYear(2021, db))!;
		const [first, second] = await db
			.select({ opdId: assessments.opdId, indicatorId: assessments.indicatorId })
			.from(assessments)
			.where(eq(assessments.periodId, period.id))
			.limit(2);
		await db
			.update(assessments)
			.set({ value: null, notApplicable: true })
			.where(
				and(
					eq(assessments.periodId, period.id),
					eq(assessments.opdId, first!.opdId),
					eq(assessments.indicatorId, first!.indicatorId)
				)
			);
		await db
			.update(assessments)
			.set({ value: null })
			.where(
				and(
					eq(assessments.periodId, period.id),
					eq(assessments.opdId, second!.opdId),
					eq(assessments.indicatorId, second!.indicatorId)
				)
			);
		const [opd] = await db
			.insert(opds)
			.values({
				slug: 'opd-tanpa-nilai',
				name: 'OPD Tanpa Nilai',
				shortName: 'OTN',
				kind: 'lainnya'
			})
			.returning({ id: opds.id });
		await db.insert(periodOpds).values({
			periodId: period.id,
			opdId: opd!.id,
			displayNumber: 99,
			displayName: 'OPD Tanpa Nilai'
		});
		const { ranking, view } = await bothOf(2021);
		expectSameRanking(ranking.result, view.result);
		const empty = ranking.result.opds.find((o) => o.opd === 'opd-tanpa-nilai');
		expect(empty).toMatchObject({ score: 0, displayTotal: 0, indicatorsMet: 0 });
		expect(empty!.indicatorsApplicable).toBe(view.result.rubric.indicators.length);
	});

	it('equals the full engine on random rubrics and cells stored in the database (property)', async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(randomPeriod, async ({ rubric, participants, cells }) => {
				run += 1;
				const prefix = `p${run}-`;
				const { indicators: list, ...config } = rubric;
				const rubricConfig: RubricConfig = {
					...config,
					tieBreak: {
						priority: config.tieBreak.priority,
						decisions: config.tieBreak.decisions.map((d) => ({
							...d,
							order: d.order.map((k) => prefix + k)
						}))
					}
				};
				const [period] = await db
					.insert(periods)
					.values({ year: 3000 + run, title: `Acak ${run}`, rubricConfig })
					.returning();
				const opdIds = new Map<string, number>();
				for (const [i, p] of participants.entries()) {
					const [row] = await db
						.insert(opds)
						.values({ slug: prefix + p.key, name: p.name, shortName: p.name, kind: 'dinas' })
						.returning({ id: opds.id });
					opdIds.set(p.key, row!.id);
					await db.insert(periodOpds).values({
						periodId: period!.id,
						opdId: row!.id,
						displayNumber: i + 1,
						displayName: p.name
					});
				}
				const indicatorIds = new Map<string, number>();
				for (const ind of list) {
					const [row] = await db
						.insert(indicators)
						.values({
							periodId: period!.id,
							key: ind.key,
							label: ind.label,
							aspect: ind.aspect,
							kind: ind.kind,
							weight: ind.weight,
							maxLevel: ind.maxLevel ?? null,
							pointsPerUnit: ind.pointsPerUnit ?? null,
							cap: ind.cap ?? null,
							sortOrder: ind.order
						})
						.returning({ id: indicators.id });
					indicatorIds.set(ind.key, row!.id);
				}
				if (cells.length) {
					await db.insert(assessments).values(
						cells.map((c) => ({
							periodId: period!.id,
							opdId: opdIds.get(c.opd)!,
							indicatorId: indicatorIds.get(c.indicator)!,
							value: c.value,
							notApplicable: c.notApplicable ?? false
						}))
					);
				}
				const { ranking, view } = await bothOf(3000 + run);
				expectSameRanking(ranking.result, view.result);
			}),
			{ numRuns: 60 }
		);
	});
});
