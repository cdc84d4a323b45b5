import { error, redirect } from '@sveltejs/kit';
import { publishedYears } from '$lib/server/results/results';
import type { PageServerLoad } from './$types';

/** /metode goes to the method of the latest published year. */
export const load: PageServerLoad = async () => {
	const years = await publishedYears();
	const latest = years.at(-1);
	if (!latest) error(404, 'Belum ada hasil yang diterbitkan.');
	redirect(307, `/metode/${latest.year}`);
};
