import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { listRequests } from '$lib/server/registers/entries';
import { addFromForm } from '$lib/server/registers/form-actions';
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
		return addFromForm('permohonan', Number(params.year), await request.formData(), actorOf(user));
	}
};
