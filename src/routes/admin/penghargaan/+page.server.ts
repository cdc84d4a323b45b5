import { redirect } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import * as periods from '$lib/server/periods/periods';
import type { PageServerLoad } from './$types';

/** /admin/penghargaan goes to the latest period's award lists. */
export const load: PageServerLoad = async () => {
	requireCapability('awards.manage');
	const [latest] = await periods.list();
	redirect(307, `/admin/penghargaan/${latest?.year ?? new Date().getFullYear()}`);
};
