/** Qualification bands: how many OPDs fall in each, their ranges, and the next band up. */
import { formatNumberId, roundTo } from '../scoring/number';
import type { Band, PeriodResult } from '../scoring/types';

/** Bands from the highest minimum down. */
export function bandsDescending(bands: Band[]): Band[] {
	return [...bands].sort((a, b) => b.min - a.min);
}

/**
 * The range of each band as people read it, on the displayed total: "90–100", "80–89,99"
 * (the upper end is one step of the shown precision below the next band), "< 40".
 */
export function bandRanges(
	bands: Band[],
	decimals: number
): { label: string; min: number; range: string }[] {
	const sorted = bandsDescending(bands);
	const step = 10 ** -decimals;
	return sorted.map((band, index) => {
		const above = sorted[index - 1];
		const top = above
			? formatNumberId(roundTo(above.min - step, decimals), decimals, { trim: true })
			: '100';
		const range =
			band.min <= 0
				? above
					? `< ${formatNumberId(above.min, decimals, { trim: true })}`
					: '0–100'
				: `${formatNumberId(band.min, decimals, { trim: true })}–${top}`;
		return { label: band.label, min: band.min, range };
	});
}

export interface BandCount {
	label: string;
	min: number;
	range: string;
	count: number;
	/** OPD keys in the band, in rank order. */
	opds: string[];
}

/** How many OPDs fall in each band, highest band first; empty bands are listed with 0. */
export function bandDistribution(result: PeriodResult): BandCount[] {
	const { bands, decimals } = result.rubric;
	return bandRanges(bands, decimals).map((b) => {
		const opds = result.opds.filter((o) => o.qualification === b.label).map((o) => o.opd);
		return { ...b, count: opds.length, opds };
	});
}

/**
 * The next band above a displayed total and how far it is, in points of the total ("N poin lagi
 * ke kualifikasi berikutnya"); null when the total is already in the top band.
 */
export function nextBand(
	bands: Band[],
	displayTotal: number,
	decimals: number
): { label: string; min: number; missing: number } | null {
	const above = bandsDescending(bands)
		.filter((b) => b.min > displayTotal)
		.at(-1);
	if (!above) return null;
	return {
		label: above.label,
		min: above.min,
		missing: roundTo(above.min - displayTotal, decimals)
	};
}
