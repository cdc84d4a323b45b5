/**
 * "What we are missing": for one OPD, the indicators it does not fully meet, ordered by the points
 * each would add, and what its total, rank and band would become if they were fixed (a what-if).
 */
import { roundTo } from '../scoring/number';
import { qualify } from '../scoring/rank';
import { indicatorMaxPoints } from '../scoring/rubric';
import { scoreOpd, sortedIndicators, type CellValue } from '../scoring/score';
import type { Indicator, OpdResult, PeriodResult } from '../scoring/types';
import { nextBand } from './bands';

export interface WhatIf {
	displayTotal: number;
	/** Competition rank among the other OPDs as they are. */
	rank: number;
	qualification: string;
}

export interface Gap {
	key: string;
	label: string;
	/** Rubric points the indicator would add when fully met. */
	points: number;
	/** Change of the displayed total if only this indicator were fixed. */
	totalGain: number;
	/** Total, rank and band if only this indicator were fixed. */
	ifFixed: WhatIf;
	/** Value that meets the indicator fully (check 1, scale top level, count enough units). */
	target: number;
}

export interface OpdGaps {
	opd: string;
	current: WhatIf;
	gaps: Gap[];
	/** Total, rank and band if every gap were fixed. */
	ifAllFixed: WhatIf;
	/** The next band and the points of the total still needed; null in the top band. */
	next: { label: string; min: number; missing: number } | null;
	/**
	 * The fewest gaps (largest gains first) that together reach the next band, by key; empty when
	 * there is no next band or fixing everything does not reach it.
	 */
	toNextBand: string[];
}

/** The value that earns an indicator's full points. */
export function fullValue(ind: Indicator): number {
	if (ind.kind === 'check') return 1;
	if (ind.kind === 'scale') return ind.maxLevel ?? 0;
	const per = ind.pointsPerUnit ?? 0;
	return per > 0 ? Math.ceil(indicatorMaxPoints(ind) / per) : 0;
}

/** Competition rank a total would get against every other OPD as it is. */
function rankAmong(result: PeriodResult, opd: string, displayTotal: number): number {
	return 1 + result.opds.filter((o) => o.opd !== opd && o.displayTotal > displayTotal).length;
}

function whatIf(result: PeriodResult, found: OpdResult, fixed: ReadonlySet<string>): WhatIf {
	const { rubric } = result;
	const byKey = new Map(found.indicators.map((s) => [s.key, s]));
	const targets = new Map(rubric.indicators.map((i) => [i.key, fullValue(i)]));
	const cellOf = (key: string): CellValue => {
		const s = byKey.get(key);
		if (fixed.has(key)) return { value: targets.get(key) ?? 0 };
		return s ? { value: s.value, notApplicable: s.notApplicable } : null;
	};
	const rescored = scoreOpd(rubric, { key: found.opd, name: found.name }, cellOf);
	return {
		displayTotal: rescored.displayTotal,
		rank: rankAmong(result, found.opd, rescored.displayTotal),
		qualification: qualify(rubric.bands, rescored.displayTotal)
	};
}

/**
 * The gaps of one OPD: applicable indicators below full points, most points first (then largest
 * gain in the total, then rubric order), each with its what-if; null when the OPD is not in the
 * result. Not-applicable indicators are never gaps.
 */
export function opdGaps(result: PeriodResult, opd: string): OpdGaps | null {
	const found = result.opds.find((o) => o.opd === opd);
	if (!found) return null;
	const { rubric } = result;
	const decimals = rubric.decimals;
	const scores = new Map(found.indicators.map((s) => [s.key, s]));
	const current: WhatIf = {
		displayTotal: found.displayTotal,
		rank: found.rank,
		qualification: found.qualification
	};
	const gaps: Gap[] = [];
	sortedIndicators(rubric).forEach((ind) => {
		const s = scores.get(ind.key);
		if (!s || s.notApplicable || s.points >= s.maxPoints) return;
		const ifFixed = whatIf(result, found, new Set([ind.key]));
		gaps.push({
			key: ind.key,
			label: ind.label,
			points: s.maxPoints - s.points,
			totalGain: roundTo(ifFixed.displayTotal - found.displayTotal, decimals),
			ifFixed,
			target: fullValue(ind)
		});
	});
	// Stable sort keeps rubric order among equals.
	gaps.sort((a, b) => b.points - a.points || b.totalGain - a.totalGain);
	const next = nextBand(rubric.bands, found.displayTotal, decimals);
	const toNextBand: string[] = [];
	if (next) {
		const byGain = [...gaps].sort((a, b) => b.totalGain - a.totalGain);
		const chosen = new Set<string>();
		for (const gap of byGain) {
			chosen.add(gap.key);
			if (whatIf(result, found, chosen).displayTotal >= next.min) {
				toNextBand.push(...chosen);
				break;
			}
		}
	}
	return {
		opd,
		current,
		gaps,
		ifAllFixed: whatIf(result, found, new Set(gaps.map((g) => g.key))),
		next,
		toNextBand
	};
}
