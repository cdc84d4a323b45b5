/**
 * Year-over-year views on top of `compareYears`: the biggest movers, the categories that cannot be
 * compared, and rows with indicator labels instead of keys.
 */
import { compareByName } from '../scoring/rank';
import type { PeriodResult, YoyComparison, YoyOpd } from '../scoring/types';

/**
 * The OPDs that gained most and lost most (by change of the displayed total, then rank change,
 * then name), at most `limit` each; OPDs that did not change are in neither list.
 */
export function movers(yoy: YoyComparison, limit = 5): { improved: YoyOpd[]; declined: YoyOpd[] } {
	const both = yoy.opds.filter((o) => o.status === 'both' && o.totalDelta !== null);
	const improved = both
		.filter((o) => (o.totalDelta ?? 0) > 0)
		.sort(
			(a, b) =>
				(b.totalDelta ?? 0) - (a.totalDelta ?? 0) ||
				(b.rankDelta ?? 0) - (a.rankDelta ?? 0) ||
				compareByName(a, b)
		);
	const declined = both
		.filter((o) => (o.totalDelta ?? 0) < 0)
		.sort(
			(a, b) =>
				(a.totalDelta ?? 0) - (b.totalDelta ?? 0) ||
				(a.rankDelta ?? 0) - (b.rankDelta ?? 0) ||
				compareByName(a, b)
		);
	return { improved: improved.slice(0, limit), declined: declined.slice(0, limit) };
}

export interface CategoryChange {
	key: string;
	label: string;
}

export interface Comparability {
	/** Categories of the earlier year only: not compared. */
	onlyBefore: CategoryChange[];
	/** Categories of the later year only: not compared. */
	onlyAfter: CategoryChange[];
	/** Compared categories whose printed label changed (e.g. "Renja 2020" → "Renja 2021"). */
	renamed: { key: string; before: string; after: string }[];
	comparable: number;
}

/** Which categories two years share (by key), which they do not, and which were renamed. */
export function comparability(
	before: PeriodResult,
	after: PeriodResult,
	yoy: YoyComparison
): Comparability {
	const labelsBefore = new Map(before.rubric.indicators.map((i) => [i.key, i.label]));
	const labelsAfter = new Map(after.rubric.indicators.map((i) => [i.key, i.label]));
	return {
		onlyBefore: yoy.onlyBefore.map((key) => ({ key, label: labelsBefore.get(key) ?? key })),
		onlyAfter: yoy.onlyAfter.map((key) => ({ key, label: labelsAfter.get(key) ?? key })),
		renamed: yoy.comparable
			.filter((key) => labelsBefore.get(key) !== labelsAfter.get(key))
			.map((key) => ({
				key,
				before: labelsBefore.get(key) ?? key,
				after: labelsAfter.get(key) ?? key
			})),
		comparable: yoy.comparable.length
	};
}

export interface YoyRow extends YoyOpd {
	gainedLabels: string[];
	lostLabels: string[];
}

/** The comparison's rows with the later year's labels for gained and lost categories. */
export function yoyRows(yoy: YoyComparison, after: PeriodResult): YoyRow[] {
	const labels = new Map(after.rubric.indicators.map((i) => [i.key, i.label]));
	return yoy.opds.map((o) => ({
		...o,
		gainedLabels: o.gained.map((k) => labels.get(k) ?? k),
		lostLabels: o.lost.map((k) => labels.get(k) ?? k)
	}));
}
