import { eq } from 'drizzle-orm';
import { roundTo } from '../../../scoring';
import { resultsOut, stageAppealOpen, stopReason } from '../../../workflow/stages';
import { db, type Conn } from '../../db';
import { opds, periodOpds } from '../../db/schema';
import { pendingAppealsOf, scoresByOpdId, stageOfIndicator, stagesOf, stopOf } from './read';

/** What the stage page and an OPD's own page show of a staged period. */

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
