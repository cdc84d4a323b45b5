import { and, count, eq, inArray } from 'drizzle-orm';
import { scoreOpd } from '../../../scoring';
import type { CellValue } from '../../../scoring/score';
import type { OpdResult, Rubric, Stage } from '../../../scoring/types';
import { isStaged, stageStates, stopReason, type StageState } from '../../../workflow/stages';
import { db, type Conn } from '../../db';
import {
	appeals,
	assessments,
	indicators,
	opds,
	periodOpds,
	periodStages,
	periods,
	stageEvaluators,
	type IndicatorRow
} from '../../db/schema';
import { indicatorRows, rubricFrom } from '../../periods/periods';
import { WorkflowError } from '../error';

/** Reading a staged period: its stages, which stage each indicator belongs to, scores per stage and who stopped. */

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
export async function scoresByOpdId(
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
export function stopOf(rubric: Rubric, result: OpdResult): { stage: Stage; score: number } | null {
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

export async function pendingAppealsOf(
	periodId: number,
	rubric: Rubric,
	stageKey: string,
	conn: Conn
) {
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
