/**
 * The leadership dashboard's whole view model, from every year's result and the query string:
 * every number the dashboard shows comes from here, after the filters (OPD kind, indicator group)
 * have been applied to all of it.
 */
import { toResultRows, type ResultRow } from '../results-table';
import { compareYears } from '../scoring/yoy';
import type { AwardPosition, PeriodResult } from '../scoring/types';
import { bandDistribution, type BandCount } from './bands';
import { indicatorCoverage, type IndicatorCoverage } from './coverage';
import {
	aspectOptions,
	kindOptions,
	parseFilter,
	pickYears,
	restrictionOf,
	type Filter,
	type Option
} from './filters';
import { heatmap, type Heatmap } from './heatmap';
import { restrictResult } from './rescore';
import { comparability, movers, yoyRows, type Comparability, type YoyRow } from './yoy-view';

/** One year as the dashboard reads it (a structural subset of the server's ResultsView). */
export interface YearResult {
	year: number;
	title: string;
	status: string;
	roster: {
		slug: string;
		kind: string;
		shortName: string;
		displayName: string;
		displayNumber: number;
	}[];
	result: PeriodResult;
}

export interface TrendSeries {
	opd: string;
	name: string;
	/** Displayed total per year of `years`, null where the OPD was not scored. */
	totals: (number | null)[];
	ranks: (number | null)[];
}

export interface YoySection {
	before: number;
	after: number;
	rows: YoyRow[];
	improved: YoyRow[];
	declined: YoyRow[];
	comparability: Comparability;
	/** True when the indicator group filter does not exist in both years and was left out here. */
	aspectIgnored: boolean;
}

export interface Dashboard {
	year: number;
	title: string;
	status: string;
	years: { year: number; status: string }[];
	filter: Filter;
	kinds: Option[];
	aspects: Option[];
	decimals: number;
	ranking: ResultRow[];
	awards: AwardPosition[];
	/** OPD key → short name, for the podium and the charts. */
	shortNames: [string, string][];
	bands: BandCount[];
	coverage: IndicatorCoverage[];
	heatmap: Heatmap;
	/** Mean of the displayed totals of the OPDs shown. */
	average: number;
	yoy: YoySection | null;
	trend: { years: number[]; series: TrendSeries[] };
}

function filtered(y: YearResult, filter: Filter, aspect: string | null): PeriodResult {
	const restriction = restrictionOf({ ...filter, aspect }, y.roster);
	return restrictResult(y.result, restriction);
}

function hasAspect(y: YearResult, aspect: string | null): boolean {
	return aspect !== null && y.result.rubric.indicators.some((i) => i.aspect === aspect);
}

/** The two years the comparison shows (of every year there is). */
export function comparedYears(
	listed: readonly { year: number }[],
	params: { get(name: string): string | null },
	current: number
): { before: number; after: number } | null {
	return pickYears(
		params,
		listed.map((y) => y.year),
		current
	);
}

function yoySection(
	years: YearResult[],
	listed: readonly { year: number }[],
	params: { get(name: string): string | null },
	filter: Filter,
	current: number
): YoySection | null {
	const pick = comparedYears(listed, params, current);
	const before = years.find((y) => y.year === pick?.before);
	const after = years.find((y) => y.year === pick?.after);
	if (!pick || !before || !after) return null;
	const both = hasAspect(before, filter.aspect) && hasAspect(after, filter.aspect);
	const aspect = both ? filter.aspect : null;
	const b = filtered(before, filter, aspect);
	const a = filtered(after, filter, aspect);
	const yoy = compareYears(b, a);
	const rows = yoyRows(yoy, a);
	const byOpd = new Map(rows.map((r) => [r.opd, r]));
	const top = movers(yoy);
	const pickRows = (list: { opd: string }[]) => list.map((o) => byOpd.get(o.opd)!);
	return {
		before: pick.before,
		after: pick.after,
		rows,
		improved: pickRows(top.improved),
		declined: pickRows(top.declined),
		comparability: comparability(b, a, yoy),
		aspectIgnored: filter.aspect !== null && !both
	};
}

/**
 * The years a trend spans: the year on screen and every year sharing at least one OPD with it.
 * A year with none of its OPDs (another region's data in the same database) adds no line that
 * reaches the year on screen, so it is left out, and the server need not score it.
 */
export function trendYears<T extends { year: number; roster: { slug: string }[] }>(
	years: readonly T[],
	current: number
): T[] {
	const shown = years.find((y) => y.year === current);
	if (!shown) return [];
	const slugs = new Set(shown.roster.map((r) => r.slug));
	return years.filter((y) => y === shown || y.roster.some((r) => slugs.has(r.slug)));
}

function trendOf(years: YearResult[], filter: Filter, current: number): Dashboard['trend'] {
	const sorted = trendYears(years, current).sort((a, b) => a.year - b.year);
	const results = sorted.map((y) =>
		filtered(y, filter, hasAspect(y, filter.aspect) ? filter.aspect : null)
	);
	// Names from the latest year an OPD appears in.
	const names = new Map<string, string>();
	sorted.forEach((y) => y.roster.forEach((r) => names.set(r.slug, r.shortName)));
	const byOpd = results.map((r) => new Map(r.opds.map((o) => [o.opd, o])));
	const keys = [...new Set(results.flatMap((r) => r.opds.map((o) => o.opd)))];
	const series = keys
		.map((opd) => {
			const found = byOpd.map((m) => m.get(opd));
			return {
				opd,
				name: names.get(opd) ?? opd,
				totals: found.map((o) => o?.displayTotal ?? null),
				ranks: found.map((o) => o?.rank ?? null)
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name, 'id'));
	return { years: sorted.map((y) => y.year), series };
}

/**
 * Builds the dashboard of `year` from the years' results (any order) and the query string
 * (`jenis`, `aspek`, `dari`, `ke`); null when the year is not among them. `listed` is every year
 * there is (the year picker and the comparison's choices) when `years` holds only the ones the
 * page shows (`dashboardYears`); by default the years given.
 */
export function buildDashboard(
	years: YearResult[],
	year: number,
	params: { get(name: string): string | null },
	listed: readonly { year: number; status: string }[] = years
): Dashboard | null {
	const current = years.find((y) => y.year === year);
	if (!current) return null;
	const kinds = kindOptions(current.roster);
	const aspects = aspectOptions(current.result.rubric);
	const filter = parseFilter(params, kinds, aspects);
	const result = filtered(current, filter, filter.aspect);
	const ranking = toResultRows(result, current.roster);
	return {
		year,
		title: current.title,
		status: current.status,
		years: [...listed]
			.sort((a, b) => a.year - b.year)
			.map((y) => ({ year: y.year, status: y.status })),
		filter,
		kinds,
		aspects,
		decimals: result.rubric.decimals,
		ranking,
		awards: result.awards,
		shortNames: current.roster.map((r) => [r.slug, r.shortName]),
		bands: bandDistribution(result),
		coverage: indicatorCoverage(result),
		heatmap: heatmap(result),
		average: ranking.length ? ranking.reduce((n, r) => n + r.percent, 0) / ranking.length : 0,
		yoy: yoySection(years, listed, params, filter, year),
		trend: trendOf(years, filter, year)
	};
}
