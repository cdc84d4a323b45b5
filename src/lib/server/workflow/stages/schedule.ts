import { and, eq, inArray } from 'drizzle-orm';
import { type ScheduleDates } from '../../../workflow/stages';
import * as audit from '../../audit/audit';
import type { Actor } from '../../audit/audit';
import { db, type Conn } from '../../db';
import { periodStages, periods, stageEvaluators, users } from '../../db/schema';
import { WorkflowError } from '../error';
import { stagesOf } from './read';

/** A stage's schedule and its evaluators, set by the admin. */

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
export async function lockedStagesOf(periodId: number, tx: Conn) {
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
