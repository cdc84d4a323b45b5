import { fail } from '@sveltejs/kit';
import { can } from '$lib/permissions';
import { requireCapability } from '$lib/server/auth/guards';
import { actorOf } from '$lib/server/accounts/users';
import { readTimeZone } from '$lib/server/config';
import { periodOrNotFound } from '$lib/server/http';
import { failFrom } from '$lib/server/workflow/error';
import {
	participationBoard,
	sendReminders,
	setExtension
} from '$lib/server/workflow/participation';
import { parseForm } from '$lib/validation/assignment-form';
import { zonedDateTime } from '$lib/validation/date';
import { failure } from '$lib/validation/failure';
import {
	extensionRemoveSchema,
	extensionSchema,
	reminderSchema
} from '$lib/validation/participation-form';
import { STATUS_LABELS } from '$lib/workflow/lifecycle';
import { NOT_RATED_LABELS } from '$lib/workflow/not-rated';
import {
	countStates,
	filterBoard,
	PARTICIPATION_LABELS,
	PARTICIPATION_STATES,
	readBoardFilter
} from '$lib/workflow/participation';
import type { Actions, PageServerLoad } from './$types';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The participation board: each OPD's state, deadline and extension, reminders (issue 13 §6). */
export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireCapability('participation.view');
	const period = await periodOrNotFound(params.year);
	const board = await participationBoard(period);
	const filter = readBoardFilter(url.searchParams);
	const counts = countStates(board.rows);
	return {
		period: {
			year: period.year,
			title: period.title,
			statusLabel: STATUS_LABELS[period.status],
			open: period.status === 'open',
			frozen: period.status === 'final' || period.status === 'published',
			deadline: iso(board.deadline)
		},
		manage: can(user.role, 'participation.manage'),
		filter,
		states: PARTICIPATION_STATES.map((s) => ({
			key: s,
			label: PARTICIPATION_LABELS[s],
			count: counts[s]
		})),
		total: board.rows.length,
		late: board.rows.filter((r) => r.late).length,
		rows: filterBoard(board.rows, filter).map((r) => ({
			...r,
			stateLabel: PARTICIPATION_LABELS[r.state],
			markingLabel: r.marking && NOT_RATED_LABELS[r.marking.kind],
			lastSelfAt: iso(r.lastSelfAt),
			submittedAt: iso(r.submittedAt),
			deadline: iso(r.deadline),
			remindedAt: iso(r.remindedAt),
			extension: r.extension && { ...r.extension, until: r.extension.until.toISOString() }
		}))
	};
};

export const actions: Actions = {
	/** Gives one OPD a later self-assessment deadline (end of the chosen day), with a reason. */
	extend: async ({ params, request }) => {
		const user = requireCapability('participation.manage');
		const period = await periodOrNotFound(params.year);
		const parsed = parseForm(extensionSchema, await request.formData());
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		const { opdId, until, reason } = parsed.value;
		try {
			const date = zonedDateTime(until, 'T23:59:59', readTimeZone());
			await setExtension(period.id, opdId, date, reason, actorOf(user));
			return { extended: opdId };
		} catch (e) {
			return failFrom(e, {}, { opdId });
		}
	},
	/** Takes an OPD's extension back (the reason is audited). */
	unextend: async ({ params, request }) => {
		const user = requireCapability('participation.manage');
		const period = await periodOrNotFound(params.year);
		const parsed = parseForm(extensionRemoveSchema, await request.formData());
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		const { opdId, reason } = parsed.value;
		try {
			await setExtension(period.id, opdId, null, reason, actorOf(user));
			return { unextended: opdId };
		} catch (e) {
			return failFrom(e, {}, { opdId });
		}
	},
	/** "Kirim pengingat" to the OPDs not yet submitted (all, or the ticked ones). */
	remind: async ({ params, request }) => {
		const user = requireCapability('participation.manage');
		const period = await periodOrNotFound(params.year);
		const parsed = parseForm(reminderSchema, await request.formData(), ['opdIds']);
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		const { scope, opdIds, force } = parsed.value;
		if (scope === 'selected' && opdIds.length === 0)
			return fail(400, failure({ message: 'Centang OPD yang akan diingatkan.' }));
		try {
			const reminded = await sendReminders(
				period,
				scope === 'all' ? null : opdIds,
				force === '1',
				actorOf(user)
			);
			return { reminded };
		} catch (e) {
			return failFrom(e);
		}
	}
};
