import { publishedYears } from '$lib/server/results/results';
import type { PageServerLoad } from './$types';

/** The open-data page: the addresses, and the files of every published year to download. */
export const load: PageServerLoad = async () => {
	const years = await publishedYears();
	return { years: years.map((y) => ({ year: y.year, title: y.title })) };
};
