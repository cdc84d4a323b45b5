/**
 * One OPD's page: its score in a year, each category with its evidence and notes, what it misses
 * (with the what-if) and its history across every year it took part in.
 */
import { explainScore } from '../scoring/explain';
import { sortedIndicators } from '../scoring/score';
import { trend } from '../scoring/yoy';
import type { TrendPoint } from '../scoring/types';
import type { YearResult } from './dashboard';
import { opdGaps, type OpdGaps } from './gaps';

/** What the evaluators recorded for one cell (signed-in readers only). */
export interface CellDetail {
	indicator: string;
	evidenceUrl: string | null;
	note: string | null;
	selfEvidenceUrl: string | null;
	selfNote: string | null;
}

export interface OpdCellRow {
	key: string;
	label: string;
	met: boolean;
	notApplicable: boolean;
	value: number | null;
	points: number;
	maxPoints: number;
	detail: CellDetail | null;
}

export interface OpdPage {
	year: number;
	title: string;
	status: string;
	slug: string;
	name: string;
	shortName: string;
	kind: string;
	participants: number;
	decimals: number;
	summary: {
		rank: number;
		tied: boolean;
		displayTotal: number;
		score: number;
		maxScore: number;
		indicatorsMet: number;
		indicatorsApplicable: number;
		qualification: string;
		tier: string | null;
	};
	cells: OpdCellRow[];
	gaps: OpdGaps;
	explanation: string[];
	history: (TrendPoint & { qualification: string | null; indicatorsMet: number | null })[];
	/** The years this OPD took part in (for the year switcher). */
	years: number[];
}

export type OpdHistoryPoint = OpdPage['history'][number];

/**
 * A year the OPD is not on the roster of, known without its results: a row "tidak dinilai" in
 * the OPD's history (`participants`: that year's rated OPDs).
 */
export interface YearWithout {
	year: number;
	participants: number;
}

/**
 * OPD `slug` in every year given (oldest first), with its rank among that year's participants;
 * `without` adds the years known only by their size (the OPD is not in them).
 */
export function opdHistory(
	years: YearResult[],
	slug: string,
	without: YearWithout[] = []
): OpdHistoryPoint[] {
	const sorted = [...years].sort((a, b) => a.year - b.year);
	const points = trend(
		sorted.map((y) => ({ year: y.year, result: y.result })),
		slug
	);
	const known: OpdHistoryPoint[] = points.map((p, i) => {
		const o = sorted[i]?.result.opds.find((x) => x.opd === slug);
		return {
			...p,
			qualification: o?.qualification ?? null,
			indicatorsMet: o?.indicatorsMet ?? null
		};
	});
	const absent = without.map(({ year, participants }) => ({
		year,
		displayTotal: null,
		rank: null,
		participants,
		qualification: null,
		indicatorsMet: null
	}));
	return [...known, ...absent].sort((a, b) => a.year - b.year);
}

/**
 * The page of OPD `slug` in `year` from the years its reader may see; `details` (evidence and
 * notes by indicator key) is left out for the public; `without`: further years of its history,
 * without the OPD (`opdHistory`). Null when the OPD is not in that year.
 */
export function buildOpdPage(
	years: YearResult[],
	year: number,
	slug: string,
	details: CellDetail[] = [],
	without: YearWithout[] = []
): OpdPage | null {
	const current = years.find((y) => y.year === year);
	return current ? opdYearPage(current, slug, opdHistory(years, slug, without), details) : null;
}

/**
 * The page of OPD `slug` in one year, with its history already worked out. `current.result.opds`
 * is read for this OPD's result, the others' totals (ranks "if fixed") and their number.
 */
export function opdYearPage(
	current: YearResult,
	slug: string,
	history: OpdHistoryPoint[],
	details: CellDetail[] = []
): OpdPage | null {
	const found = current.result.opds.find((o) => o.opd === slug);
	const entry = current.roster.find((r) => r.slug === slug);
	if (!found) return null;
	const { result } = current;
	const byKey = new Map(found.indicators.map((s) => [s.key, s]));
	const detailOf = new Map(details.map((d) => [d.indicator, d]));
	const cells = sortedIndicators(result.rubric).map((ind) => {
		const s = byKey.get(ind.key);
		return {
			key: ind.key,
			label: ind.label,
			met: s?.met ?? false,
			notApplicable: s?.notApplicable ?? false,
			value: s?.value ?? null,
			points: s?.points ?? 0,
			maxPoints: s?.maxPoints ?? 0,
			detail: detailOf.get(ind.key) ?? null
		};
	});
	return {
		year: current.year,
		title: current.title,
		status: current.status,
		slug,
		name: entry?.displayName ?? found.name,
		shortName: entry?.shortName ?? found.name,
		kind: entry?.kind ?? '',
		participants: result.opds.length,
		decimals: result.rubric.decimals,
		summary: {
			rank: found.rank,
			tied: found.tied,
			displayTotal: found.displayTotal,
			score: found.score,
			maxScore: found.maxScore,
			indicatorsMet: found.indicatorsMet,
			indicatorsApplicable: found.indicatorsApplicable,
			qualification: found.qualification,
			tier: found.tier
		},
		cells,
		gaps: opdGaps(result, slug)!,
		explanation: explainScore(result, slug),
		history,
		years: history.filter((h) => h.displayTotal !== null).map((h) => h.year)
	};
}

/** Whether a recorded evidence link may be rendered as a link (http/https only, never javascript:). */
export function isHttpUrl(url: string | null | undefined): url is string {
	if (!url) return false;
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:';
	} catch {
		return false;
	}
}
