import { publishedYears } from '$lib/server/results/results';
import type { PageServerLoad } from './$types';

/** Public landing page: which years have published results. */
export const load: PageServerLoad = async () => {
	const years = await publishedYears();
	return { years: years.map((y) => ({ year: y.year, title: y.title })).reverse() };
};
