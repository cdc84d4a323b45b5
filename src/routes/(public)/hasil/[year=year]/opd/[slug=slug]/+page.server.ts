import { error } from '@sveltejs/kit';
import { publishedNotRated, publishedOpdPage } from '$lib/server/results/open-data';
import type { PageServerLoad } from './$types';

/**
 * One OPD's published result for anyone: ticks, gaps and history, without internal notes. An OPD
 * the team left out that year ("tidak dinilai") shows as such, with the reason and no score.
 */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	const page = await publishedOpdPage(year, params.slug);
	if (page) return { page, notRated: null, showDetails: false };
	const notRated = await publishedNotRated(year, params.slug);
	if (!notRated) error(404, `Tidak ada hasil terbit untuk OPD ini pada tahun ${year}.`);
	return { page: null, notRated: { ...notRated, year }, showDetails: false };
};
