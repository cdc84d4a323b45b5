import { error, redirect } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import * as periods from '$lib/server/periods/periods';
import type { PageServerLoad } from './$types';

/** /dasbor goes to the latest year, published or not. */
export const load: PageServerLoad = async ({ url }) => {
	requireCapability('dashboard.view');
	const [latest] = await periods.list();
	if (!latest) error(404, 'Belum ada periode penilaian.');
	redirect(307, `/dasbor/${latest.year}${url.search}`);
};
