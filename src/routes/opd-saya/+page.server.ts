import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { periodsOfOpd } from '$lib/server/workflow/self-assessment';
import { STATUS_LABELS } from '$lib/workflow/lifecycle';
import type { PageServerLoad } from './$types';

/** The operator's own OPD: the periods it takes part in. */
export const load: PageServerLoad = async () => {
	const user = requireCapability('self.assess');
	if (!user.opdId) error(400, 'Akun ini tidak terikat ke OPD mana pun.');
	const list = await periodsOfOpd(user.opdId);
	return {
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
