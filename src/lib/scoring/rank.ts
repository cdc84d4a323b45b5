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
	// Groups of equal totals in input order, each sorted by name, highest total first: the order
	// of one stable sort on (total, name) restricted to each group, without sorting every result
	// by total (a period has few distinct totals). Names go through a cheap code-unit sort first,
	// which leaves them nearly in order for the collator's far costlier calls.
	const groups = new Map<number, T[]>();
	for (const r of results) {
		const total = r.displayTotal;
		// NaN and ±Infinity do not subtract to a consistent order: leave them to the general sort.
		if (!Number.isFinite(total)) return rankBySort(results);
		const group = groups.get(total);
		if (group) group.push(r);
		else groups.set(total, [r]);
	}
	const totals = [...groups.keys()].sort((a, b) => b - a);
	const sorted: T[] = [];
	for (const total of totals) {
		const group = groups.get(total)!;
		const tied = group.length > 1;
		// A stable sort leaves a group already in order as it is: a plain scan is cheaper.
		if (tied && !inOrder(group, byCodeUnits)) group.sort(byCodeUnits);
		if (tied && !inOrder(group, compareByName)) group.sort(compareByName);
		const rank = sorted.length + 1;
		for (const r of group) {
			r.rank = rank;
			r.tied = tied;
			sorted.push(r);
		}
	}
	return sorted;
}

function inOrder<T>(list: T[], compare: (a: T, b: T) => number): boolean {
	for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return false;
	return true;
}

const byCodeUnits = (a: Pick<OpdResult, 'name'>, b: Pick<OpdResult, 'name'>) =>
	a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** {@link rankInPlace} by sorting every result, for totals that are not finite numbers. */
function rankBySort<T extends Pick<OpdResult, 'opd' | 'name' | 'displayTotal' | 'rank' | 'tied'>>(
	results: T[]
): T[] {
	const sorted = [...results]
		.sort(byCodeUnits)
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
