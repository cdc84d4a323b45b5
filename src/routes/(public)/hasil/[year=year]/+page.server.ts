import { error } from '@sveltejs/kit';
import { pageWindow } from '$lib/pagination';
import { publishedPage } from '$lib/server/results/open-data';
import { publishedYears } from '$lib/server/results/results';
import { splitNotRated } from '$lib/workflow/not-rated';
import type { PageServerLoad } from './$types';

/** Rows per page of the ranking and of the matrix: a city fits on one, a province pages. */
const PAGE_SIZE = 100;

/** Public results of a published year: podium, awards, ranking and the matrix, a page at a time. */
export const load: PageServerLoad = async ({ params, url }) => {
	const year = Number(params.year);
	const [data, years] = await Promise.all([publishedPage(year), publishedYears()]);
	if (!data) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	const ranking = pageWindow(data.rows.length, PAGE_SIZE, url.searchParams.get('peringkat'));
	const matrix = pageWindow(data.matrix.length, PAGE_SIZE, url.searchParams.get('matriks'));
	const { rows, matrix: matrixRows, ...meta } = data;
	return {
		...meta,
		opdCount: rows.length,
		/** OPDs ranked in each award group (the rows are paged; the group sections are not). */
		groupCounts: Object.fromEntries(
			(meta.awardGroups ?? []).map((g) => [g.key, rows.filter((r) => r.group === g.label).length])
		),
		/** The OPDs left out, apart by kind ("tidak dinilai" / "tidak berpartisipasi"). */
		leftOut: splitNotRated(meta.notRated ?? []),
		years: years.map((y) => y.year),
		ranking: { ...ranking, rows: rows.slice(ranking.start, ranking.end) },
		matrix: { ...matrix, rows: matrixRows.slice(matrix.start, matrix.end) }
	};
};
