import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { mergeOpds, OPD_KINDS, setRetired, updateOpd, type OpdKind } from '$lib/server/opds/admin';
import { setAliases } from '$lib/server/opds/aliases';
import * as opds from '$lib/server/opds/master';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { formValues, parseId } from '$lib/validation/form';

import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

/** The OPD master list. */
export const load: PageServerLoad = async () => {
	requireCapability('opds.manage');
	const [all, aliases] = await Promise.all([opds.list(), opds.aliasesById()]);
	const names = new Map(all.map((o) => [o.id, o.name]));
	return {
		kinds: [...OPD_KINDS],
		opds: all.map((o) => ({
			id: o.id,
			slug: o.slug,
			name: o.name,
			shortName: o.shortName,
			kind: o.kind,
			websiteUrl: o.websiteUrl,
			retired: o.retiredAt !== null,
			aliases: aliases.get(o.id) ?? [],
			mergedInto: o.mergedIntoId ? (names.get(o.mergedIntoId) ?? null) : null
		}))
	};
};

export const actions: Actions = {
	update: async ({ request }) => {
		const user = requireCapability('opds.manage');
		const v = formValues(await request.formData());
		const id = parseId(v.id);
		if (!id) return fail(400, failure({ message: 'OPD tidak dikenal.' }));
		try {
			await updateOpd(
				id,
				{
					name: v.name ?? '',
					shortName: v.shortName ?? '',
					kind: (v.kind ?? '') as OpdKind,
					websiteUrl: v.websiteUrl || null
				},
				actorOf(user)
			);
			return { done: 'Perubahan disimpan.' };
		} catch (e) {
			return failFrom(e);
		}
	},
	aliases: async ({ request }) => {
		const user = requireCapability('opds.manage');
		const v = formValues(await request.formData());
		const id = parseId(v.id);
		if (!id) return fail(400, failure({ message: 'OPD tidak dikenal.' }));
		try {
			await setAliases(id, v.aliases ?? '', actorOf(user));
			return { done: 'Alias disimpan.' };
		} catch (e) {
			return failFrom(e, {}, { aliasesFor: id, aliases: v.aliases ?? '' });
		}
	},
	retire: async ({ request }) => {
		const user = requireCapability('opds.manage');
		const v = formValues(await request.formData());
		const id = parseId(v.id);
		if (!id) return fail(400, failure({ message: 'OPD tidak dikenal.' }));
		try {
			await setRetired(id, v.retired === '1', actorOf(user));
			return { done: v.retired === '1' ? 'OPD dinonaktifkan.' : 'OPD diaktifkan kembali.' };
		} catch (e) {
			return failFrom(e);
		}
	},
	merge: async ({ request }) => {
		const user = requireCapability('opds.manage');
		const v = formValues(await request.formData());
		const source = parseId(v.source);
		const target = parseId(v.target);
		if (!source || !target) return fail(400, failure({ message: 'Pilih OPD asal dan tujuan.' }));
		try {
			await mergeOpds(source, target, actorOf(user));
			return { done: 'OPD digabung.' };
		} catch (e) {
			return failFrom(e);
		}
	}
};
