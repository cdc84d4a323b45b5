import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, flatRubric } from '../scoring/rubric';
import { bandDistribution, bandRanges, nextBand } from './bands';
import { resultOf } from './fixtures';

describe('bandRanges', () => {
	it('states each band on the displayed precision, highest first', () => {
		expect(bandRanges(DEFAULT_BANDS, 2).map((b) => `${b.label} ${b.range}`)).toEqual([
			'Informatif 90–100',
			'Menuju Informatif 80–89,99',
			'Cukup Informatif 60–79,99',
			'Kurang Informatif 40–59,99',
			'Tidak Informatif < 40'
		]);
		expect(bandRanges(DEFAULT_BANDS, 1)[1]?.range).toBe('80–89,9');
	});
});

describe('bandDistribution', () => {
	// 10 categories: 10/10 = 100, 9/10 = 90, 8/10 = 80, 5/10 = 50, 1/10 = 10, 9/10.
	const rubric = flatRubric('abcdefghij'.split('').map((key) => ({ key, label: key })));
	const all = 'abcdefghij'.split('');
	const result = resultOf(rubric, [
		['p', 'P', all],
		['q', 'Q', all.slice(0, 9)],
		['r', 'R', all.slice(0, 8)],
		['s', 'S', all.slice(0, 5)],
		['t', 'T', all.slice(0, 1)],
		['u', 'U', all.slice(1, 10)]
	]);

	it('counts the OPDs in every band, empty bands included, in rank order', () => {
		expect(bandDistribution(result).map((b) => [b.label, b.count, b.opds])).toEqual([
			['Informatif', 3, ['p', 'q', 'u']],
			['Menuju Informatif', 1, ['r']],
			['Cukup Informatif', 0, []],
			['Kurang Informatif', 1, ['s']],
			['Tidak Informatif', 1, ['t']]
		]);
	});

	it('adds up to the number of OPDs', () => {
		expect(bandDistribution(result).reduce((n, b) => n + b.count, 0)).toBe(6);
	});
});

describe('nextBand', () => {
	it.each([
		[76.92, { label: 'Menuju Informatif', min: 80, missing: 3.08 }],
		[80, { label: 'Informatif', min: 90, missing: 10 }],
		[89.99, { label: 'Informatif', min: 90, missing: 0.01 }],
		[0, { label: 'Kurang Informatif', min: 40, missing: 40 }],
		[90, null],
		[100, null]
	])('from %s', (total, expected) => {
		expect(nextBand(DEFAULT_BANDS, total, 2)).toEqual(expected);
	});
});
