import { describe, expect, it } from 'vitest';
import { indicatorCoverage } from './coverage';
import { FIVE, resultOf } from './fixtures';

describe('indicatorCoverage', () => {
	const result = resultOf(FIVE, [
		['p', 'P', ['a', 'b', 'c']],
		['q', 'Q', ['a', 'b', '-d']],
		['r', 'R', ['a', 'e']]
	]);
	const rows = indicatorCoverage(result);

	it('counts met and applicable OPDs per indicator, n/a left out', () => {
		const byKey = Object.fromEntries(rows.map((r) => [r.key, [r.met, r.applicable]]));
		expect(byKey).toEqual({ a: [3, 3], b: [2, 3], c: [1, 3], d: [0, 2], e: [1, 3] });
	});

	it('lists the weakest first: lowest percent, then fewest met, then rubric order', () => {
		expect(rows.map((r) => r.key)).toEqual(['d', 'c', 'e', 'b', 'a']);
		expect(rows[0]?.percent).toBe(0);
		expect(rows[3]?.percent).toBeCloseTo(66.667, 3);
		expect(rows.find((r) => r.key === 'e')?.order).toBe(5);
	});

	it('gives 0 percent, not NaN, when an indicator applies to nobody', () => {
		const none = indicatorCoverage(resultOf(FIVE, [['p', 'P', ['-a']]]));
		expect(none.find((r) => r.key === 'a')).toMatchObject({ met: 0, applicable: 0, percent: 0 });
	});
});
