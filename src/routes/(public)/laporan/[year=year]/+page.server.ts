import { error } from '@sveltejs/kit';
import { organizationName } from '$lib/server/results/report-settings';
import { publishedReport } from '$lib/server/results/open-data';
import { publishedYears } from '$lib/server/results/results';
import { pageWindow } from '$lib/pagination';
import type { PageServerLoad } from './$types';

/**
 * Rows per printed page set: a city or a province prints whole; a national year (25,000 OPDs,
 * some 30 MB of HTML at once) is printed in parts, a page set at a time.
 */
const PAGE_SIZE = 1000;

/**
 * The printable annual-report section of a published year: the matrix, ranking and awards (or,
 * with `?hanya=tabel`, the matrix and the official awards only).
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const year = Number(params.year);
	const [report, years] = await Promise.all([publishedReport(year), publishedYears()]);
	if (!report) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	const { table, ranking, ...rest } = report;
	const matrix = pageWindow(table.rows.length, PAGE_SIZE, url.searchParams.get('matriks'));
	const ranks = pageWindow(ranking.length, PAGE_SIZE, url.searchParams.get('peringkat'));
	return {
		year,
		// `?hanya=tabel`: the report table and the PPID's official awards only, as the annual report
		// prints them; the app's ranking, bands and computed podium are left out.
		tableOnly: url.searchParams.get('hanya') === 'tabel',
		// Printed links are written out in full, from the address the page was asked for.
		origin: url.origin,
		organization: organizationName(),
		years: years.map((y) => y.year),
		...rest,
		table: {
			...matrix,
			total: table.rows.length,
			columns: table.columns,
			rows: table.rows.slice(matrix.start, matrix.end)
		},
		ranking: ranking.slice(ranks.start, ranks.end),
		rankingPages: ranks
	};
};
