import { fail } from '@sveltejs/kit';
import { can } from '$lib/permissions';
import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import {
	agreementReport,
	disagreementsOf,
	maySettle,
	settle,
	submissionBoard,
	submitRater
} from '$lib/server/workflow/double-scoring';
import { failFrom } from '$lib/server/workflow/error';
import { periodOrNotFound } from '$lib/server/http';
import { parseCellFields } from '$lib/validation/cell';
import { formValues, parseId } from '$lib/validation/form';
import { failure } from '$lib/validation/failure';
import { cellsEditable, STATUS_LABELS } from '$lib/workflow/lifecycle';
import type { Actions, PageServerLoad } from './$types';

/**
 * Double scoring: who submitted which OPD, the disagreements (settled by the lead) and how well the
 * raters agree. Only OPDs every rater submitted show values, so nothing here breaks blindness.
 */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireCapability('cells.assess');
	const period = await periodOrNotFound(params.year);
	const [board, disagreements, agreement] = period.doubleScored
		? await Promise.all([
				submissionBoard(period.id),
				disagreementsOf(period.id),
				agreementReport(period.id)
			])
		: [[], [], null];
	return {
		period: {
			year: period.year,
			title: period.title,
			statusLabel: STATUS_LABELS[period.status],
			editable: cellsEditable(period.status),
			doubleScored: period.doubleScored,
			blindSelf: period.blindSelf
		},
		userId: user.id,
		canSettle: can(user.role, 'disagreements.settle') && maySettle(period, user),
		board,
		disagreements,
		agreement
	};
};

export const actions: Actions = {
	/** The rater submits their values of one OPD. Audited. */
	submit: async ({ params, request }) => {
		const user = requireCapability('cells.assess');
		const period = await periodOrNotFound(params.year);
		const opdId = parseId(formValues(await request.formData()).opdId);
		if (!opdId) return fail(400, failure({ message: 'OPD tidak dikenal.' }));
		try {
			return { submitted: await submitRater(period.id, opdId, actorOf(user)) };
		} catch (e) {
			return failFrom(e);
		}
	},
	/** The lead (or an admin) settles one disagreement with a value and a reason. Audited. */
	settle: async ({ params, request }) => {
		const user = requireCapability('disagreements.settle');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		const opdId = parseId(values.opdId);
		const indicatorId = parseId(values.indicatorId);
		if (!opdId || !indicatorId) return fail(400, failure({ message: 'Sel tidak dikenal.' }));
		const parsed = parseCellFields({ value: values.value ?? '', version: '0' });
		if (!parsed.ok) return fail(400, failure({ values, message: parsed.message }));
		try {
			await settle(
				period.id,
				opdId,
				indicatorId,
				parsed.cell,
				values.reason ?? '',
				user,
				actorOf(user)
			);
			return { settled: true };
		} catch (e) {
			return failFrom(e, { values });
		}
	}
};
