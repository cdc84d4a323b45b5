/**
 * Ranking and qualification, both on the displayed total: two OPDs that show the same number get
 * the same rank and band, whatever their unrounded totals ("decide ties at the precision shown").
 */
import type { Band, OpdResult } from './types';

const collator = new Intl.Collator('id');

/** Orders names the Indonesian way, falling back to the key so the order never depends on input. */
export function compareByName(
	a: Pick<OpdResult, 'name' | 'opd'>,
	b: Pick<OpdResult, 'name' | 'opd'>
): number {
	return collator.compare(a.name, b.name) || (a.opd < b.opd ? -1 : a.opd > b.opd ? 1 : 0);
}

/** Label of the band with the highest `min` not above `displayTotal`; '' when none applies. */
export function qualify(bands: Band[], displayTotal: number): string {
	let best: Band | null = null;
	for (const band of bands) {
		if (band.min <= displayTotal && (best === null || band.min > best.min)) best = band;
	}
	return best?.label ?? '';
}

/**
 * Sorts results by displayTotal (highest first), then by name, and sets competition ranks
 * ("1, 1, 1, 4") and the `tied` flag. Returns new objects; the input is left as it is.
 */
export function rankResults(results: OpdResult[]): OpdResult[] {
	const sorted = [...results].sort(
		(a, b) => b.displayTotal - a.displayTotal || compareByName(a, b)
	);
	const count = new Map<number, number>();
	for (const r of sorted) count.set(r.displayTotal, (count.get(r.displayTotal) ?? 0) + 1);
	let rank = 0;
	return sorted.map((r, index) => {
		if (index === 0 || r.displayTotal !== sorted[index - 1]?.displayTotal) rank = index + 1;
		return { ...r, rank, tied: (count.get(r.displayTotal) ?? 0) > 1 };
	});
}
