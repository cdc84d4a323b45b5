import { error } from '@sveltejs/kit';
import { publishedOpdPage } from '$lib/server/results/open-data';
import type { PageServerLoad } from './$types';

/** One OPD's published result for anyone: ticks, gaps and history, without internal notes. */
export const load: PageServerLoad = async ({ params }) => {
	const year = Number(params.year);
	const page = await publishedOpdPage(year, params.slug);
	if (!page) error(404, `Tidak ada hasil terbit untuk OPD ini pada tahun ${year}.`);
	return { page, showDetails: false };
};
