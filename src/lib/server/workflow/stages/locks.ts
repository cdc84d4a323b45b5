import { eq } from 'drizzle-orm';
import {
	cellStageRefusal,
	currentStage,
	stopReason,
	type StageState
} from '../../../workflow/stages';
import type { Actor } from '../../audit/audit';
import { db, type Conn } from '../../db';
import { users } from '../../db/schema';
import { scoresByOpdId, stageOfIndicator, stagesOf, stopOf } from './read';

/** What a staged period locks: a cell save, an import and the matrix ask here who may fill which cell now. */

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
