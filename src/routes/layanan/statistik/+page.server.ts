import { redirect } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { latestRegisterYear } from '$lib/server/registers/entries';
import type { PageServerLoad } from './$types';

/** /layanan/statistik (the menu's link) goes to the statistics of the latest register year. */
export const load: PageServerLoad = async () => {
	requireCapability('serviceStats.view');
	const year = (await latestRegisterYear()) ?? new Date().getFullYear();
	redirect(307, `/layanan/${year}/statistik`);
};
