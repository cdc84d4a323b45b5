import { describe, expect, it } from 'vitest';
import { cohenKappa, krippendorffAlpha, ratingsFromTable, rawAgreement } from './agreement';

/**
 * Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg School for
 * Communication, University of Pennsylvania (repository.upenn.edu/asc_papers/43), section C:
 * four observers, twelve units, values 1..5, missing values. The paper reports
 * α_nominal = 0.743, α_ordinal = 0.815, α_interval = 0.849 and α_ratio = 0.797.
 */
const KRIPPENDORFF_C = [
	[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
	[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
	[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
	[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
];

describe('rawAgreement', () => {
	it('is the share of units both rated the same, ignoring units one rater left blank', () => {
		expect(rawAgreement([1, 0, 1, null], [1, 1, 1, 0])).toBeCloseTo(2 / 3, 12);
		expect(rawAgreement([null], [1])).toBeNull();
	});

	it('refuses rating vectors of different lengths', () => {
		expect(() => rawAgreement([1, 0], [1])).toThrow(/Panjang data penilai berbeda/);
	});
});

describe('cohenKappa (nominal)', () => {
	it('matches the worked example of the Wikipedia article "Cohen\'s kappa" (κ = 0.4)', () => {
		// 50 applications, two readers: both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
		// p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4.
		const [a, b] = ratingsFromTable(
			[
				[20, 5],
				[10, 15]
			],
			[1, 0]
		);
		const k = cohenKappa(a, b);
		expect(k.n).toBe(50);
		expect(k.observed).toBeCloseTo(0.7, 12);
		expect(k.expected).toBeCloseTo(0.5, 12);
		expect(k.value).toBeCloseTo(0.4, 12);
		expect(rawAgreement(a, b)).toBeCloseTo(0.7, 12);
	});

	it('is 1 for perfect agreement and 0 at chance level', () => {
		expect(cohenKappa([0, 1, 1, 0], [0, 1, 1, 0]).value).toBe(1);
		// p_o = 0.5 and p_e = 0.5: no better than chance.
		expect(cohenKappa([1, 1, 0, 0], [1, 0, 1, 0]).value).toBeCloseTo(0, 12);
	});

	it('gives a defined result, not NaN, when every value is in one category', () => {
		const k = cohenKappa([1, 1, 1], [1, 1, 1]);
		expect(k.value).toBe(1);
		expect(k.noVariation).toBe(true);
		expect(cohenKappa([null, 1], [0, null])).toMatchObject({ value: null, n: 0 });
	});
});

describe('cohenKappa (weighted)', () => {
	it('equals unweighted kappa on two categories (Warrens 2013, "Weighted kappas for 3×3 tables")', () => {
		const [a, b] = ratingsFromTable(
			[
				[20, 5],
				[10, 15]
			],
			[1, 0]
		);
		expect(cohenKappa(a, b, 'linear').value).toBeCloseTo(0.4, 12);
		expect(cohenKappa(a, b, 'quadratic').value).toBeCloseTo(0.4, 12);
	});

	it('follows Cohen (1968) on a 3×3 table, computed by hand', () => {
		// Rows rater A, columns rater B, levels 0..2, n = 50; row totals 15/19/16, columns 14/19/17.
		// Linear weights 0, ½, 1: D_o = (5+3+4+2)·½/50 + (0+1)·1/50 = 0.16;
		//   D_e = [½(15·19 + 19·14 + 19·17 + 16·19) + (15·17 + 16·14)] / 2500 = 0.4272;
		//   κ_w = 1 − 0.16 / 0.4272 = 0.625468.
		// Quadratic weights 0, ¼, 1: D_o = 14·¼/50 + 1/50 = 0.09; D_e = (0.25·1068 + 479)/2500 =
		//   0.3094; κ_w = 1 − 0.09 / 0.3094 = 0.709114.
		// Unit weights: p_o = 35/50 = 0.7, p_e = (15·14 + 19·19 + 16·17)/2500 = 0.3372,
		//   κ = (0.7 − 0.3372)/(1 − 0.3372) = 0.547375.
		const [a, b] = ratingsFromTable([
			[10, 5, 0],
			[3, 12, 4],
			[1, 2, 13]
		]);
		expect(cohenKappa(a, b, 'linear').value).toBeCloseTo(0.625468, 6);
		expect(cohenKappa(a, b, 'quadratic').value).toBeCloseTo(0.709114, 6);
		expect(cohenKappa(a, b).value).toBeCloseTo(0.547375, 6);
	});

	it('measures a miss by the distance between the levels, unused levels included', () => {
		// Levels 0, 1 and 4 used (2 and 3 exist but nobody chose them). One miss of one level
		// (0 for 1) costs less than one miss of three levels (1 for 4).
		const a = [0, 1, 4, 0, 1, 4];
		const small = cohenKappa(a, [1, 1, 4, 0, 1, 4], 'linear').value!;
		const large = cohenKappa(a, [0, 4, 4, 0, 1, 4], 'linear').value!;
		expect(small).toBeGreaterThan(large);
		// Unweighted kappa treats both misses alike.
		expect(cohenKappa(a, [1, 1, 4, 0, 1, 4]).value).toBeCloseTo(
			cohenKappa(a, [0, 4, 4, 0, 1, 4]).value!,
			12
		);
		expect(cohenKappa([2, 2], [2, 2], 'quadratic')).toMatchObject({ value: 1, noVariation: true });
	});
});

describe('krippendorffAlpha', () => {
	it('matches Krippendorff (2011) section A: two observers, binary data, ten units (α = 0.095)', () => {
		const alpha = krippendorffAlpha([
			[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
			[1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
		]);
		expect(alpha.value).toBeCloseTo(0.095, 3);
	});

	it('matches Krippendorff (2011) section C: four observers, missing values', () => {
		expect(krippendorffAlpha(KRIPPENDORFF_C, 'nominal').value).toBeCloseTo(0.743, 3);
		expect(krippendorffAlpha(KRIPPENDORFF_C, 'ordinal').value).toBeCloseTo(0.815, 3);
		expect(krippendorffAlpha(KRIPPENDORFF_C, 'interval').value).toBeCloseTo(0.849, 3);
		expect(krippendorffAlpha(KRIPPENDORFF_C, 'ratio').value).toBeCloseTo(0.797, 3);
		// Units 1..11 have two or more values (unit 12 has one): n = 40 pairable values.
		expect(krippendorffAlpha(KRIPPENDORFF_C).n).toBe(40);
	});

	it('is 1 for perfect agreement and defined, not NaN, without variation or data', () => {
		expect(
			krippendorffAlpha(
				[
					[1, 2, 3],
					[1, 2, 3]
				],
				'interval'
			).value
		).toBe(1);
		expect(
			krippendorffAlpha([
				[4, 4, null],
				[4, 4, 4]
			])
		).toMatchObject({ value: 1, noVariation: true });
		expect(
			krippendorffAlpha([
				[1, null],
				[null, 2]
			]).value
		).toBeNull();
	});
});
