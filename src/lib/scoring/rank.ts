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
export function rankResults<T extends Pick<OpdResult, 'opd' | 'name' | 'displayTotal'>>(
	results: T[]
): (T & { rank: number; tied: boolean })[] {
	return rankInPlace(results.map((r) => ({ ...r, rank: 0, tied: false })));
}

/**
 * {@link rankResults} for results the caller owns: sets `rank` and `tied` on the objects
 * themselves and returns them sorted in a new array (no copy of each result, which a national
 * period of 25,000 OPDs notices).
 */
export function rankInPlace<
	T extends Pick<OpdResult, 'opd' | 'name' | 'displayTotal' | 'rank' | 'tied'>
>(results: T[]): T[] {
	// By name, then stably by total: the order of one comparator on (total, name), with far fewer
	// collator calls, because a cheap code-unit sort first leaves the names nearly in order.
	const sorted = [...results]
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.sort(compareByName)
		.sort((a, b) => b.displayTotal - a.displayTotal);
	const count = new Map<number, number>();
	for (const r of sorted) count.set(r.displayTotal, (count.get(r.displayTotal) ?? 0) + 1);
	let rank = 0;
	for (let index = 0; index < sorted.length; index++) {
		const r = sorted[index]!;
		if (index === 0 || r.displayTotal !== sorted[index - 1]!.displayTotal) rank = index + 1;
		r.rank = rank;
		r.tied = (count.get(r.displayTotal) ?? 0) > 1;
	}
	return sorted;
}
