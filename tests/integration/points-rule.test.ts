import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POINTS_RULE, sqlText } from '../../src/lib/scoring/points-rule';
import { indicatorPoints, type CellValue } from '../../src/lib/scoring/score';
import { INDICATOR_KINDS, type Indicator, type IndicatorKind } from '../../src/lib/scoring/types';
import { createTestDb } from './helpers/test-db';

// The SQL of the points rule (what the ranking query adds up) against a real libSQL database,
// compared bit for bit with the engine's `indicatorPoints`, for every kind over a grid of cells.

const base = { label: 'x', aspect: 'a', order: 1 };
/** Indicators of every kind: a kind missing here is a compile error (Record over the kinds). */
const INDICATORS: Record<IndicatorKind, Indicator[]> = {
	check: [
		{ ...base, key: 'c1', kind: 'check', weight: 1 },
		{ ...base, key: 'c2', kind: 'check', weight: 2.5 },
		{ ...base, key: 'c3', kind: 'check', weight: 0.1 },
		{ ...base, key: 'c4', kind: 'check', weight: 10 / 3 }
	],
	scale: [
		{ ...base, key: 's1', kind: 'scale', weight: 10 / 3, maxLevel: 3 },
		{ ...base, key: 's2', kind: 'scale', weight: 0.7, maxLevel: 4 },
		{ ...base, key: 's3', kind: 'scale', weight: 5, maxLevel: 1 },
		{ ...base, key: 's4', kind: 'scale', weight: 2 },
		{ ...base, key: 's5', kind: 'scale', weight: 2, maxLevel: 0 }
	],
	count: [
		{ ...base, key: 'n1', kind: 'count', weight: 2, pointsPerUnit: 0.5, cap: 2 },
		{ ...base, key: 'n2', kind: 'count', weight: 1.1, pointsPerUnit: 1 / 3, cap: 1.1 },
		{ ...base, key: 'n3', kind: 'count', weight: 3, pointsPerUnit: 0.1, cap: 3 },
		{ ...base, key: 'n4', kind: 'count', weight: 0, cap: 4 },
		{ ...base, key: 'n5', kind: 'count', weight: 0, pointsPerUnit: 2 }
	]
};

const VALUES = [-1, 0, 0.5, 1, 2, 2.5, 3, 4, 5, 7, 1 / 3, 1e9];
const CELLS: CellValue[] = [
	null,
	{ value: null, notApplicable: false },
	{ value: null, notApplicable: true },
	...VALUES.map((value) => ({ value, notApplicable: false })),
	...[0, 1, 3].map((value) => ({ value, notApplicable: true }))
];

let t: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
	t = await createTestDb();
	const client = t.db.$client;
	// The column types of `assessments.value` and `assessments.not_applicable`.
	await client.execute(
		'CREATE TABLE cells (n INTEGER PRIMARY KEY, value REAL, not_applicable INTEGER NOT NULL)'
	);
	await client.batch(
		CELLS.map((c, n) => ({
			sql: 'INSERT INTO cells VALUES (?, ?, ?)',
			args: [n, c?.value ?? null, c?.notApplicable ? 1 : 0]
		}))
	);
});
afterAll(() => t.cleanup());

describe('the points rule computes the same in SQL as in TypeScript', () => {
	it('covers every kind', () => {
		expect(Object.keys(POINTS_RULE).sort()).toEqual([...INDICATOR_KINDS].sort());
		expect(Object.keys(INDICATORS).sort()).toEqual([...INDICATOR_KINDS].sort());
	});

	it.each(
		INDICATOR_KINDS.flatMap((kind) => INDICATORS[kind].map((ind) => [kind, ind.key, ind] as const))
	)('%s %s: points and met of every cell', async (kind, _key, ind) => {
		const rule = POINTS_RULE[kind];
		const points = sqlText(rule.pointsSql(ind, 'value'));
		const met = sqlText(rule.metSql('value'));
		// The aggregate shape of the ranking query: not applicable and null add nothing.
		const { rows } = await t.db.$client.execute({
			sql: `SELECT n, total(iif(not_applicable, NULL, ${points.sql})) AS points,
					total(iif(not_applicable, NULL, ${met.sql})) AS met
					FROM cells GROUP BY n ORDER BY n`,
			args: [...points.args, ...met.args]
		});
		expect(rows).toHaveLength(CELLS.length);
		for (const row of rows) {
			const cell = CELLS[Number(row.n)];
			const want = indicatorPoints(ind, cell);
			const where = `${ind.key} at ${JSON.stringify(cell)}`;
			expect(Number(row.points) + 0, where).toBe(want.points + 0);
			expect(Number(row.met) === 1, where).toBe(want.met);
			if (rule.wholePoints(ind)) expect(Number.isInteger(want.points), where).toBe(true);
		}
	});
});
