import { requireCapability } from '$lib/server/auth/guards';
import { list as listOpds } from '$lib/server/opds/master';
import { periodsOfOpd } from '$lib/server/workflow/self-assessment';
import { selfViewerOf } from '$lib/server/workflow/self-viewer';
import { can } from '$lib/permissions';
import { STATUS_LABELS } from '$lib/workflow/lifecycle';
import type { PageServerLoad } from './$types';

/**
 * The operator's own OPD: the periods it takes part in. A user without an OPD of its own who may
 * see any OPD (the admin) picks one here and reads its pages read-only.
 */
export const load: PageServerLoad = async ({ url }) => {
	const user = requireCapability('self.assess');
	const viewer = await selfViewerOf(user, url.searchParams.get('opd'));
	const choices =
		!user.opdId && can(user.role, 'opd.viewAny')
			? (await listOpds()).filter((o) => !o.retiredAt).map((o) => ({ slug: o.slug, name: o.name }))
			: null;
	const list = viewer ? await periodsOfOpd(viewer.opdId) : [];
	return {
		bound: Boolean(user.opdId),
		choices,
		chosen: viewer?.slug ?? null,
		opdName: list[0]?.opdName ?? null,
		periods: list.map((p) => ({
			year: p.year,
			title: p.title,
			statusLabel: STATUS_LABELS[p.status],
			open: p.status === 'open',
			published: p.status === 'published',
			deadline: p.deadline?.toISOString() ?? null
		}))
	};
};
