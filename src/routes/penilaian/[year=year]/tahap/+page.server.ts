import { fail } from '@sveltejs/kit';
import { can } from '$lib/permissions';
import { requireCapability } from '$lib/server/auth/guards';
import { moveStage } from '$lib/server/workflow/stages/moves';
import { saveSchedule } from '$lib/server/workflow/stages/schedule';
import { stageBoard } from '$lib/server/workflow/stages/board';
import * as users from '$lib/server/accounts/users';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { formValues } from '$lib/validation/form';
import { parseStageSchedule, toDateInput } from '$lib/validation/stage-form';
import { readTimeZone } from '$lib/server/config';
import {
	STAGE_ACTION_LABELS,
	STAGE_STATUS_LABELS,
	stageActions,
	type StageAction
} from '$lib/workflow/stages';
import { periodOrNotFound } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

/** The stages of a staged period: their dates, evaluators, state and the OPDs that stopped. */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireCapability('cells.assess');
	const period = await periodOrNotFound(params.year);
	const board = await stageBoard(period.id);
	const period_ = { year: period.year, title: period.title, status: period.status };
	if (!board.staged) return { period: period_, staged: false as const };
	const canMove = can(user.role, 'period.finalize');
	const canSchedule = can(user.role, 'periods.manage');
	const evaluators = canSchedule
		? (await users.list())
				.filter((u) => (u.role === 'evaluator' || u.role === 'admin') && !u.disabledAt)
				.map((u) => ({ id: u.id, name: u.displayName, username: u.username }))
		: [];
	const nameOf = new Map(evaluators.map((e) => [e.id, e.name]));
	const now = new Date();
	const zone = readTimeZone();
	return {
		period: period_,
		staged: true as const,
		canSchedule,
		evaluators,
		participants: board.participants,
		stopped: board.stopped,
		stages: board.stages.map((s) => ({
			key: s.key,
			label: s.label,
			share: s.share,
			minToProceed: s.minToProceed ?? null,
			status: s.status,
			statusLabel: STAGE_STATUS_LABELS[s.status],
			startsOn: toDateInput(s.startsAt, zone),
			endsOn: toDateInput(s.endsAt, zone),
			appealEndsOn: toDateInput(s.appealEndsAt, zone),
			evaluatorIds: s.evaluatorIds,
			evaluatorNames: s.evaluatorIds.map((id) => nameOf.get(id) ?? `#${id}`),
			pendingAppeals: s.pendingAppeals,
			// A running stage past its end date: the team decides (extend or announce); nothing closes by itself.
			overdue: s.status === 'active' && s.endsAt !== null && s.endsAt < now,
			stoppedHere: s.stoppedHere,
			actions: canMove
				? stageActions(board.stages, s.key, {
						periodUnderEvaluation: period.status === 'evaluation',
						pendingAppeals: s.pendingAppeals,
						now
					}).map((a) => ({ action: a, label: STAGE_ACTION_LABELS[a] }))
				: []
		}))
	};
};

const ACTIONS = new Set<string>(['start', 'announce', 'close']);

export const actions: Actions = {
	/** Starts a stage, announces its results (opens the appeal window) or closes it. */
	move: async ({ params, request }) => {
		const user = requireCapability('period.finalize');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		if (!ACTIONS.has(values.action ?? ''))
			return fail(400, failure({ message: 'Tindakan tahap tidak dikenal.' }));
		try {
			await moveStage(period.id, values.stage ?? '', values.action as StageAction, actorOf(user));
			return { moved: values.action };
		} catch (e) {
			return failFrom(e);
		}
	},
	/** Sets a stage's dates and evaluators (administrators). */
	schedule: async ({ params, request }) => {
		const user = requireCapability('periods.manage');
		const period = await periodOrNotFound(params.year);
		const data = await request.formData();
		const values = formValues(data);
		const parsed = parseStageSchedule(
			values,
			data.getAll('evaluatorId').map(String),
			readTimeZone()
		);
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }, { stage: values.stage }));
		try {
			await saveSchedule(period.id, values.stage ?? '', parsed.schedule, actorOf(user));
			return { scheduled: values.stage };
		} catch (e) {
			return failFrom(e, {}, { stage: values.stage });
		}
	}
};
