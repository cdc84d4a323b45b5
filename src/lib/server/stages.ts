import { and, count, eq, inArray } from 'drizzle-orm';
import { scoreOpd } from '../scoring';
import type { CellValue } from '../scoring/score';
import type { OpdResult, Rubric } from '../scoring/types';
import {
	cellStageRefusal,
	checkStageAction,
	isStaged,
	stageAppealOpen,
	stageStates,
	stopReason,
	type StageAction,
	type StageState
} from '../workflow/stages';
import * as audit from './audit';
import type { Actor } from './audit';
import { db, type Conn } from './db';
import {
	appeals,
	assessments,
	indicators,
	opds,
	periodOpds,
	periodStages,
	periods,
	stageEvaluators,
	users
} from './db/schema';
import { notifyOpd, notifyRoles, notifyRoster, notifyUsers } from './notifications';
import { rubricOf } from './periods';
import { WorkflowError } from './workflow-error';

/** The stages of a period with their schedule and state (an empty list for a flat rubric). */
export async function stagesOf(
	periodId: number,
	conn: Conn = db()
): Promise<{ rubric: Rubric; staged: boolean; states: StageState[] }> {
	const rubric = await rubricOf(periodId, conn);
	if (!isStaged(rubric.stages)) return { rubric, staged: false, states: [] };
	const [stored, evaluators] = await Promise.all([
		conn.select().from(periodStages).where(eq(periodStages.periodId, periodId)),
		conn
			.select({ stageKey: stageEvaluators.stageKey, userId: stageEvaluators.userId })
			.from(stageEvaluators)
			.where(eq(stageEvaluators.periodId, periodId))
	]);
	return { rubric, staged: true, states: stageStates(rubric.stages, stored, evaluators) };
}

/** Stage key of each indicator key (through its aspect). */
export function stageOfIndicator(rubric: Rubric): Map<string, string> {
	const stageOfAspect = new Map(rubric.aspects.map((a) => [a.key, a.stage]));
	return new Map(rubric.indicators.map((i) => [i.key, stageOfAspect.get(i.aspect) ?? '']));
}

/**
 * Scores the period's OPDs (or one of them) on their verified cells: stage scores and where each
 * stopped. An OPD without any cell scores 0, so it stops at the first stage with a minimum.
 */
async function scoresByOpdId(
	periodId: number,
	rubric: Rubric,
	conn: Conn,
	only?: number
): Promise<Map<number, OpdResult>> {
	const inPeriod = eq(periodOpds.periodId, periodId);
	const [roster, cells] = await Promise.all([
		conn
			.select({ id: opds.id, slug: opds.slug, name: periodOpds.displayName })
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.where(only === undefined ? inPeriod : and(inPeriod, eq(periodOpds.opdId, only))),
		conn
			.select({
				opdId: assessments.opdId,
				key: indicators.key,
				value: assessments.value,
				notApplicable: assessments.notApplicable
			})
			.from(assessments)
			.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
			.where(
				only === undefined
					? eq(assessments.periodId, periodId)
					: and(eq(assessments.periodId, periodId), eq(assessments.opdId, only))
			)
	]);
	const byOpd = new Map<number, Map<string, CellValue>>();
	for (const c of cells) {
		let own = byOpd.get(c.opdId);
		if (!own) byOpd.set(c.opdId, (own = new Map()));
		own.set(c.key, { value: c.value, notApplicable: c.notApplicable });
	}
	const result = new Map<number, OpdResult>();
	for (const o of roster) {
		const own = byOpd.get(o.id);
		result.set(
			o.id,
			scoreOpd(rubric, { key: o.slug, name: o.name }, (key) => own?.get(key))
		);
	}
	return result;
}

