/**
 * One order everywhere: the engine orders a period once (rankAndAward), tie-break and recorded
 * team decisions included, and every output (ranking rows, podium, API JSON and CSV, published
 * page and report rows, dashboard, exports, the ranking from sums) lists the OPDs in that order.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/lib/insights/dashboard';
import { toResultRows } from '../../src/lib/results-table';
import { compareByName } from '../../src/lib/scoring/rank';
import { scorePeriod } from '../../src/lib/scoring/score';
import { rankFromSums, sumCells, type OpdSums } from '../../src/lib/scoring/sums';
import { randomPeriod } from '../support/scoring/arbitraries';
import type { Cell, PeriodResult, Rubric, TieDecision } from '../../src/lib/scoring/types';
import { setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { indicators } from '../../src/lib/server/db/schema';
import { exportFile } from '../../src/lib/server/results/export';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { markUnassessedAbsent } from '../../src/lib/server/workflow/readiness';
import {
	publishedFile,
	publishedPage,
	publishedReport
} from '../../src/lib/server/results/open-data';
import { getByYear, roster } from '../../src/lib/server/periods/periods';
import {
	buildPublishedFiles,
	type PublicPageData
} from '../../src/lib/server/results/published-files';
import { computeRanking } from '../../src/lib/server/results/ranking';
import { computeView, publishedView, type ResultsView } from '../../src/lib/server/results/results';
import { openTies, recordTieDecision } from '../../src/lib/server/workflow/ties';
import { createDraft2022Db } from './helpers/workflow';
import { everyYearView } from './helpers/year-views';

/** The sums of every OPD from its cells, as the database aggregate adds them up. */
function sumsOfCells(rubric: Rubric, cells: Cell[]): (opd: string) => OpdSums | undefined {
	const byOpd = new Map<string, Map<string, Cell>>();
	for (const cell of cells) {
		if (!byOpd.has(cell.opd)) byOpd.set(cell.opd, new Map());
		byOpd.get(cell.opd)!.set(cell.indicator, cell);
	}
	return (opd) => {
		const own = byOpd.get(opd);
		return own ? sumCells(rubric, (key) => own.get(key)) : undefined;
	};
}

const csvSlugs = (csv: string) =>
	Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: true
	}).data.map((r) => r.slug);

/** Groups of consecutive OPDs (in the engine's order) showing the same total. */
function totalGroups(result: PeriodResult): { start: number; opds: PeriodResult['opds'] }[] {
	const groups: { start: number; opds: PeriodResult['opds'] }[] = [];
	result.opds.forEach((o, i) => {
		const last = groups[groups.length - 1];
		if (last && last.opds[0]!.displayTotal === o.displayTotal) last.opds.push(o);
		else groups.push({ start: i, opds: [o] });
	});
	return groups;
}

/**
 * What every reader of a result must agree on, checked against the result's own order: ranks are
 * competition ranks over it, and the podium takes its positions from it.
 */
function expectConsistentOrder(result: PeriodResult) {
	const order = result.opds.map((o) => o.opd);
	result.opds.forEach((o, i) => {
		const previous = result.opds[i - 1];
		if (previous) expect(previous.displayTotal).toBeGreaterThanOrEqual(o.displayTotal);
		const sharesWithPrevious = previous !== undefined && previous.rank === o.rank;
		expect(o.rank).toBe(sharesWithPrevious ? previous.rank : i + 1);
		const next = result.opds[i + 1];
		expect(o.tied).toBe(sharesWithPrevious || (next !== undefined && next.rank === o.rank));
		if (sharesWithPrevious) expect(previous.displayTotal).toBe(o.displayTotal);
	});
	for (const award of result.awards) {
		const at = result.opds[award.position - 1]!;
		if (award.settled) {
			expect(award.opds).toEqual([at.opd]);
			expect(at.rank).toBe(award.position);
			expect(at.tier).toBe(award.tier);
		} else {
			// An open position lists exactly the OPDs sharing the rank there, in the ranking's order.
			expect(award.opds).toEqual(result.opds.filter((o) => o.rank === at.rank).map((o) => o.opd));
			expect(at.tied).toBe(true);
		}
	}
	// The podium reads top to bottom in the ranking's order.
	const podium = result.awards.filter((a) => a.settled).map((a) => a.opds[0]!);
	expect(podium).toEqual(order.filter((k) => podium.includes(k)));
}

