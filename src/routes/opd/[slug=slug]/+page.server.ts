import { error, redirect } from '@sveltejs/kit';
import { can } from '$lib/permissions';
import { requireUser, requireOwnOpd } from '$lib/server/auth/guards';
import { findBySlug } from '$lib/server/opds/master';
import { latestPublishedYearOf } from '$lib/server/results/open-data';
import { opdYearViews } from '$lib/server/results/year-views';
import type { PageServerLoad } from './$types';

/** /opd/{slug} goes to the latest year the OPD took part in that the reader may see. */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const opd = await findBySlug(params.slug);
	if (!opd) error(404, 'OPD tidak ditemukan.');
	requireOwnOpd(opd.id);
	const latest = can(user.role, 'results.viewUnpublished')
		? (await opdYearViews(opd.id)).views.findLast((v) =>
				v.result.opds.some((o) => o.opd === opd.slug)
			)?.year
		: await latestPublishedYearOf(opd.slug);
	if (!latest) error(404, 'OPD ini belum memiliki hasil penilaian.');
	redirect(307, `/opd/${opd.slug}/${latest}`);
};
