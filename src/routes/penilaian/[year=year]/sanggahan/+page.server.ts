import { fail } from '@sveltejs/kit';
import { answerAppeal, appealsOf } from '$lib/server/workflow/appeals';
import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { formValues, parseId } from '$lib/validation/form';
import { STATUS_LABELS } from '$lib/workflow/lifecycle';
import { periodOrNotFound } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';
import { ANSWER_VALUE, readAppealValue } from '$lib/validation/appeal-form';

/** The appeals of a period for evaluators to answer. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('appeal.answer');
	const period = await periodOrNotFound(params.year);
	const list = await appealsOf(period.id);
	return {
		period: {
			year: period.year,
			title: period.title,
			status: period.status,
			statusLabel: STATUS_LABELS[period.status]
		},
		appeals: list.map((a) => ({
			...a,
			createdAt: a.createdAt.toISOString(),
			answeredAt: a.answeredAt?.toISOString() ?? null
		}))
	};
};

export const actions: Actions = {
	answer: async ({ params, request }) => {
		const user = requireCapability('appeal.answer');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		const appealId = parseId(values.appealId);
		if (!appealId) return fail(400, failure({ message: 'Sanggahan tidak dikenal.' }));
		const answered = readAppealValue(ANSWER_VALUE, values.value);
		if (!answered.ok)
			return fail(
				400,
				failure({ values, errors: { value: answered.message }, message: answered.message })
			);
		try {
			const result = await answerAppeal(
				appealId,
				{
					granted: values.decision === 'granted',
					answer: values.answer ?? '',
					value: answered.value ?? undefined,
					periodId: period.id
				},
				actorOf(user)
			);
			return { answered: appealId, snapshotStale: result.snapshotStale };
		} catch (e) {
			return failFrom(e);
		}
	}
};
