import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { addRequestEntry, listRequests } from '$lib/server/registers/entries';
import { formValues } from '$lib/validation/form';
import { readRequestEntry } from '$lib/validation/register';
import type { Actions, PageServerLoad } from './$types';

/** The desk's permohonan informasi register of a year (personal data: registers.manage only). */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('registers.manage');
	const year = Number(params.year);
	const rows = await listRequests(year);
	return {
		year,
		rows: rows.map((r) => ({
			id: r.id,
			kind: r.kind,
			month: r.month,
			count: r.count,
			receivedOn: r.receivedOn,
			applicantName: r.applicantName,
			applicantType: r.applicantType,
			channel: r.channel,
			information: r.information,
			decision: r.decision,
			refusalReason: r.refusalReason,
			workingDays: r.workingDays,
			possibleDuplicate: r.possibleDuplicate
		}))
	};
};

export const actions: Actions = {
	add: async ({ request, params }) => {
		const user = requireCapability('registers.manage');
		const values = formValues(await request.formData());
		const entry = readRequestEntry(values, Number(params.year));
		if (!entry.ok) return fail(400, { values, errors: entry.errors });
		const added = await addRequestEntry(Number(params.year), entry.value, actorOf(user));
		return {
			done: added.possibleDuplicate
				? 'Permohonan dicatat; tanggal dan pemohonnya sama dengan permohonan lain, ditandai mungkin duplikat.'
				: 'Permohonan dicatat.'
		};
	}
};
