import { error } from '@sveltejs/kit';
import { publishedView, publishedYears } from '$lib/server/results';
import type { PageServerLoad } from './$types';

/** Static reading: no JavaScript is shipped (fast on a cheap phone); links and forms work without it. */
export const csr = false;

/** Public results of a published year: ranking, awards and the matrix with ticks. */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	const [view, years] = await Promise.all([publishedView(year), publishedYears()]);
	if (!view) error(404, `Hasil tahun ${year} belum diterbitkan.`);
	return { view, years: years.map((y) => y.year) };
};
