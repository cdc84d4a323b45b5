/**
 * Which OPDs the dashboard's trend chart draws: 32 lines on one chart cannot be read, so the chart
 * shows a chosen few (the table beside it keeps every OPD). Pure.
 */

export interface TrendLine {
	opd: string;
	name: string;
	/** One value per year, oldest first; null where the OPD was not assessed. */
	totals: (number | null)[];
	ranks: (number | null)[];
}

export type TrendChoice = 'top5' | 'top10' | 'bottom5' | 'all';

/** The picker's options, in Indonesian, default first. */
export const TREND_CHOICES: readonly { value: TrendChoice; label: string }[] = [
	{ value: 'top10', label: '10 teratas' },
	{ value: 'top5', label: '5 teratas' },
	{ value: 'bottom5', label: '5 terbawah' },
	{ value: 'all', label: 'Semua OPD' }
];

/**
 * The lines to draw, ordered by their rank in year column `column` (the year the dashboard
 * shows; the latest by default), best first, ties by name. OPDs not ranked that year are never
 * in a top or bottom pick; "all" keeps every line in rank order, those last.
 */
export function pickTrend<T extends TrendLine>(
	lines: readonly T[],
	choice: TrendChoice,
	column = -1
): T[] {
	const latestRank = (line: TrendLine): number | null => line.ranks.at(column) ?? null;
	const ranked = [...lines].sort((a, b) => {
		const ra = latestRank(a) ?? Infinity;
		const rb = latestRank(b) ?? Infinity;
		return ra - rb || a.name.localeCompare(b.name, 'id');
	});
	const present = ranked.filter((line) => latestRank(line) !== null);
	switch (choice) {
		case 'top5':
			return present.slice(0, 5);
		case 'top10':
			return present.slice(0, 10);
		case 'bottom5':
			return present.slice(-5);
		default:
			return ranked;
	}
}
