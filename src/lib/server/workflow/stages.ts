import { and, count, eq, inArray } from 'drizzle-orm';
import { roundTo, scoreOpd } from '../../scoring';
import type { CellValue } from '../../scoring/score';
import type { OpdResult, Rubric, Stage } from '../../scoring/types';
import {
	cellStageRefusal,
	checkStageAction,
	currentStage,
	isStaged,
	resultsOut,
	stageAppealOpen,
	stageStates,
	stopReason,
	type ScheduleDates,
	type StageAction,
	type StageState
} from '../../workflow/stages';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import {
	appeals,
	assessments,
	indicators,
	opds,
	periodOpds,
	periodStages,
	periods,
	stageEvaluators,
	users,
	type IndicatorRow
} from '../db/schema';
import { notifyOpd, notifyRoles, notifyRoster, notifyUsers } from './notifications';
import { indicatorRows, rubricFrom } from '../periods/periods';
import { WorkflowError } from './error';

/**
 * The stages of a period with their schedule and state (an empty list for a flat rubric), with
 * the rubric and its indicator rows they were read with.
 */
export async function stagesOf(
	periodId: number,
	conn: Conn = db()
): Promise<{ rubric: Rubric; rows: IndicatorRow[]; staged: boolean; states: StageState[] }> {
	const [[period], rows] = await Promise.all([
		conn.select({ config: periods.rubricConfig }).from(periods).where(eq(periods.id, periodId)),
		indicatorRows(periodId, conn)
	]);
	if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
	const rubric = rubricFrom(period.config, rows);
	if (!isStaged(rubric.stages)) return { rubric, rows, staged: false, states: [] };
	const [stored, evaluators] = await Promise.all([
		conn.select().from(periodStages).where(eq(periodStages.periodId, periodId)),
		conn
			.select({ stageKey: stageEvaluators.stageKey, userId: stageEvaluators.userId })
			.from(stageEvaluators)
			.where(eq(stageEvaluators.periodId, periodId))
	]);
	return { rubric, rows, staged: true, states: stageStates(rubric.stages, stored, evaluators) };
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

/** Where a scored OPD stopped: the stage whose minimum it missed and its score there, or null. */
function stopOf(rubric: Rubric, result: OpdResult): { stage: Stage; score: number } | null {
	const stage = rubric.stages.find((s) => s.key === result.stoppedAtStage);
	if (!stage) return null;
	return { stage, score: result.stages.find((s) => s.key === stage.key)?.score ?? 0 };
}

/** OPDs that missed a stage's minimum, with the stage and the reason they read. */
export async function stoppedOpds(
	periodId: number,
	conn: Conn = db()
): Promise<Map<number, { stageKey: string; reason: string }>> {
	const { rubric, staged } = await stagesOf(periodId, conn);
	const stopped = new Map<number, { stageKey: string; reason: string }>();
	if (!staged) return stopped;
	for (const [opdId, result] of await scoresByOpdId(periodId, rubric, conn)) {
		const stop = stopOf(rubric, result);
		if (stop)
			stopped.set(opdId, {
				stageKey: stop.stage.key,
				reason: stopReason(stop.stage, stop.score, rubric.decimals)
			});
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
	const { rubric, rows, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return null;
	const row = rows.find((r) => r.id === indicatorId);
	if (!row) return null;
	const stageKey = stageOfIndicator(rubric).get(row.key) ?? '';
	const [user] =
		actor.userId === null
			? []
			: await conn.select({ role: users.role }).from(users).where(eq(users.id, actor.userId));
	// System actors (CLI, seed) act with an administrator's rights.
	const isAdmin = actor.userId === null || user?.role === 'admin';
	const own = (await scoresByOpdId(periodId, rubric, conn, opdId)).get(opdId);
	const stop = own && stopOf(rubric, own);
	const stoppedAt = stop ? { stageKey: stop.stage.key, score: stop.score } : null;
	return cellStageRefusal(
		states,
		stageKey,
		{ userId: actor.userId, isAdmin },
		stoppedAt,
		rubric.decimals
	);
}

/**
 * What the import planner needs to check cells as `cellStageBlock` does, read once for the whole
 * file: the stages, each indicator's stage and where each OPD stopped. Null for a flat rubric.
 */
export async function importStageContext(
	periodId: number,
	conn: Conn = db()
): Promise<{
	states: StageState[];
	stageOfIndicatorId: Map<number, string>;
	stoppedAt: Map<number, { stageKey: string; score: number }>;
	decimals: number;
} | null> {
	const { rubric, rows, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return null;
	const stageOf = stageOfIndicator(rubric);
	const stoppedAt = new Map<number, { stageKey: string; score: number }>();
	for (const [opdId, result] of await scoresByOpdId(periodId, rubric, conn)) {
		const stop = stopOf(rubric, result);
		if (stop) stoppedAt.set(opdId, { stageKey: stop.stage.key, score: stop.score });
	}
	return {
		states,
		stageOfIndicatorId: new Map(rows.map((r) => [r.id, stageOf.get(r.key) ?? ''])),
		stoppedAt,
		decimals: rubric.decimals
	};
}

/** The stage a cell of a staged period belongs to (by its indicator key), or null. */
export async function cellStage(
	periodId: number,
	indicatorKey: string,
	conn: Conn = db()
): Promise<StageState | null> {
	const { rubric, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return null;
	const key = stageOfIndicator(rubric).get(indicatorKey);
	return states.find((s) => s.key === key) ?? null;
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

export interface ScheduleInput extends ScheduleDates {
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
		const until =
			appealEndsAt?.toLocaleDateString('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }) ??
			'';
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

/** Everything the stage page shows: each stage with its state, appeals waiting, OPDs stopped. */
export async function stageBoard(periodId: number, conn: Conn = db()) {
	const { rubric, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return { staged: false as const };
	const [scores, pending] = await Promise.all([
		scoresByOpdId(periodId, rubric, conn),
		Promise.all(states.map((s) => pendingAppealsOf(periodId, rubric, s.key, conn)))
	]);
	const names = await conn
		.select({ id: periodOpds.opdId, name: periodOpds.displayName, slug: opds.slug })
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(eq(periodOpds.periodId, periodId));
	const nameOf = new Map(names.map((n) => [n.id, n]));
	const stopped = [...scores]
		.flatMap(([opdId, r]) => {
			const stop = stopOf(rubric, r);
			if (!stop) return [];
			return [
				{
					opdId,
					name: nameOf.get(opdId)?.name ?? '',
					slug: nameOf.get(opdId)?.slug ?? '',
					stageKey: stop.stage.key,
					stageLabel: stop.stage.label,
					score: roundTo(stop.score, rubric.decimals),
					minToProceed: stop.stage.minToProceed ?? 0
				}
			];
		})
		.sort((a, b) => a.name.localeCompare(b.name, 'id'));
	// An OPD counts as stopped at a stage only once the stage's results are out.
	const out = new Set(states.filter((s) => resultsOut(s.status)).map((s) => s.key));
	const share = new Map(rubric.stages.map((s) => [s.key, s.share]));
	return {
		staged: true as const,
		stages: states.map((s, i) => ({
			...s,
			share: share.get(s.key) ?? 0,
			pendingAppeals: pending[i] ?? 0,
			stoppedHere: out.has(s.key) ? stopped.filter((o) => o.stageKey === s.key).length : 0
		})),
		stopped: stopped.filter((o) => out.has(o.stageKey)),
		participants: scores.size
	};
}

/** What the matrix locks in a staged period for this user: columns outside their stage, stopped OPDs. */
export interface MatrixStageLocks {
	/** The stage being worked on, for the banner. */
	current: { label: string; status: string; endsAt: Date | null; appealEndsAt: Date | null } | null;
	/** Indicator ids this user may fill now. */
	openIndicatorIds: number[];
	/** Why the other columns are locked. */
	columnReason: string;
	/** OPD id → why it does not go on to the running stage. */
	stopped: Record<number, string>;
	/** Every stage closed: the period may be finalized. */
	allClosed: boolean;
}

export async function matrixStageLocks(
	periodId: number,
	user: { id: number; role: string },
	conn: Conn = db()
): Promise<MatrixStageLocks | null> {
	const { rubric, rows, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return null;
	const active = states.find((s) => s.status === 'active') ?? null;
	const current = currentStage(states);
	const mayFill =
		active !== null &&
		(active.evaluatorIds.length === 0 ||
			user.role === 'admin' ||
			active.evaluatorIds.includes(user.id));
	const stageOf = stageOfIndicator(rubric);
	const activeIndex = active ? states.indexOf(active) : -1;
	const stopped: Record<number, string> = {};
	if (active && activeIndex > 0)
		for (const [opdId, r] of await scoresByOpdId(periodId, rubric, conn)) {
			const stop = stopOf(rubric, r);
			if (stop && states.findIndex((s) => s.key === stop.stage.key) < activeIndex)
				stopped[opdId] = stopReason(stop.stage, stop.score, rubric.decimals);
		}
	return {
		current: current && {
			label: current.label,
			status: current.status,
			endsAt: current.endsAt,
			appealEndsAt: current.appealEndsAt
		},
		openIndicatorIds: mayFill
			? rows.filter((i) => stageOf.get(i.key) === active!.key).map((i) => i.id)
			: [],
		columnReason: !active
			? 'Tidak ada tahap yang sedang berjalan.'
			: mayFill
				? `Indikator ini bukan bagian tahap "${active.label}" yang sedang berjalan.`
				: `Anda tidak ditugaskan sebagai penilai tahap "${active.label}".`,
		stopped,
		allClosed: states.every((s) => s.status === 'closed')
	};
}

/**
 * An OPD's own view of a staged period: each stage with its dates and state, its score once the
 * stage's results are out, whether it went on (and if not, why), and which indicators it may
 * appeal now. Null for a flat rubric.
 */
export async function opdStageStanding(
	periodId: number,
	opdId: number,
	conn: Conn = db(),
	now = new Date()
) {
	const { rubric, rows, staged, states } = await stagesOf(periodId, conn);
	if (!staged) return null;
	const own = (await scoresByOpdId(periodId, rubric, conn, opdId)).get(opdId);
	const stop = own ? stopOf(rubric, own) : null;
	const stopIndex = states.findIndex((s) => s.key === stop?.stage.key);
	// The OPD reads that it stopped only once that stage's results are announced.
	const stoppedAnnounced = stop !== null && resultsOut(states[stopIndex]!.status);
	const stageOf = stageOfIndicator(rubric);
	const appealStages = new Set(states.filter((s) => stageAppealOpen(s, now)).map((s) => s.key));
	return {
		stages: states.map((s, i) => {
			const score = own?.stages[i]?.score ?? 0;
			return {
				key: s.key,
				label: s.label,
				status: s.status,
				startsAt: s.startsAt,
				endsAt: s.endsAt,
				appealEndsAt: s.appealEndsAt,
				minToProceed: s.minToProceed ?? null,
				/** Shown only once the stage's results are announced. */
				score: resultsOut(s.status) ? roundTo(score, rubric.decimals) : null,
				appealOpen: appealStages.has(s.key),
				skipped: stoppedAnnounced && i > stopIndex
			};
		}),
		stoppedReason: stoppedAnnounced ? stopReason(stop.stage, stop.score, rubric.decimals) : null,
		appealIndicatorIds: rows
			.filter((r) => appealStages.has(stageOf.get(r.key) ?? ''))
			.map((r) => r.id)
	};
}
