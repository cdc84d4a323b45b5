import type { ParsedMatrix } from '../../src/lib/import';

/** mulberry32: a small, fast PRNG, so every run generates the same data from the same seed. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Scale {
	name: 'city' | 'province' | 'nation';
	opds: number;
	indicators: number;
	years: number;
}

/**
 * A synthetic report table for one year: every OPD has a "quality" that drifts a little from
 * year to year, and ticks each category with that probability, as real tables look.
 */
export function syntheticYear(scale: Scale, yearIndex: number, seed = 20_211): ParsedMatrix {
	const random = prng(seed + yearIndex * 7919);
	const quality = prng(seed);
	const headers = Array.from({ length: scale.indicators }, (_, j) => `Kategori DIP ${j + 1}`);
	const rows = Array.from({ length: scale.opds }, (_, i) => {
		const q = Math.min(1, Math.max(0, quality() + (random() - 0.5) * 0.2 * yearIndex));
		return {
			number: i + 1,
			name: `OPD Sintetis ${String(i + 1).padStart(5, '0')}`,
			line: i + 3,
			cells: headers.map(() => ({ value: (random() < q ? 1 : 0) as 0 | 1, notApplicable: false }))
		};
	});
	return { headers, rows };
}