/** OPDs that missed an earlier stage's minimum, with the reason they read. */
export async function stoppedOpds(
	periodId: number,
	conn: Conn = db()
): Promise<Map<number, { stageKey: string; reason: string }>> {
	const { rubric, staged } = await stagesOf(periodId, conn);
	const stopped = new Map<number, { stageKey: string; reason: string }>();
	if (!staged) return stopped;
	for (const [opdId, result] of await scoresByOpdId(periodId, rubric, conn)) {
		const at = result.stoppedAtStage;
		if (!at) continue;
		const stage = rubric.stages.find((s) => s.key === at)!;
		const score = result.stages.find((s) => s.key === at)?.score ?? 0;
		stopped.set(opdId, { stageKey: at, reason: stopReason(stage, score, rubric.decimals) });
	}
	return stopped;
}

/**
 * Why `actor` may not set this cell of a staged period, or null. Called by setCell only when the
 * period's rubric has several stages, so a flat rubric's hot path pays nothing for it.
 */
export async function cellStageBlock(
	periodId: number,
	opdId: number,
	indicatorId: number,
	actor: Actor,
	conn: Conn = db()
): Promise<string | null> {
	const { rubric, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return null;
	const [row] = await conn
		.select({ key: indicators.key })
		.from(indicators)
		.where(and(eq(indicators.periodId, periodId), eq(indicators.id, indicatorId)));
	if (!row) return null;
	const stageKey = stageOfIndicator(rubric).get(row.key) ?? '';
	const [user] =
		actor.userId === null
			? []
			: await conn.select({ role: users.role }).from(users).where(eq(users.id, actor.userId));
	// System actors (CLI, seed) act with an administrator's rights.
	const isAdmin = actor.userId === null || user?.role === 'admin';
	const own = (await scoresByOpdId(periodId, rubric, conn, opdId)).get(opdId);
	const stoppedAt = own?.stoppedAtStage
		? {
				stageKey: own.stoppedAtStage,
				score: own.stages.find((s) => s.key === own.stoppedAtStage)?.score ?? 0
			}
		: null;
	return cellStageRefusal(
		states,
		stageKey,
		{ userId: actor.userId, isAdmin },
		stoppedAt,
		rubric.decimals
	);
}

/** Whether operators may appeal this cell now because its stage's appeal window is open. */
export async function stageAppealOpenFor(
	periodId: number,
	indicatorKey: string,
	conn: Conn = db(),
	now = new Date()
): Promise<boolean> {
	const { rubric, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return false;
	const stage = states.find((s) => s.key === stageOfIndicator(rubric).get(indicatorKey));
	return stage ? stageAppealOpen(stage, now) : false;
}

/** Whether the cell's stage has announced results not yet closed (appeals on it may be answered). */
export async function stageAnnouncedFor(
	periodId: number,
	indicatorKey: string,
	conn: Conn = db()
): Promise<boolean> {
	const { rubric, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return false;
	const stage = states.find((s) => s.key === stageOfIndicator(rubric).get(indicatorKey));
	return stage?.status === 'announced';
}

async function pendingAppealsOf(periodId: number, rubric: Rubric, stageKey: string, conn: Conn) {
	const stageOf = stageOfIndicator(rubric);
	const keys = rubric.indicators.filter((i) => stageOf.get(i.key) === stageKey).map((i) => i.key);
	if (!keys.length) return 0;
	const [row] = await conn
		.select({ n: count() })
		.from(appeals)
		.innerJoin(indicators, eq(indicators.id, appeals.indicatorId))
		.where(
			and(
				eq(appeals.periodId, periodId),
				eq(appeals.status, 'pending'),
				inArray(indicators.key, keys)
			)
		);
	return row?.n ?? 0;
}

export interface ScheduleInput {
	startsAt: Date | null;
	endsAt: Date | null;
	appealEndsAt: Date | null;
	evaluatorIds: number[];
}

/** Sets a stage's dates and its evaluators. Audited; refused once the period is final. */
export async function saveSchedule(
	periodId: number,
	stageKey: string,
	input: ScheduleInput,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	if (input.startsAt && input.endsAt && input.endsAt < input.startsAt)
		throw new WorkflowError(400, 'Tanggal selesai tahap tidak boleh sebelum tanggal mulainya.');
	if (input.endsAt && input.appealEndsAt && input.appealEndsAt < input.endsAt)
		throw new WorkflowError(400, 'Batas sanggahan tidak boleh sebelum tanggal selesai tahap.');
	await conn.transaction(async (tx) => {
		const { states } = await lockedStagesOf(periodId, tx);
		const before = states.find((s) => s.key === stageKey);
		if (!before) throw new WorkflowError(404, 'Tahap tidak dikenal pada rubrik periode ini.');
		const ids = [...new Set(input.evaluatorIds)];
		if (ids.length) {
			const valid = await tx
				.select({ id: users.id })
				.from(users)
				.where(and(inArray(users.id, ids), inArray(users.role, ['evaluator', 'admin'])));
			if (valid.length !== ids.length)
				throw new WorkflowError(400, 'Penilai tahap harus pengguna berperan penilai atau admin.');
		}
		const dates = {
			startsAt: input.startsAt,
			endsAt: input.endsAt,
			appealEndsAt: input.appealEndsAt
		};
		await tx
			.insert(periodStages)
			.values({ periodId, stageKey, ...dates })
			.onConflictDoUpdate({ target: [periodStages.periodId, periodStages.stageKey], set: dates });
		await tx
			.delete(stageEvaluators)
			.where(and(eq(stageEvaluators.periodId, periodId), eq(stageEvaluators.stageKey, stageKey)));
		if (ids.length)
			await tx
				.insert(stageEvaluators)
				.values(ids.map((userId) => ({ periodId, stageKey, userId })));
		await audit.record(
			actor,
			{
				action: 'stage.schedule',
				entityType: 'stage',
				entityId: `${periodId}:${stageKey}`,
				periodId,
				before: {
					startsAt: before.startsAt,
					endsAt: before.endsAt,
					appealEndsAt: before.appealEndsAt,
					evaluatorIds: before.evaluatorIds
				},
				after: { ...dates, evaluatorIds: ids }
			},
			tx
		);
	});
}

/** The stages of a period that may still change (not final or published), inside `tx`. */
async function lockedStagesOf(periodId: number, tx: Conn) {
	const [period] = await tx.select().from(periods).where(eq(periods.id, periodId));
	if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
	const found = await stagesOf(periodId, tx);
	if (!found.staged)
		throw new WorkflowError(
			409,
			'Rubrik periode ini hanya punya satu tahap: tidak ada jadwal tahap.'
		);
	if (period.status === 'final' || period.status === 'published')
		throw new WorkflowError(409, 'Periode sudah final: tahap tidak dapat diubah.');
	return { period, ...found };
}

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
		await notifyStageMove(period, stage, action, appealEndsAt, rubric, tx);
	});
}

