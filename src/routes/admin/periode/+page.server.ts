import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { moveFromForm } from '$lib/server/workflow/move-from-form';
import { warmPublishThread } from '$lib/server/workflow/publish-thread';
import { copyPeriod } from '$lib/server/workflow/period-copy';
import * as periods from '$lib/server/periods/periods';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { formValues, readWith } from '$lib/validation/form';
import { periodCopySchema } from '$lib/validation/period-form';
import { needsConfirmation, STATUS_LABELS, transitionsFor } from '$lib/workflow/lifecycle';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

/** The periods with their status and the moves the admin may make, and the copy form. */
export const load: PageServerLoad = async () => {
	const user = requireCapability('periods.manage');
	const all = await periods.list();
	const latest = all[0]?.year ?? new Date().getFullYear() - 1;
	// A period this admin may publish: its thread starts now rather than when the form is sent.
	warmPublishThread(
		all.map((p) => p.status),
		user.role
	);
	return {
		periods: all.map((p) => ({
			year: p.year,
			title: p.title,
			status: p.status,
			statusLabel: STATUS_LABELS[p.status],
			deadline: p.selfAssessmentDeadline?.toISOString() ?? null,
			moves: transitionsFor(p.status, user.role).map((t) => ({
				to: t.to,
				label: t.label,
				needsReason: t.needsReason,
				needsConfirmation: needsConfirmation(t.to)
			}))
		})),
		suggested: { from: latest, to: latest + 1 }
	};
};

export const actions: Actions = {
	copy: async ({ request }) => {
		const user = requireCapability('periods.manage');
		const values = formValues(await request.formData());
		const read = readWith(periodCopySchema, values);
		if (!read.ok) return fail(400, failure({ values, message: read.message }));
		const { from, to } = read.value;
		try {
			await copyPeriod(from, to, actorOf(user));
			return { created: to };
		} catch (e) {
			return failFrom(e, { values });
		}
	},
	transition: async ({ request }) => {
		const user = requireCapability('periods.manage');
		const values = formValues(await request.formData());
		const period = await periods.getByYear(Number(values.year));
		if (!period) return fail(404, failure({ message: 'Periode tidak ditemukan.' }));
		try {
			const to = await moveFromForm(period.id, values, { actor: actorOf(user), role: user.role });
			return { moved: `${period.year}: ${STATUS_LABELS[to]}` };
		} catch (e) {
			return failFrom(e);
		}
	}
};
