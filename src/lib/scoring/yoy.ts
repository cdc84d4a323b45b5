/**
 * Year-on-year comparison. Rubrics change every year, so indicators are compared only when their
 * key exists in both years (the key is kept when an indicator keeps its meaning), and the
 * comparison says which keys were left out.
 */
import { roundTo } from './number';
import { compareByName } from './rank';
import type { OpdResult, PeriodResult, TrendPoint, YoyComparison, YoyOpd } from './types';

function summary(r: OpdResult): NonNullable<YoyOpd['before']> {
	return { rank: r.rank, displayTotal: r.displayTotal, indicatorsMet: r.indicatorsMet };
}

/** Comparable keys met on one side only; not applicable on either side is neither. */
function changes(comparable: string[], before: OpdResult, after: OpdResult) {
	const b = new Map(before.indicators.map((s) => [s.key, s]));
	const a = new Map(after.indicators.map((s) => [s.key, s]));
	const gained: string[] = [];
	const lost: string[] = [];
	for (const key of comparable) {
		const was = b.get(key);
		const now = a.get(key);
		if (!was || !now || was.notApplicable || now.notApplicable) continue;
		if (now.met && !was.met) gained.push(key);
		if (was.met && !now.met) lost.push(key);
	}
	return { gained, lost };
}

const STATUS_ORDER: Record<YoyOpd['status'], number> = { both: 0, new: 1, gone: 2 };

function compareYoy(x: YoyOpd, y: YoyOpd): number {
	return (
		STATUS_ORDER[x.status] - STATUS_ORDER[y.status] ||
		(y.totalDelta ?? 0) - (x.totalDelta ?? 0) ||
		compareByName(x, y)
	);
}

/**
 * Compares two periods OPD by OPD (matched by key) and indicator by indicator (matched by key).
 * totalDelta is after − before of the displayed totals, rounded to the finer of both rubrics'
 * decimals; rankDelta is before.rank − after.rank (positive = moved up). OPDs present in both
 * come first, biggest gain first, then new OPDs, then OPDs gone; ties by name.
 */
export function compareYears(before: PeriodResult, after: PeriodResult): YoyComparison {
	const beforeKeys = new Set(before.rubric.indicators.map((i) => i.key));
	const afterKeys = new Set(after.rubric.indicators.map((i) => i.key));
	const byOrder = (r: PeriodResult) =>
		[...r.rubric.indicators].sort((a, b) => a.order - b.order).map((i) => i.key);
	const comparable = byOrder(after).filter((k) => beforeKeys.has(k));
	const onlyBefore = byOrder(before).filter((k) => !afterKeys.has(k));
	const onlyAfter = byOrder(after).filter((k) => !beforeKeys.has(k));
	const decimals = Math.max(before.rubric.decimals, after.rubric.decimals);

	const earlier = new Map(before.opds.map((o) => [o.opd, o]));
	const later = new Map(after.opds.map((o) => [o.opd, o]));
	const opds: YoyOpd[] = [];
	for (const now of after.opds) {
		const was = earlier.get(now.opd);
		if (!was) {
			opds.push({
				opd: now.opd,
				name: now.name,
				before: null,
				after: summary(now),
				totalDelta: null,
				rankDelta: null,
				gained: [],
				lost: [],
				status: 'new'
			});
			continue;
		}
		opds.push({
			opd: now.opd,
			name: now.name,
			before: summary(was),
			after: summary(now),
			totalDelta: roundTo(now.displayTotal - was.displayTotal, decimals),
			rankDelta: was.rank - now.rank,
			...changes(comparable, was, now),
			status: 'both'
		});
	}
	for (const was of before.opds) {
		if (later.has(was.opd)) continue;
		opds.push({
			opd: was.opd,
			name: was.name,
			before: summary(was),
			after: null,
			totalDelta: null,
			rankDelta: null,
			gained: [],
			lost: [],
			status: 'gone'
		});
	}
	return { comparable, onlyBefore, onlyAfter, opds: opds.sort(compareYoy) };
}

/**
 * One OPD's displayed total and rank per year, oldest first, with the number of OPDs scored that
 * year; displayTotal and rank are null in years the OPD was not scored.
 */
export function trend(
	results: { year: number; result: PeriodResult }[],
	opd: string
): TrendPoint[] {
	return [...results]
		.sort((a, b) => a.year - b.year)
		.map(({ year, result }) => {
			const found = result.opds.find((o) => o.opd === opd);
			return {
				year,
				displayTotal: found?.displayTotal ?? null,
				rank: found?.rank ?? null,
				participants: result.opds.length
			};
		});
}
