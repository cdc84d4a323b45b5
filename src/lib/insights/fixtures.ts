/** Small results for the insights tests (test files only). */
import { flatRubric } from '../scoring/rubric';
import { scorePeriod } from '../scoring/score';
import type { Cell, PeriodResult, Rubric } from '../scoring/types';

/** Five check categories a–e, one point each. */
export const FIVE: Rubric = flatRubric(
	['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, label: key.toUpperCase() }))
);

/** A result from rows like ['x', 'Name', 'abc'] (met keys); '-' before a key marks it n/a. */
export function resultOf(rubric: Rubric, rows: [string, string, string[]][]): PeriodResult {
	const cells: Cell[] = rows.flatMap(([opd, , met]) =>
		rubric.indicators.map((ind) => ({
			opd,
			indicator: ind.key,
			value: met.includes(ind.key) ? 1 : 0,
			...(met.includes(`-${ind.key}`) ? { notApplicable: true } : {})
		}))
	);
	return scorePeriod(
		rubric,
		rows.map(([key, name]) => ({ key, name })),
		cells
	);
}
