import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import * as awards from '$lib/server/awards/awards';
import { db } from '$lib/server/db';
import { periodOrNotFound } from '$lib/server/http';
import * as periods from '$lib/server/periods/periods';
import { WorkflowError } from '$lib/server/workflow/error';
import { errorsOf, readAwardEntry, readAwardList, readId } from '$lib/validation/award-form';
import { formValues } from '$lib/validation/form';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

/** The PPID's award lists of a year, with the year's OPDs to pick from. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('awards.manage');
	const period = await periodOrNotFound(params.year);
	const year = period.year;
	const [lists, roster, all] = await Promise.all([
		awards.awardListsOfYear(db(), year),
		periods.roster(period.id),
		periods.list()
	]);
	return {
		year,
		published: period.status === 'published',
		years: all.map((p) => p.year).sort((a, b) => a - b),
		lists,
		opds: roster
			.map((r) => ({ id: r.opdId, name: r.name }))
			.sort((a, b) => a.name.localeCompare(b.name, 'id'))
	};
};

const INVALID = 'Periksa isian yang ditandai.';

/** Runs a change; a refusal of the data layer comes back as the form's message. */
async function attempt(
	values: Record<string, string>,
	done: string,
	change: () => Promise<unknown>
) {
	try {
		await change();
		return { done };
	} catch (e) {
		if (e instanceof WorkflowError)
			return fail(e.status, failure({ values, errors: {}, message: e.message }));
		throw e;
	}
}

export const actions: Actions = {
	createList: async (event) => {
		const user = requireCapability('awards.manage');
		const actor = actorOf(user);
		const values = formValues(await event.request.formData());
		const list = readAwardList(values);
		if (!list.ok) return fail(400, failure({ values, errors: errorsOf(list), message: INVALID }));
		return attempt(values, `Daftar "${list.value.title}" dibuat.`, () =>
			awards.createList(Number(event.params.year), list.value, actor)
		);
	},
	updateList: async (event) => {
		const user = requireCapability('awards.manage');
		const actor = actorOf(user);
		const values = formValues(await event.request.formData());
		const target = readId(values, 'listId');
		const list = readAwardList(values);
		if (!target.ok || !list.ok)
			return fail(400, failure({ values, errors: errorsOf(target, list), message: INVALID }));
		return attempt(values, `Daftar "${list.value.title}" disimpan.`, () =>
			awards.updateList(target.value, list.value, actor)
		);
	},
	deleteList: async (event) => {
		const user = requireCapability('awards.manage');
		const actor = actorOf(user);
		const values = formValues(await event.request.formData());
		const target = readId(values, 'listId');
		if (!target.ok)
			return fail(400, failure({ values, errors: errorsOf(target), message: INVALID }));
		return attempt(values, 'Daftar dihapus.', () => awards.deleteList(target.value, actor));
	},
	addEntry: async (event) => {
		const user = requireCapability('awards.manage');
		const actor = actorOf(user);
		const values = formValues(await event.request.formData());
		const target = readId(values, 'listId');
		const entry = readAwardEntry(values);
		if (!target.ok || !entry.ok)
			return fail(400, failure({ values, errors: errorsOf(target, entry), message: INVALID }));
		return attempt(values, 'OPD ditambahkan ke daftar.', () =>
			awards.addEntry(target.value, entry.value, actor)
		);
	},
	updateEntry: async (event) => {
		const user = requireCapability('awards.manage');
		const actor = actorOf(user);
		const values = formValues(await event.request.formData());
		const target = readId(values, 'entryId');
		const entry = readAwardEntry(values);
		if (!target.ok || !entry.ok)
			return fail(400, failure({ values, errors: errorsOf(target, entry), message: INVALID }));
		return attempt(values, 'Baris disimpan.', () =>
			awards.updateEntry(target.value, entry.value, actor)
		);
	},
	deleteEntry: async (event) => {
		const user = requireCapability('awards.manage');
		const actor = actorOf(user);
		const values = formValues(await event.request.formData());
		const target = readId(values, 'entryId');
		if (!target.ok)
			return fail(400, failure({ values, errors: errorsOf(target), message: INVALID }));
		return attempt(values, 'Baris dihapus.', () => awards.deleteEntry(target.value, actor));
	}
};
