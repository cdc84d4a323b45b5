/** The matrix as a heat map: one row per OPD (rank order), one column per indicator. */
import { sortedIndicators } from '../scoring/score';
import type { PeriodResult } from '../scoring/types';

export type HeatState = 'met' | 'partial' | 'absent' | 'na' | 'unassessed';

export interface HeatCell {
	key: string;
	state: HeatState;
	/** points ÷ max points, 0–1 (0 for not applicable). */
	ratio: number;
}

export interface HeatRow {
	opd: string;
	name: string;
	rank: number;
	displayTotal: number;
	cells: HeatCell[];
}

export interface Heatmap {
	columns: { key: string; label: string }[];
	rows: HeatRow[];
}

/**
 * Heat-map data: met (full points), partial (some points of a scale or count), absent (assessed,
 * no points), na (not applicable) and unassessed. Rows in rank order, columns in rubric order.
 */
export function heatmap(result: PeriodResult): Heatmap {
	const columns = sortedIndicators(result.rubric).map((i) => ({ key: i.key, label: i.label }));
	const rows = result.opds.map((o) => {
		const byKey = new Map(o.indicators.map((s) => [s.key, s]));
		const cells = columns.map(({ key }): HeatCell => {
			const s = byKey.get(key);
			if (!s || (s.value === null && !s.notApplicable))
				return { key, state: 'unassessed', ratio: 0 };
			if (s.notApplicable) return { key, state: 'na', ratio: 0 };
			const ratio = s.maxPoints > 0 ? s.points / s.maxPoints : 0;
			const state: HeatState = ratio >= 1 ? 'met' : ratio > 0 ? 'partial' : 'absent';
			return { key, state, ratio };
		});
		return { opd: o.opd, name: o.name, rank: o.rank, displayTotal: o.displayTotal, cells };
	});
	return { columns, rows };
}
