import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { addFromForm } from '$lib/server/registers/form-actions';
import { listRecords } from '$lib/server/registers/records';
import { REGISTER_FORMS, displayValue, type RegisterSlug } from '$lib/registers/forms';
import type { Actions, PageServerLoad } from './$types';

/** One register form of a year: its rows (personal data: registers.manage only) and the add form. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('registers.manage');
	const slug = params.register as RegisterSlug;
	const year = Number(params.year);
	const form = REGISTER_FORMS[slug];
	const columns = form.columns.map((name) => form.fields.find((f) => f.name === name)!);
	const rows = await listRecords(slug, year);
	return {
		year,
		slug,
		columns: columns.map((c) => c.label),
		rows: rows.map((r) => ({
			id: r.id,
			count: typeof r.count === 'number' ? r.count : 1,
			cells: columns.map((c) => displayValue(c, r[c.name]))
		}))
	};
};

export const actions: Actions = {
	add: async ({ request, params }) => {
		const user = requireCapability('registers.manage');
		const slug = params.register as RegisterSlug;
		return addFromForm(slug, Number(params.year), await request.formData(), actorOf(user));
	}
};
