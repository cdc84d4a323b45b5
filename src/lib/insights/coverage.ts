/** How many OPDs publish each DIP category (indicator): the weakest categories first. */
import { percentOf, sortedIndicators } from '../scoring/score';
import type { PeriodResult } from '../scoring/types';

export interface IndicatorCoverage {
	key: string;
	label: string;
	aspect: string;
	/** OPDs that meet the indicator. */
	met: number;
	/** OPDs the indicator applies to (not-applicable cells left out). */
	applicable: number;
	/** met ÷ applicable × 100, unrounded (0 when none applies). */
	percent: number;
	/** Position in the rubric, 1-based, to show the report's column order. */
	order: number;
}

/**
 * Coverage of every indicator, weakest first (lowest percent, then fewest OPDs meeting it, then
 * rubric order), so the categories that most OPDs still miss head the list.
 */
export function indicatorCoverage(result: PeriodResult): IndicatorCoverage[] {
	const rows = sortedIndicators(result.rubric).map((ind, index) => {
		let met = 0;
		let applicable = 0;
		for (const opd of result.opds) {
			const s = opd.indicators.find((x) => x.key === ind.key);
			if (!s || s.notApplicable) continue;
			applicable += 1;
			if (s.met) met += 1;
		}
		return {
			key: ind.key,
			label: ind.label,
			aspect: ind.aspect,
			met,
			applicable,
			percent: percentOf(met, applicable),
			order: index + 1
		};
	});
	return rows.sort((a, b) => a.percent - b.percent || a.met - b.met || a.order - b.order);
}