async function notifyStageMove(
	period: { id: number; year: number },
	stage: StageState,
	action: StageAction,
	appealEndsAt: Date | null,
	rubric: Rubric,
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
		const until = appealEndsAt?.toLocaleDateString('id-ID', { dateStyle: 'long' }) ?? '';
		await notifyRoster(
			period.id,
			{
				...base,
				message: `Hasil tahap "${stage.label}" periode ${period.year} diumumkan. Sanggahan dapat diajukan sampai ${until}.`,
				href: `/opd-saya/${period.year}`
			},
			tx
		);
		for (const [opdId, stop] of await stoppedOpdsIn(period.id, rubric, stage.key, tx))
			await notifyOpd(opdId, { ...base, message: stop, href: `/opd-saya/${period.year}` }, tx);
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

/** OPDs stopped exactly at `stageKey`, with their reason. */
async function stoppedOpdsIn(periodId: number, rubric: Rubric, stageKey: string, conn: Conn) {
	const result: [number, string][] = [];
	for (const [opdId, r] of await scoresByOpdId(periodId, rubric, conn)) {
		if (r.stoppedAtStage !== stageKey) continue;
		const stage = rubric.stages.find((s) => s.key === stageKey)!;
		const score = r.stages.find((s) => s.key === stageKey)?.score ?? 0;
		result.push([opdId, stopReason(stage, score, rubric.decimals)]);
	}
	return result;
}
