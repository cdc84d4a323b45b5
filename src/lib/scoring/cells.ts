/**
 * Reports cells that `scorePeriod` would ignore or read in a way the evaluator may not expect:
 * unknown OPDs or indicators, duplicates and values outside what the indicator's kind allows.
 */
import { formatNumberId } from './number';
import type { Cell, Indicator, Participant, Rubric } from './types';

/** Why a value does not fit its indicator, or null when it fits. Null values are "not assessed". */
function valueProblem(ind: Indicator, value: number): string | null {
	if (!Number.isFinite(value)) return 'nilai bukan angka';
	if (ind.kind === 'check') {
		return value === 0 || value === 1 ? null : 'nilai harus 0 (tidak ada) atau 1 (ada)';
	}
	if (ind.kind === 'scale') {
		const max = ind.maxLevel ?? 0;
		const fits = Number.isInteger(value) && value >= 0 && value <= max;
		return fits ? null : `level harus bilangan bulat 0 sampai ${max}`;
	}
	return value >= 0 ? null : 'jumlah tidak boleh negatif';
}

/**
 * Lists, in Indonesian, the problems of a period's cells against its rubric and participants:
 * cells of unknown OPDs or indicators (which `scorePeriod` ignores), duplicate cells (the last
 * one counts), duplicate participants, and values out of range (check not 0/1, scale level not
 * an integer in 0..maxLevel, negative count).
 */
export function checkCells(rubric: Rubric, participants: Participant[], cells: Cell[]): string[] {
	const problems: string[] = [];
	const opds = new Set<string>();
	for (const p of participants) {
		if (opds.has(p.key)) problems.push(`OPD "${p.key}" terdaftar lebih dari sekali.`);
		opds.add(p.key);
	}
	const indicators = new Map(rubric.indicators.map((ind) => [ind.key, ind]));
	const seen = new Set<string>();
	for (const cell of cells) {
		const where = `OPD "${cell.opd}", indikator "${cell.indicator}"`;
		const ind = indicators.get(cell.indicator);
		if (!opds.has(cell.opd)) problems.push(`${where}: OPD tidak terdaftar pada periode ini.`);
		if (!ind) problems.push(`${where}: indikator tidak ada di rubrik.`);
		const pair = JSON.stringify([cell.opd, cell.indicator]);
		if (seen.has(pair))
			problems.push(`${where}: dinilai lebih dari sekali; yang terakhir dipakai.`);
		seen.add(pair);
		const problem = ind && cell.value !== null ? valueProblem(ind, cell.value) : null;
		if (problem)
			problems.push(
				`${where}: ${problem} (tercatat ${formatNumberId(cell.value ?? 0, 6, { trim: true })}).`
			);
	}
	return problems;
}
