/**
 * Inter-rater agreement: raw agreement, Cohen's kappa (nominal, two raters), weighted kappa
 * (linear or quadratic weights on an ordered scale, two raters) and Krippendorff's alpha (any
 * number of raters, missing values allowed; nominal, ordinal, interval or ratio data).
 *
 * Pure and deterministic. Values are numbers (a check indicator's 0/1, a scale's level); `null`
 * is a missing value. A unit only counts where the statistic can use it: both raters for the
 * kappas, at least two values for alpha.
 *
 * Degenerate data never give NaN: when chance agreement is already perfect (every value in one
 * category, so the raters necessarily agree) the coefficient is 1 and `noVariation` says the
 * figure carries no information about the raters; with no usable unit at all it is null.
 */

/** A rating: a category code or a level; null when the rater did not rate the unit. */
export type Rating = number | null;

export interface KappaResult {
	/** Kappa, or null when no unit was rated by both raters. */
	value: number | null;
	/** Units rated by both raters. */
	n: number;
	/** Observed (weighted) agreement p_o, 0..1. */
	observed: number | null;
	/** (Weighted) agreement expected by chance p_e, 0..1. */
	expected: number | null;
	/** Every value fell in one category: chance agreement is perfect and the figure says little. */
	noVariation: boolean;
}

export interface AlphaResult {
	/** Alpha, or null when no unit has two values. */
	value: number | null;
	/** Pairable values (values in units with at least two). */
	n: number;
	/** Observed disagreement D_o. */
	observedDisagreement: number | null;
	/** Disagreement expected by chance D_e. */
	expectedDisagreement: number | null;
	/** Every value was the same: there is no variation to be reliable about. */
	noVariation: boolean;
}

/** Pairs where both raters rated the unit. */
function pairsOf(a: readonly Rating[], b: readonly Rating[]): [number, number][] {
	if (a.length !== b.length)
		throw new RangeError(`Panjang data penilai berbeda: ${a.length} dan ${b.length} unit.`);
	const pairs: [number, number][] = [];
	for (let i = 0; i < a.length; i++) {
		const x = a[i];
		const y = b[i];
		if (x != null && y != null) pairs.push([x, y]);
	}
	return pairs;
}

/** Share of units (both rated) on which the two raters gave the same value; null with none. */
export function rawAgreement(a: readonly Rating[], b: readonly Rating[]): number | null {
	const pairs = pairsOf(a, b);
	if (pairs.length === 0) return null;
	return pairs.filter(([x, y]) => x === y).length / pairs.length;
}

/**
 * A 2×2 (or k×k) contingency table as rating vectors: `table[i][j]` units rated `categories[i]`
 * by the first rater and `categories[j]` by the second. Handy for published worked examples.
 */
export function ratingsFromTable(
	table: readonly (readonly number[])[],
	categories: readonly number[] = table.map((_, i) => i)
): [number[], number[]] {
	const a: number[] = [];
	const b: number[] = [];
	table.forEach((row, i) =>
		row.forEach((count, j) => {
			for (let c = 0; c < count; c++) {
				a.push(categories[i]!);
				b.push(categories[j]!);
			}
		})
	);
	return [a, b];
}

/** Weights of disagreement between category positions i and j on a scale of k categories. */
export type KappaWeights = 'nominal' | 'linear' | 'quadratic';

/** Disagreement weight of values x and y on a scale spanning `range` (the values are levels). */
function disagreementWeight(x: number, y: number, range: number, weights: KappaWeights): number {
	if (x === y) return 0;
	if (weights === 'nominal' || range === 0) return 1;
	const d = Math.abs(x - y) / range;
	return weights === 'linear' ? d : d * d;
}

/**
 * Cohen's kappa for two raters: κ = 1 − Σ w·observed / Σ w·expected, with disagreement weights
 * w (1 off the diagonal for nominal data, Cohen 1960; |x−y|/range or its square for levels on
 * an ordered scale, Cohen 1968). The weights are measured on the values themselves, so a level
 * nobody used still counts as a step between its neighbours; kappa does not change when every
 * weight is scaled, so the scale's ends need not be given.
 */
