import { redirect } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { latestRegisterYear } from '$lib/server/registers/entries';
import type { PageServerLoad } from './$types';

/** /layanan goes to the latest register year, or this year's empty register. */
export const load: PageServerLoad = async () => {
	requireCapability('registers.manage');
	const year = (await latestRegisterYear()) ?? new Date().getFullYear();
	redirect(307, `/layanan/${year}`);
};
