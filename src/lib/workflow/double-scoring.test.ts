import { describe, expect, it } from 'vitest';
import {
	agreementOf,
	calibrationOf,
	outcomeOf,
	revealed,
	settlementProblem
} from './double-scoring';

const v = (userId: number, value: number | null, notApplicable = false) => ({
	userId,
	value,
	notApplicable
});

describe('outcomeOf', () => {
	it.each([
		['equal values agree', [v(1, 1), v(2, 1)], { kind: 'agreed', value: 1, notApplicable: false }],
		['different values disagree', [v(1, 1), v(2, 0)], { kind: 'open' }],
		[
			'both not applicable agree',
			[v(1, null, true), v(2, null, true)],
			{ kind: 'agreed', value: null, notApplicable: true }
		],
		['not applicable against a value disagrees', [v(1, null, true), v(2, 0)], { kind: 'open' }],
		['nobody rated', [v(1, null), v(2, null)], { kind: 'empty' }]
	])('%s', (_, values, expected) => {
		expect(outcomeOf(values)).toEqual(expected);
	});
});

describe('revealed', () => {
	it('needs two raters and every one submitted', () => {
		expect(revealed([1, 2], [1])).toBe(false);
		expect(revealed([1, 2], [2, 1])).toBe(true);
		expect(revealed([1], [1])).toBe(false);
	});
});

describe('settlementProblem', () => {
	it('requires a reason', () => {
		expect(settlementProblem('  ok ')).toMatch(/alasan/);
		expect(settlementProblem('Bukti ada di laman')).toBeNull();
	});
});

describe('agreementOf', () => {
	it('splits by indicator kind and leaves not-applicable out', () => {
		const f = agreementOf([
			{ kind: 'check', a: 1, b: 1 },
			{ kind: 'check', a: 0, b: 0 },
			{ kind: 'check', a: 1, b: 0 },
			{ kind: 'check', a: null, b: 1 },
			{ kind: 'scale', a: 2, b: 3 }
		]);
		expect(f.checks.n).toBe(3);
		expect(f.checks.raw).toBeCloseTo(2 / 3);
		// p_o = 2/3, p_e = (2/3·1/3 + 1/3·2/3) = 4/9 → κ = (2/3 − 4/9)/(1 − 4/9) = 0.4
		expect(f.checks.kappa.value).toBeCloseTo(0.4);
		expect(f.scales.n).toBe(1);
		expect(f.counts.n).toBe(0);
	});
});

describe('calibrationOf', () => {
	it('compares each rater with the others on the same cells', () => {
		const rows = calibrationOf([
			{ unit: 'a', userId: 1, present: true },
			{ unit: 'a', userId: 2, present: false },
			{ unit: 'b', userId: 1, present: true },
			{ unit: 'b', userId: 2, present: true }
		]);
		expect(rows).toEqual([
			{ userId: 1, rated: 2, share: 1, othersShare: 0.5 },
			{ userId: 2, rated: 2, share: 0.5, othersShare: 1 }
		]);
	});
});
