import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { choicesFromForm, confirm, previewUpload, replan } from '$lib/server/import/flow';
import { findImport, recentImports, revertImport } from '$lib/server/import/revert';
import { warmImportThreads } from '$lib/server/import/plan-thread';
import { importPageData, readUpload, stepResult, UNREADABLE } from '$lib/server/import/page';
import { actorOf } from '$lib/server/accounts/users';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';
import { formValues, parseId } from '$lib/validation/form';

export const load: PageServerLoad = async () => {
	requireCapability('import.run');
	const [page, imports] = await Promise.all([importPageData(), recentImports()]);
	// The threads, and the matcher of the year the form offers first.
	warmImportThreads(undefined, page.defaultYear);
	return { ...page, imports };
};

export const actions: Actions = {
	preview: async ({ request }) => {
		const user = requireCapability('import.run');
		const upload = await readUpload(await request.formData());
		if (!upload.ok) return fail(400, failure({ values: upload.values, errors: upload.errors }));
		const outcome = await previewUpload({ userId: user.id, ...upload.input });
		if (!outcome.ok)
			return fail(
				400,
				failure(
					{ action: 'preview', values: upload.values, message: UNREADABLE },
					{ issues: outcome.errors.slice(0, 200) }
				)
			);
		return { preview: outcome.preview };
	},
	replan: async ({ request }) => {
		const user = requireCapability('import.run');
		const form = await request.formData();
		const step = await replan(String(form.get('token') ?? ''), user.id, choicesFromForm(form));
		return stepResult(step);
	},
	commit: async ({ request }) => {
		const user = requireCapability('import.run');
		const form = await request.formData();
		const step = await confirm({
			token: String(form.get('token') ?? ''),
			digest: String(form.get('digest') ?? ''),
			userId: user.id,
			chosen: choicesFromForm(form),
			actor: actorOf(user)
		});
		return stepResult(step);
	},
	// Two steps: the first post asks (how many cells, which year), `confirmed=yes` reverts.
	revert: async ({ request }) => {
		const user = requireCapability('import.run');
		const form = await request.formData();
		const id = parseId(formValues(form).eventId);
		if (id === null)
			return fail(400, failure({ action: 'revert', message: 'Impor tidak dikenal.' }));
		if (form.get('confirmed') !== 'yes') {
			const entry = await findImport(id);
			if (!entry)
				return fail(404, failure({ action: 'revert', message: `Impor #${id} tidak ditemukan.` }));
			if (entry.reverted)
				return fail(
					409,
					failure({ action: 'revert', message: `Impor #${id} sudah dibatalkan sebelumnya.` })
				);
			return { revertAsk: entry };
		}
		const outcome = await revertImport(id, actorOf(user));
		if (!outcome.ok) return fail(409, failure({ action: 'revert', message: outcome.message }));
		return { reverted: { id, restored: outcome.restored } };
	}
};
