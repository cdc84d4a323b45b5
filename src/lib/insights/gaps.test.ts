import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import { scorePeriod } from '../scoring/score';
import { saqCells, saqRubric } from '../../../tests/support/scoring/fixtures';
import { resultOf } from './fixtures';
import { fullValue, opdGaps } from './gaps';

// 13 categories, like 2021: 1 point each.
const keys = 'abcdefghijklm'.split('');
const rubric = flatRubric(keys.map((key) => ({ key, label: key.toUpperCase() })));
const result = resultOf(rubric, [
	['top', 'Top', keys],
	['ten', 'Ten', keys.slice(0, 10)], // 76,92
	['eleven', 'Eleven', keys.slice(0, 11)], // 84,62
	['nine', 'Nine', [...keys.slice(0, 8), '-m']] // 8 of 12 = 66,67
]);

describe('opdGaps', () => {
	it('lists missing indicators with the points each adds and the what-if of fixing it', () => {
		const g = opdGaps(result, 'ten');
		expect(g?.current).toEqual({ displayTotal: 76.92, rank: 3, qualification: 'Cukup Informatif' });
		expect(g?.gaps.map((x) => [x.key, x.points, x.totalGain])).toEqual([
			['k', 1, 7.7],
			['l', 1, 7.7],
			['m', 1, 7.7]
		]);
		expect(g?.gaps[0]?.ifFixed).toEqual({
			displayTotal: 84.62,
			rank: 2,
			qualification: 'Menuju Informatif'
		});
		expect(g?.ifAllFixed).toEqual({ displayTotal: 100, rank: 1, qualification: 'Informatif' });
	});

	it('says how far the next band is and which gaps reach it', () => {
		const g = opdGaps(result, 'ten');
		expect(g?.next).toEqual({ label: 'Menuju Informatif', min: 80, missing: 3.08 });
		expect(g?.toNextBand).toEqual(['k']);
		expect(opdGaps(result, 'eleven')?.toNextBand).toEqual(['l']); // 12 of 13 = 92,31
	});

	it('never counts a not-applicable indicator as a gap', () => {
		const g = opdGaps(result, 'nine');
		expect(g?.gaps.map((x) => x.key)).toEqual(['i', 'j', 'k', 'l']);
		expect(g?.gaps[0]?.totalGain).toBe(8.33);
	});

	it('has no gaps and no next band at the top; null for an unknown OPD', () => {
		expect(opdGaps(result, 'top')).toMatchObject({ gaps: [], next: null, toNextBand: [] });
		expect(opdGaps(result, 'nobody')).toBeNull();
	});

	it('orders weighted gaps by points and reports their gain in the total', () => {
		const saq = saqRubric();
		const weighted = scorePeriod(
			saq,
			[{ key: 'x', name: 'X' }],
			saqCells('x', [5000, 10000, 10000, 10000, 10000, 10000], 2)
		);
		const g = opdGaps(weighted, 'x');
		expect(g?.gaps.map((x) => [x.key, x.points, x.totalGain, x.target])).toEqual([
			['jenis-butir', 5000, 16, 10000],
			['kunjungan', 50, 10, 4]
		]);
		expect(g?.current.displayTotal).toBe(74);
	});
});

describe('fullValue', () => {
	it.each([
		[{ kind: 'check' as const, weight: 1 }, 1],
		[{ kind: 'scale' as const, weight: 10, maxLevel: 4 }, 4],
		[{ kind: 'count' as const, weight: 5, pointsPerUnit: 2, cap: 5 }, 3],
		[{ kind: 'count' as const, weight: 5, pointsPerUnit: 0, cap: 5 }, 0]
	])('%j → %s', (ind, expected) => {
		expect(fullValue({ key: 'k', label: 'K', aspect: 'x', order: 1, ...ind })).toBe(expected);
	});
});