export function cohenKappa(
	a: readonly Rating[],
	b: readonly Rating[],
	weights: KappaWeights = 'nominal'
): KappaResult {
	const pairs = pairsOf(a, b);
	const n = pairs.length;
	if (n === 0) return { value: null, n, observed: null, expected: null, noVariation: false };
	const categories = [...new Set(pairs.flatMap(([x, y]) => [x, y]))].sort((x, y) => x - y);
	const k = categories.length;
	const range = categories[k - 1]! - categories[0]!;
	const w = (i: number, j: number) =>
		disagreementWeight(categories[i]!, categories[j]!, range, weights);
	const index = new Map(categories.map((c, i) => [c, i]));
	const rows = new Array<number>(k).fill(0);
	const cols = new Array<number>(k).fill(0);
	const cells = new Map<string, number>();
	for (const [x, y] of pairs) {
		const i = index.get(x)!;
		const j = index.get(y)!;
		rows[i]!++;
		cols[j]!++;
		cells.set(`${i}:${j}`, (cells.get(`${i}:${j}`) ?? 0) + 1);
	}
	let observedDis = 0;
	for (const [key, count] of cells) {
		const [i, j] = key.split(':').map(Number) as [number, number];
		observedDis += (w(i, j) * count) / n;
	}
	let expectedDis = 0;
	for (let i = 0; i < k; i++)
		for (let j = 0; j < k; j++) expectedDis += (w(i, j) * rows[i]! * cols[j]!) / (n * n);
	// With unit weights observed/expected are the familiar p_o and p_e.
	const observed = 1 - observedDis;
	const expected = 1 - expectedDis;
	if (expectedDis === 0) return { value: 1, n, observed, expected, noVariation: true };
	return { value: 1 - observedDis / expectedDis, n, observed, expected, noVariation: false };
}

/** Level of measurement for Krippendorff's alpha. */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha, α = 1 − D_o / D_e, computed through the coincidence matrix
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011). `data[r][u]` is rater
 * r's value for unit u (null: missing). Units with fewer than two values are not pairable and
 * are left out. Ordinal distances use the marginal frequencies of the values seen, in numeric
 * order.
 */
export function krippendorffAlpha(
	data: readonly (readonly Rating[])[],
	level: AlphaLevel = 'nominal'
): AlphaResult {
	const units = Math.max(0, ...data.map((r) => r.length));
	const values = new Set<number>();
	const unitValues: number[][] = [];
	for (let u = 0; u < units; u++) {
		const seen: number[] = [];
		for (const rater of data) {
			const v = rater[u];
			if (v != null) seen.push(v);
		}
		if (seen.length >= 2) {
			unitValues.push(seen);
			seen.forEach((v) => values.add(v));
		}
	}
	const categories = [...values].sort((x, y) => x - y);
	const k = categories.length;
	const index = new Map(categories.map((c, i) => [c, i]));
	// Coincidence matrix o[c][k]: each ordered pair of values within a unit, weighted 1/(m_u − 1).
	const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
	for (const seen of unitValues) {
		const m = seen.length;
		for (let i = 0; i < m; i++)
			for (let j = 0; j < m; j++) {
				if (i === j) continue;
				o[index.get(seen[i]!)!]![index.get(seen[j]!)!]! += 1 / (m - 1);
			}
	}
	const marg = o.map((row) => row.reduce((s, x) => s + x, 0));
	const n = marg.reduce((s, x) => s + x, 0);
	if (n === 0)
		return {
			value: null,
			n: 0,
			observedDisagreement: null,
			expectedDisagreement: null,
			noVariation: false
		};

	const delta = (c: number, d: number): number => {
		if (c === d) return 0;
		const vc = categories[c]!;
		const vd = categories[d]!;
		switch (level) {
			case 'nominal':
				return 1;
			case 'interval':
				return (vc - vd) ** 2;
			case 'ratio':
				return vc + vd === 0 ? 0 : ((vc - vd) / (vc + vd)) ** 2;
			case 'ordinal': {
				const [lo, hi] = c < d ? [c, d] : [d, c];
				let sum = 0;
				for (let g = lo; g <= hi; g++) sum += marg[g]!;
				return (sum - (marg[lo]! + marg[hi]!) / 2) ** 2;
			}
		}
	};
	let observedDis = 0;
	let expectedDis = 0;
	for (let c = 0; c < k; c++)
		for (let d = 0; d < k; d++) {
			const w = delta(c, d);
			if (w === 0) continue;
			observedDis += o[c]![d]! * w;
			expectedDis += marg[c]! * marg[d]! * w;
		}
	observedDis /= n;
	expectedDis /= n * (n - 1);
	const result = {
		n,
		observedDisagreement: observedDis,
		expectedDisagreement: expectedDis
	};
	// No variation at all: every pairable value is the same, so observed disagreement is 0 too.
	if (expectedDis === 0) return { ...result, value: 1, noVariation: true };
	return { ...result, value: 1 - observedDis / expectedDis, noVariation: false };
}
