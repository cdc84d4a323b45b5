import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import { resultOf } from './fixtures';
import { workingGaps } from './working-gaps';

// 13 categories, like 2021: 1 point each.
const keys = 'abcdefghijklm'.split('');
const rubric = flatRubric(keys.map((key) => ({ key, label: key.toUpperCase() })));
// The team has verified two OPDs; "own" has nothing verified yet.
const result = resultOf(rubric, [
	['top', 'Top', keys],
	['ten', 'Ten', keys.slice(0, 10)], // 76,92
	['own', 'Own', []]
]);

describe('workingGaps', () => {
	it('takes the self-assessment where nothing is verified', () => {
		const cells = keys.map((key, i) => ({ key, verified: null, self: i < 11 ? 1 : 0 }));
		const g = workingGaps(result, 'own', cells);
		expect(g?.current).toEqual({
			displayTotal: 84.62,
			rank: 2,
			qualification: 'Menuju Informatif'
		});
		expect(g?.gaps.map((x) => x.key)).toEqual(['l', 'm']);
		expect(g?.ifAllFixed).toEqual({ displayTotal: 100, rank: 1, qualification: 'Informatif' });
	});

	it('prefers the verified value over the self-assessment, and honours not-applicable', () => {
		const cells = keys.map((key) => ({ key, verified: null as number | null, self: 1 }));
		cells[0]!.verified = 0; // the team found "a" missing
		cells[1]!.verified = -1; // "b" does not apply to this OPD
		const g = workingGaps(result, 'own', cells);
		expect(g?.gaps.map((x) => x.key)).toEqual(['a']);
		expect(g?.current.displayTotal).toBe(91.67); // 11 of 12
	});

	it('counts an empty cell as a gap and knows an unknown OPD', () => {
		const g = workingGaps(result, 'own', []);
		expect(g?.gaps).toHaveLength(13);
		expect(g?.current.rank).toBe(3);
		expect(workingGaps(result, 'nobody', [])).toBeNull();
	});
});