/** A published-style view around a pure result (roster from the participants). */
function viewOf(result: PeriodResult): ResultsView {
	return {
		year: 2030,
		title: 'Monev 2030',
		status: 'published',
		source: null,
		publishedAt: null,
		roster: result.opds.map((o, i) => ({
			slug: o.opd,
			name: o.name,
			shortName: o.name,
			kind: 'dinas' as const,
			websiteUrl: null,
			displayNumber: result.opds.length - i,
			displayName: o.name
		})),
		result,
		officialAwards: [],
		notRated: []
	};
}

/**
 * A random period, scored once; then team decisions are recorded for some of its ties (each in a
 * random order), as the team would on /penilaian/{year}/juara, and the priority list is dropped
 * or kept.
 */
const periodWithDecisions = fc
	.record({
		period: randomPeriod,
		shuffles: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 14 }), {
			minLength: 14,
			maxLength: 14
		}),
		decide: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
		keepPriority: fc.boolean()
	})
	.map(({ period, shuffles, decide, keepPriority }) => {
		const before = scorePeriod(period.rubric, period.participants, period.cells);
		const decisions: TieDecision[] = [];
		totalGroups(before).forEach((group, g) => {
			if (group.opds.length < 2 || !decide[g % decide.length]) return;
			const keys = group.opds.map((o) => o.opd);
			const weights = shuffles[g % shuffles.length]!;
			const order = keys
				.map((k, i) => ({ k, w: weights[i] ?? i / keys.length }))
				.sort((a, b) => a.w - b.w)
				.map((x) => x.k);
			decisions.push({ order, reason: `Keputusan seri ${g + 1}` });
		});
		const tieBreak = {
			priority: keepPriority ? period.rubric.tieBreak.priority : [],
			decisions: [...decisions, ...period.rubric.tieBreak.decisions]
		};
		return { ...period, rubric: { ...period.rubric, tieBreak } };
	});

describe('the engine order', () => {
	it('is what every output lists, for random periods with team decisions', () => {
		fc.assert(
			fc.property(periodWithDecisions, ({ rubric, participants, cells }) => {
				const result = scorePeriod(rubric, participants, cells);
				const order = result.opds.map((o) => o.opd);
				expectConsistentOrder(result);

				// Without a priority list, a recorded decision orders its tie exactly, with distinct
				// ranks; a tie no decision covers stays level, by name, sharing one rank.
				if (rubric.tieBreak.priority.length === 0) {
					for (const { start, opds } of totalGroups(result)) {
						if (opds.length < 2) continue;
						const decision = rubric.tieBreak.decisions.find((d) =>
							opds.every((o) => d.order.includes(o.opd))
						);
						const keys = opds.map((o) => o.opd);
						if (decision) {
							expect(keys).toEqual(decision.order.filter((k) => keys.includes(k)));
							expect(opds.map((o) => o.rank)).toEqual(opds.map((_, i) => start + i + 1));
						} else {
							expect(keys).toEqual([...opds].sort(compareByName).map((o) => o.opd));
							expect(opds.every((o) => o.rank === start + 1 && o.tied)).toBe(true);
						}
					}
				}

				// The ranking from sums (exports, CLI) gives the same order and ranks.
				const summary = rankFromSums(rubric, participants, sumsOfCells(rubric, cells));
				expect(summary.opds.map((o) => [o.opd, o.rank, o.tied, o.tier])).toEqual(
					result.opds.map((o) => [o.opd, o.rank, o.tied, o.tier])
				);
				expect(summary.awards).toEqual(result.awards);

				// Ranking rows (results page, API, CLI, export) and the published files.
				const view = viewOf(result);
				expect(toResultRows(result, view.roster).map((r) => r.slug)).toEqual(order);
				const files = buildPublishedFiles(view);
				const json = JSON.parse(files['results.json'].body) as {
					results: { slug: string; rank: number }[];
				};
				expect(json.results.map((r) => r.slug)).toEqual(order);
				expect(json.results.map((r) => r.rank)).toEqual(result.opds.map((o) => o.rank));
				expect(csvSlugs(files['results.csv'].body)).toEqual(order);
				// The public page and the printed report read these rows.
				const page = JSON.parse(files['page.json'].body) as PublicPageData;
				expect(page.rows.map((r) => r.slug)).toEqual(order);
				expect(page.awards).toEqual(result.awards);
				const standings = JSON.parse(files['standings.json'].body) as {
					totals: [string, number][];
				};
				expect(standings.totals.map(([slug]) => slug)).toEqual(order);

				// The dashboard's ranking table and chart.
				const dashboard = buildDashboard([view], 2030, new URLSearchParams())!;
				expect(dashboard.ranking.map((r) => r.slug)).toEqual(order);
				expect(dashboard.awards).toEqual(result.awards);
			}),
			{ numRuns: 300 }
		);
	});
});

