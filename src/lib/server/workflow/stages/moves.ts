import { checkStageAction, type StageAction, type StageState } from '../../../workflow/stages';
import * as audit from '../../audit/audit';
import type { Actor } from '../../audit/audit';
import { db, type Conn } from '../../db';
import { periodStages } from '../../db/schema';
import { notifyOpd, notifyRoles, notifyRoster, notifyUsers } from '../notifications';
import { WorkflowError } from '../error';
import { pendingAppealsOf, stoppedOpds } from './read';
import { lockedStagesOf } from './schedule';
import { formatDate } from '../../../datetime';
import { readTimeZone } from '../../config';

/** Moving a stage on (start, announce, close) and telling the people concerned. */

/** Default appeal window when a stage's results are announced without a date set. */
export const DEFAULT_APPEAL_DAYS = 7;

/**
 * Starts a stage, announces its results (opening the appeal window) or closes it, after
 * checkStageAction allows it. Notifies the people concerned; audited; all or nothing.
 */
export async function moveStage(
	periodId: number,
	stageKey: string,
	action: StageAction,
	actor: Actor,
	conn: Conn = db(),
	now = new Date()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const { period, rubric, states } = await lockedStagesOf(periodId, tx);
		const pendingAppeals =
			action === 'close' ? await pendingAppealsOf(periodId, rubric, stageKey, tx) : 0;
		const check = checkStageAction(states, stageKey, action, {
			periodUnderEvaluation: period.status === 'evaluation',
			pendingAppeals,
			now
		});
		if (!check.ok) throw new WorkflowError(409, check.message);
		const stage = states.find((s) => s.key === stageKey)!;
		const status = ({ start: 'active', announce: 'announced', close: 'closed' } as const)[action];
		const appealEndsAt =
			action === 'announce'
				? (stage.appealEndsAt ?? new Date(now.getTime() + DEFAULT_APPEAL_DAYS * 86_400_000))
				: stage.appealEndsAt;
		const set = {
			status,
			appealEndsAt,
			...(action === 'announce' ? { announcedAt: now } : {}),
			...(action === 'start' && !stage.startsAt ? { startsAt: now } : {})
		};
		await tx
			.insert(periodStages)
			.values({ periodId, stageKey, ...set })
			.onConflictDoUpdate({ target: [periodStages.periodId, periodStages.stageKey], set });
		await audit.record(
			actor,
			{
				action: `stage.${action}`,
				entityType: 'stage',
				entityId: `${periodId}:${stageKey}`,
				periodId,
				before: { status: stage.status },
				after: { status, ...(action === 'announce' ? { appealEndsAt } : {}) }
			},
			tx
		);
		await notifyStageMove(period, stage, action, appealEndsAt, tx);
	});
}

async function notifyStageMove(
	period: { id: number; year: number },
	stage: StageState,
	action: StageAction,
	appealEndsAt: Date | null,
	tx: Conn
) {
	const base = { periodId: period.id, kind: 'period.moved' as const };
	if (action === 'start') {
		const message = `Tahap "${stage.label}" periode ${period.year} dimulai.`;
		const href = `/penilaian/${period.year}`;
		if (stage.evaluatorIds.length)
			await notifyUsers(stage.evaluatorIds, { ...base, message, href }, tx);
		else await notifyRoles(['evaluator'], { ...base, message, href }, tx);
		await notifyRoster(period.id, { ...base, message, href: `/opd-saya/${period.year}` }, tx);
		return;
	}
	if (action === 'announce') {
		const until = appealEndsAt ? formatDate(appealEndsAt, readTimeZone()) : '';
		await notifyRoster(
			period.id,
			{
				...base,
				message: `Hasil tahap "${stage.label}" periode ${period.year} diumumkan. Sanggahan dapat diajukan sampai ${until}.`,
				href: `/opd-saya/${period.year}`
			},
			tx
		);
		for (const [opdId, stop] of await stoppedOpds(period.id, tx))
			if (stop.stageKey === stage.key)
				await notifyOpd(
					opdId,
					{ ...base, message: stop.reason, href: `/opd-saya/${period.year}` },
					tx
				);
		return;
	}
	await notifyRoles(
		['evaluator'],
		{
			...base,
			message: `Tahap "${stage.label}" periode ${period.year} ditutup.`,
			href: `/penilaian/${period.year}`
		},
		tx
	);
}
