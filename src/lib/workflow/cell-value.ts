/**
 * What a cell may hold for each indicator kind: check 0/1, scale a whole level 0..maxLevel,
 * count a whole number of units ≥ 0; null means "not assessed yet". Pure, shared by the server
 * (which refuses anything else) and the matrix (which cycles through the same values).
 */
import type { IndicatorKind } from '../scoring/types';

export interface CellIndicator {
	kind: IndicatorKind;
	maxLevel?: number | null;
}

/** Why `value` cannot be stored for this indicator, or null when it can. */
export function cellValueProblem(ind: CellIndicator, value: number | null): string | null {
	if (value === null) return null;
	if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0)
		return 'Nilai harus bilangan bulat 0 atau lebih.';
	if (ind.kind === 'check' && value > 1) return 'Indikator centang hanya bernilai 0 atau 1.';
	if (ind.kind === 'scale' && value > (ind.maxLevel ?? 0))
		return `Level tertinggi indikator ini ${ind.maxLevel ?? 0}.`;
	if (ind.kind === 'count' && value > 1_000_000) return 'Jumlah terlalu besar.';
	return null;
}

/** The value Space/Enter moves to: check toggles, scale cycles 0..max then back to empty. */
export function nextValue(ind: CellIndicator, value: number | null): number | null {
	if (ind.kind === 'check') return value === 1 ? 0 : 1;
	if (ind.kind === 'scale') {
		const max = ind.maxLevel ?? 1;
		if (value === null) return 0;
		return value >= max ? null : value + 1;
	}
	return value;
}

/** Not applicable travels as -1 in compact cell values (a real value is never negative). */
export const NOT_APPLICABLE = -1;

/** A compact value as a form field: "" not assessed, "na" not applicable, else the number. */
export function cellField(value: number | null | undefined): string {
	if (value === NOT_APPLICABLE) return 'na';
	return value === null || value === undefined ? '' : String(value);
}

/**
 * A compact value in words. `checkWords` says present/absent the way the reader speaks: an
 * operator answers the SAQ "Ya"/"Tidak", an evaluator records "ada"/"tidak ada".
 */
export function describeCellValue(
	kind: CellIndicator['kind'],
	value: number | null,
	levelLabels: string[] | null,
	checkWords: readonly [string, string] = ['ada', 'tidak ada']
): string {
	if (value === null) return '—';
	if (value === NOT_APPLICABLE) return 'tidak berlaku';
	if (kind === 'check') return value === 1 ? checkWords[0] : checkWords[1];
	if (kind === 'scale') return levelLabels?.[value] ?? `level ${value}`;
	return String(value);
}
