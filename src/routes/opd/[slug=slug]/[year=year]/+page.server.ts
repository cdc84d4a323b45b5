import { error } from '@sveltejs/kit';
import { buildOpdPage } from '$lib/insights/opd-page';
import { can } from '$lib/permissions';
import { requireUser, requireOwnOpd } from '$lib/server/auth/guards';
import { cellDetails } from '$lib/server/opds/details';
import { selfHidden } from '$lib/workflow/double-scoring';
import { findBySlug } from '$lib/server/opds/master';
import { getByYear } from '$lib/server/periods/periods';
import { publishedOpdPage } from '$lib/server/results/open-data';
import { opdYearViews } from '$lib/server/results/year-views';
import { fileView, listEvidence } from '$lib/server/evidence/files';
import { maySeeEvidence } from '$lib/workflow/evidence-access';
import type { PageServerLoad } from './$types';

/**
 * One OPD in one year for signed-in readers: operators only their own OPD and published years;
 * pimpinan, evaluators and admins any OPD, unpublished years included. With evidence and notes.
 */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const opd = await findBySlug(params.slug);
	if (!opd) error(404, 'OPD tidak ditemukan.');
	requireOwnOpd(opd.id);
	const year = Number(params.year);
	const unpublished = can(user.role, 'results.viewUnpublished');
	const period = await getByYear(year);
	// Double scoring blind to the self-assessment: evaluators do not read it here while they score.
	const hideSelf = period && user.role === 'evaluator' && selfHidden(period);
	const details = (period ? await cellDetails(period.id, opd.id) : []).map((d) =>
		hideSelf ? { ...d, selfEvidenceUrl: null, selfNote: null } : d
	);
	// Published years only (operators): the OPD's own published files, never whole snapshots.
	const shown = unpublished ? await opdYearViews(opd.id) : null;
	const page = shown
		? buildOpdPage(shown.views, year, opd.slug, details, shown.without)
		: await publishedOpdPage(year, opd.slug, details);
	if (!page)
		error(404, `${opd.name} tidak memiliki hasil yang dapat Anda lihat untuk tahun ${year}.`);
	const files = period ? await listEvidence(period.id, opd.id) : [];
	return {
		page,
		showDetails: true,
		files: files.filter((f) => maySeeEvidence(user, f, period!.status)).map((f) => fileView(f))
	};
};
