import { error } from '@sveltejs/kit';
import { buildDashboard } from '$lib/insights';
import { requireCapability } from '$lib/server/auth/guards';
import { dashboardYearViews } from '$lib/server/results/year-views';
import type { PageServerLoad } from './$types';

/** Leadership dashboard of one year, unpublished years included; filters in the query string. */
export const load: PageServerLoad = async ({ params, url }) => {
	requireCapability('dashboard.view');
	const year = Number(params.year);
	const shown = await dashboardYearViews(year, url.searchParams);
	const dashboard = shown && buildDashboard(shown.views, year, url.searchParams, shown.listed);
	if (!dashboard) error(404, `Tidak ada periode penilaian tahun ${year}.`);
	return { dashboard };
};
