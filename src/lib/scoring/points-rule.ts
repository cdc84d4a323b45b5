/**
 * The scoring rule, declared once: for each indicator kind, the points an assessed cell earns and
 * whether it counts as met, both as a TypeScript function (the engine, `indicatorPoints`) and as
 * a SQL expression over a column name (the aggregate ranking query, `server/ranking.ts`). The
 * table is a `Record<IndicatorKind, …>`, so a kind cannot be added to one side and not the other;
 * `points-rule.test.ts` runs the SQL against SQLite and compares it with the function.
 *
 * check: the weight when value ≥ 1. scale: weight × level ÷ maxLevel, level clamped to
 * 0..maxLevel, the top level earning the weight itself. count: min(units × pointsPerUnit, cap),
 * negative counts earning 0. Met: value ≥ 1 for a check, value > 0 otherwise. Cells not assessed
 * (null) and not applicable are decided by the caller: 0 points, and for not applicable 0 maximum.
 */
import type { Indicator, IndicatorKind } from './types';

/**
 * A SQL expression as fragments: strings are SQL text, numbers are values to bind, which SQLite
 * computes with as floats (`CAST(? AS REAL)`), exactly as JavaScript does.
 */
export type SqlExpr = readonly (string | number)[];

/** Tagged template: interpolated strings (column names, other expressions' text) go in as SQL. */
function q(strings: TemplateStringsArray, ...parts: (string | number | SqlExpr)[]): SqlExpr {
	const out: (string | number)[] = [strings[0]!];
	parts.forEach((part, i) => {
		if (typeof part === 'string' || typeof part === 'number') out.push(part);
		else out.push(...part);
		out.push(strings[i + 1]!);
	});
	return out.filter((p) => p !== '');
}

/** The expression with its numbers as `?` and their values in order (for a libSQL statement). */
export function sqlText(expr: SqlExpr): { sql: string; args: number[] } {
	const args: number[] = [];
	const sql = expr
		.map((p) => (typeof p === 'number' ? (args.push(p), 'CAST(? AS REAL)') : p))
		.join('');
	return { sql, args };
}

export interface KindRule {
	/** Points a cell earns; `value` is finite (assessed). */
	points(ind: Indicator, value: number): number;
	/** The same over the SQL column `value` (not null): a REAL expression. */
	pointsSql(ind: Indicator, value: string): SqlExpr;
	/** Whether an assessed cell counts as met. */
	met(value: number): boolean;
	/** The same over the SQL column `value`: 1 or 0. */
	metSql(value: string): SqlExpr;
	/** True when every value earns a whole number of points (so sums of them are exact). */
	wholePoints(ind: Indicator): boolean;
}

/** The points and the met test of every indicator kind. */
export const POINTS_RULE: Record<IndicatorKind, KindRule> = {
	check: {
		points: (ind, value) => (value >= 1 ? ind.weight : 0),
		pointsSql: (ind, value) => q`(${value} >= 1) * ${ind.weight}`,
		met: (value) => value >= 1,
		metSql: (value) => q`${value} >= 1`,
		wholePoints: (ind) => Number.isInteger(ind.weight)
	},
	scale: {
		points(ind, value) {
			const max = ind.maxLevel ?? 0;
			if (!(max >= 1)) return 0;
			const level = Math.min(max, Math.max(0, value));
			// The top level earns the weight itself, not weight × max ÷ max with its rounding error.
			return level === max ? ind.weight : (ind.weight * level) / max;
		},
		pointsSql(ind, value) {
			const max = ind.maxLevel ?? 0;
			if (!(max >= 1)) return q`0.0`;
			// Below the top level weight × level ÷ max, multiplied first as in `points`.
			return q`CASE WHEN ${value} >= ${max} THEN ${ind.weight} WHEN ${value} > 0 THEN ${ind.weight} * ${value} / ${max} ELSE 0.0 END`;
		},
		met: (value) => value > 0,
		metSql: (value) => q`${value} > 0`,
		// Levels divide the weight; without levels every value earns 0.
		wholePoints: (ind) => !((ind.maxLevel ?? 0) >= 1)
	},
	count: {
		points: (ind, value) => Math.min(Math.max(0, value) * (ind.pointsPerUnit ?? 0), ind.cap ?? 0),
		pointsSql: (ind, value) =>
			q`min(max(${value}, 0.0) * ${ind.pointsPerUnit ?? 0}, ${ind.cap ?? 0})`,
		met: (value) => value > 0,
		metSql: (value) => q`${value} > 0`,
		// Counts may be fractional.
		wholePoints: () => false
	}
};
