import { error } from '@sveltejs/kit';
import { organizationName } from '$lib/server/report-settings';
import { publishedReport } from '$lib/server/open-data';
import { publishedYears } from '$lib/server/results';
import type { PageServerLoad } from './$types';

/** Static reading: no JavaScript is shipped (fast on a cheap phone); links and forms work without it. */
export const csr = false;

/** The printable annual-report section of a published year: the matrix, ranking and awards. */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	const [report, years] = await Promise.all([publishedReport(year), publishedYears()]);
	if (!report) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	return {
		year,
		organization: organizationName(),
		years: years.map((y) => y.year),
		...report
	};
};