describe('a recorded tie decision in the database', () => {
	let db: DB;
	let cleanup: () => Promise<void>;
	let periodId: number;
	const actor = { userId: null, name: 'demo-evaluator' };
	const admin = { actor, role: 'admin' as const };

	beforeEach(async () => {
		({ db, cleanup, periodId } = await createDraft2022Db());
	});
	afterEach(() => cleanup());

	it('orders Distan above Bappeda, as decided, on every page, file and export of 2022', async () => {
		await transition(periodId, 'open', admin, '', db);
		const entries = await roster(periodId, db);
		const slugOf = (short: string) => entries.find((e) => e.shortName === short)!.slug;
		const [top, distan, bappeda] = [slugOf('Diskominfo'), slugOf('Distan'), slugOf('Bappeda')];
		const idOf = new Map(entries.map((e) => [e.slug, e.opdId]));
		const inds = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
		// Diskominfo ticks everything; Distan and Bappeda all but one each: tied for second.
		const tick = async (slug: string, skip: number | null) => {
			for (const [i, ind] of inds.entries())
				await setCell(
					periodId,
					idOf.get(slug)!,
					ind.id,
					{ value: i === skip ? 0 : 1, notApplicable: false, expectedVersion: 0 },
					actor,
					db
				);
		};
		await tick(top, null);
		await tick(distan, 0);
		await tick(bappeda, 1);

		const { ties } = await openTies(periodId, db);
		expect(ties.map((t) => [...t.opds].sort())).toEqual([[bappeda, distan].sort()]);
		await recordTieDecision(periodId, [distan, bappeda], 'Presentasi lebih lengkap', actor, db);

		const expected = [
			[top, 1, false, 'Terbaik I'],
			[distan, 2, false, 'Terbaik II'],
			[bappeda, 3, false, 'Terbaik III']
		];
		const head = (rows: { slug: string; rank: number; tied: boolean; tier: string | null }[]) =>
			rows.slice(0, 3).map((r) => [r.slug, r.rank, r.tied, r.tier]);

		// Live, before publishing: the evaluators' view and the export's ranking from sums.
		const draft = (await getByYear(2022, db))!;
		const live = await computeView(draft, db);
		expect(head(toResultRows(live.result, live.roster))).toEqual(expected);
		const sums = await computeRanking(draft, db);
		expect(head(toResultRows(sums.result, sums.roster))).toEqual(expected);
		for (const s of ['evaluation', 'final', 'published'] as const) {
			if (s === 'published')
				await markUnassessedAbsent(periodId, 'sel kosong dihitung tidak ada', admin.actor, db);
			await transition(periodId, s, admin, '', db);
		}

		const published = (await publishedView(2022, db))!;
		const order = published.result.opds.map((o) => o.opd);
		expect(order.slice(0, 3)).toEqual([top, distan, bappeda]);
		expect(published.result.awards.map((a) => a.opds)).toEqual([[top], [distan], [bappeda]]);

		// /hasil/2022 (page.json), /laporan/2022, the API JSON and CSV, the export, the dashboard.
		const page = (await publishedPage(2022, db))!;
		expect(head(page.rows)).toEqual(expected);
		expect(page.rows.map((r) => r.slug)).toEqual(order);
		const report = (await publishedReport(2022, db))!;
		expect(report.ranking.map((r) => r.slug)).toEqual(order);
		const json = JSON.parse((await publishedFile(2022, 'results.json', db))!.body) as {
			results: { slug: string; rank: number; tied: boolean; tier: string | null }[];
		};
		expect(head(json.results)).toEqual(expected);
		expect(json.results.map((r) => r.slug)).toEqual(order);
		expect(csvSlugs((await publishedFile(2022, 'results.csv', db))!.body)).toEqual(order);
		const exported = (await exportFile(2022, 'peringkat', 'csv', db))!;
		expect(csvSlugs(String(exported.body))).toEqual(order);
		const dashboard = buildDashboard(await everyYearView(db), 2022, new URLSearchParams())!;
		expect(head(dashboard.ranking)).toEqual(expected);
		expect(dashboard.ranking.map((r) => r.slug)).toEqual(order);
	});
});
