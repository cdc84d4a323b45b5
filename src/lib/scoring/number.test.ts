import { describe, expect, it } from 'vitest';
import { formatNumberId, roundTo } from './number';

describe('roundTo', () => {
	it.each([
		// 2.675 is stored as 2.67499999999999982236431605997495353221893310546875: toFixed gives 2.67.
		[2.675, 2, 2.68],
		// 1.005 is stored as 1.00499999999999989…: Math.round(1.005 * 100) / 100 gives 1.
		[1.005, 2, 1.01],
		[89.995, 2, 90],
		// float noise of a sum that is 89.995 on paper still rounds up
		[89.99499999999999, 2, 90],
		[89.99000000000001, 2, 89.99],
		[92.3076923076923, 2, 92.31],
		[66.66666666666666, 2, 66.67],
		[63.992, 2, 63.99],
		[79.996, 2, 80],
		[0.1 + 0.2, 2, 0.3],
		// half away from zero on both sides
		[-2.675, 2, -2.68],
		[-0.5, 0, -1],
		[0.5, 0, 1],
		[1.45, 1, 1.5],
		// exponent notation in String(x)
		[1e-7, 2, 0],
		[5e-7, 6, 0.000001],
		[1e21, 2, 1e21],
		[123.456, 0, 123],
		[0, 2, 0],
		// whole numbers take a shortcut; beyond 12 digits the decimal path still rounds them
		[-0, 2, 0],
		[100, 2, 100],
		[-40, 0, -40],
		[99_999_999_999, 2, 99_999_999_999],
		[1_234_567_890_123, 2, 1_234_567_890_120]
	])('roundTo(%d, %d) = %d', (x, decimals, expected) => {
		expect(roundTo(x, decimals)).toBe(expected);
	});

	it('never returns negative zero', () => {
		expect(Object.is(roundTo(-0.001, 2), 0)).toBe(true);
	});

	it('returns non-finite values unchanged', () => {
		expect(roundTo(Number.NaN, 2)).toBeNaN();
		expect(roundTo(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
	});
});

describe('formatNumberId', () => {
	it.each([
		[92.3076923, 2, false, '92,31'],
		[2.675, 2, false, '2,68'],
		[100, 2, false, '100,00'],
		[100, 0, false, '100'],
		[1234.5, 2, false, '1.234,50'],
		[1234567.891, 1, false, '1.234.567,9'],
		[-7.69, 2, false, '-7,69'],
		// rounds to zero: no minus sign
		[-0.001, 2, false, '0,00'],
		[1, 2, true, '1'],
		[0.5, 2, true, '0,5'],
		[2.25, 2, true, '2,25'],
		[0, 2, true, '0']
	])('formatNumberId(%d, %d, trim %s) = %s', (x, decimals, trim, expected) => {
		expect(formatNumberId(x, decimals, { trim })).toBe(expected);
	});
});
