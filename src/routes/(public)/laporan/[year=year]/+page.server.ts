import { error } from '@sveltejs/kit';
import { awardParagraphs, reportTable } from '$lib/insights';
import { toResultRows } from '$lib/results-table';
import { organizationName } from '$lib/server/report-settings';
import { publishedView, publishedYears } from '$lib/server/results';
import type { PageServerLoad } from './$types';

/** Static reading: no JavaScript is shipped (fast on a cheap phone); links and forms work without it. */
export const csr = false;

/** The printable annual-report section of a published year: the matrix, ranking and awards. */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	const [view, years] = await Promise.all([publishedView(year), publishedYears()]);
	if (!view) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	const names = new Map(view.roster.map((r) => [r.slug, r.displayName]));
	return {
		year,
		title: view.title,
		source: view.source,
		organization: organizationName(),
		years: years.map((y) => y.year),
		decimals: view.result.rubric.decimals,
		table: reportTable(view.result, view.roster),
		ranking: toResultRows(view.result, view.roster),
		awards: awardParagraphs(year, view.result, names, view.officialAwards),
		officialSource: view.officialAwards[0]?.source ?? null
	};
};
