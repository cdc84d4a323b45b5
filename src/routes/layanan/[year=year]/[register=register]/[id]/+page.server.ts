import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { deleteFromForm, editData, rowId, saveFromForm } from '$lib/server/registers/form-actions';
import type { RegisterSlug } from '$lib/registers/forms';
import type { Actions, PageServerLoad } from './$types';

/** One register row to change or delete, with the version the forms post back. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('registers.manage');
	const slug = params.register as RegisterSlug;
	const year = Number(params.year);
	return { year, slug, ...(await editData(slug, year, rowId(params.id))) };
};

export const actions: Actions = {
	save: async ({ request, params }) => {
		const user = requireCapability('registers.manage');
		const slug = params.register as RegisterSlug;
		const id = rowId(params.id);
		return saveFromForm(slug, Number(params.year), id, await request.formData(), actorOf(user));
	},
	delete: async ({ request, params }) => {
		const user = requireCapability('registers.manage');
		const slug = params.register as RegisterSlug;
		const id = rowId(params.id);
		return deleteFromForm(slug, Number(params.year), id, await request.formData(), actorOf(user));
	}
};
