import { fail } from '@sveltejs/kit';
import { can } from '$lib/permissions';
import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import {
	assignmentBoard,
	assignmentsEditable,
	recordConflict,
	removeConflict,
	saveAssignment
} from '$lib/server/workflow/assignments';
import { failFrom } from '$lib/server/workflow/error';
import { periodOrNotFound } from '$lib/server/http';
import {
	assignmentSchema,
	conflictRemoveSchema,
	conflictSchema,
	parseForm
} from '$lib/validation/assignment-form';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

/** Who scores what: assignments per evaluator (admin), conflicts of interest, progress. */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireCapability('conflicts.declare');
	const period = await periodOrNotFound(params.year);
	const board = await assignmentBoard(period.id);
	const manage = can(user.role, 'assignments.manage');
	return {
		period: { year: period.year, title: period.title, status: period.status },
		editable: assignmentsEditable(period.status),
		manage,
		me: user.id,
		aspects: period.rubricConfig.aspects.map((a) => ({ key: a.key, label: a.label })),
		roster: board.roster.map((r) => ({ id: r.id, name: r.name })),
		periodAssigned: board.periodAssigned,
		// An evaluator reads everyone's scope and progress, but only their own conflicts.
		evaluators: board.evaluators.map((e) => ({
			...e,
			conflicts: manage || e.userId === user.id ? e.conflicts : []
		}))
	};
};

export const actions: Actions = {
	/** Replaces one evaluator's assignment (admin). */
	save: async ({ params, request }) => {
		const user = requireCapability('assignments.manage');
		const period = await periodOrNotFound(params.year);
		const parsed = parseForm(assignmentSchema, await request.formData(), ['opdIds', 'aspects']);
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		const { userId, opdIds, aspects } = parsed.value;
		try {
			await saveAssignment(period.id, userId, { opdIds, aspects }, actorOf(user));
			return { saved: userId };
		} catch (e) {
			return failFrom(e, {}, { userId });
		}
	},
	/** Records a conflict of interest: an evaluator for themselves, the admin for anyone. */
	conflict: async ({ params, request }) => {
		const user = requireCapability('conflicts.declare');
		const period = await periodOrNotFound(params.year);
		const parsed = parseForm(conflictSchema, await request.formData());
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		const { userId, opdId, note } = parsed.value;
		if (userId !== user.id && !can(user.role, 'assignments.manage'))
			return fail(
				403,
				failure({
					message: 'Anda hanya dapat menyatakan konflik kepentingan Anda sendiri.'
				})
			);
		try {
			await recordConflict(period.id, userId, opdId, note, actorOf(user));
			return { conflictRecorded: true };
		} catch (e) {
			return failFrom(e);
		}
	},
	/** Removes a conflict record (admin). */
	removeConflict: async ({ params, request }) => {
		const user = requireCapability('assignments.manage');
		const period = await periodOrNotFound(params.year);
		const parsed = parseForm(conflictRemoveSchema, await request.formData());
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		try {
			await removeConflict(period.id, parsed.value.userId, parsed.value.opdId, actorOf(user));
			return { conflictRemoved: true };
		} catch (e) {
			return failFrom(e);
		}
	}
};
