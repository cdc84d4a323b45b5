import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { saveVisitsFromForm } from '$lib/server/registers/form-actions';
import { getVisits } from '$lib/server/registers/records';
import type { Actions, PageServerLoad } from './$types';

/** The 12 monthly visit counts of the PPID website in a year. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('registers.manage');
	const year = Number(params.year);
	return { year, ...(await getVisits(year)) };
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireCapability('registers.manage');
		return saveVisitsFromForm(Number(params.year), await request.formData(), actorOf(user));
	}
};
