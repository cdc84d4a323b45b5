import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { listImports } from '$lib/server/registers/import';
import { commitImport, previewImport, undoImport } from '$lib/server/registers/import-actions';
import { REGISTER_FORMS, type RegisterSlug } from '$lib/registers/forms';
import type { Actions, PageServerLoad } from './$types';

/** Importing a register form's rows from CSV: upload, preview, commit, undo. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('registers.manage');
	const slug = params.register as RegisterSlug;
	const year = Number(params.year);
	return {
		year,
		slug,
		columns: REGISTER_FORMS[slug].fields.map((f) => ({ label: f.label, required: !!f.required })),
		imports: await listImports(slug, year)
	};
};

export const actions: Actions = {
	preview: async ({ request, params }) => {
		requireCapability('registers.manage');
		const slug = params.register as RegisterSlug;
		return previewImport(slug, Number(params.year), await request.formData());
	},
	commit: async ({ request, params }) => {
		const user = requireCapability('registers.manage');
		const slug = params.register as RegisterSlug;
		return commitImport(slug, Number(params.year), await request.formData(), actorOf(user));
	},
	undo: async ({ request, params }) => {
		const user = requireCapability('registers.manage');
		const slug = params.register as RegisterSlug;
		return undoImport(slug, Number(params.year), await request.formData(), actorOf(user));
	}
};
