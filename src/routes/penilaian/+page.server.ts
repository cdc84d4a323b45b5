import { requireCapability } from '$lib/server/auth/guards';
import * as periods from '$lib/server/periods/periods';
import { STATUS_LABELS } from '$lib/workflow/lifecycle';
import type { PageServerLoad } from './$types';

/** The periods an evaluator can open, newest first. */
export const load: PageServerLoad = async () => {
	requireCapability('cells.assess');
	const all = await periods.list();
	return {
		periods: all.map((p) => ({
			year: p.year,
			title: p.title,
			status: p.status,
			statusLabel: STATUS_LABELS[p.status]
		}))
	};
};
