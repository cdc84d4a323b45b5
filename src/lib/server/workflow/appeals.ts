import { and, desc, eq } from 'drizzle-orm';
import { cellValueProblem } from '../../workflow/cell-value';
import { appealsOpen } from '../../workflow/lifecycle';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { cellEntityId } from './assessments';
import { db, type Conn } from '../db';
import { appeals, assessments, indicators, opds, periodOpds, periods } from '../db/schema';
import { notifyOpd, notifyRoles } from './notifications';
import { cellStage } from './stages/locks';
import { stageAppealOpen } from '../../workflow/stages';
import { WorkflowError } from './error';
import { lengthProblem, TEXT_LIMITS } from '../../validation/text-limits';

export interface AppealInput {
	indicatorId: number;
	reason: string;
	requestedValue: number | null;
}

/**
 * An operator files an objection (keberatan/sanggah) to one verified cell of its own OPD, after
 * the period is final. One open appeal per cell. Evaluators are notified. Audited.
 */
export async function fileAppeal(
	periodId: number,
	opdId: number,
	input: AppealInput,
	actor: Actor,
	conn: Conn = db()
): Promise<number> {
	const reason = input.reason.trim();
	if (reason.length < 10)
		throw new WorkflowError(400, 'Tuliskan alasan sanggahan (minimal 10 karakter).');
	const reasonTooLong = lengthProblem('Alasan sanggahan', reason, TEXT_LIMITS.text);
	if (reasonTooLong) throw new WorkflowError(400, reasonTooLong);
	return conn.transaction(async (tx) => {
		const [target] = await tx
			.select({ period: periods, indicator: indicators, name: periodOpds.displayName })
			.from(periodOpds)
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.innerJoin(
				indicators,
				and(eq(indicators.periodId, periods.id), eq(indicators.id, input.indicatorId))
			)
			.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, opdId)));
		if (!target) throw new WorkflowError(404, 'Sel tidak ditemukan pada periode ini.');
		// A staged period under evaluation takes appeals on a stage's cells during its window.
		const stage =
			target.period.status === 'evaluation'
				? await cellStage(periodId, target.indicator.key, tx)
				: null;
		const windowOpen =
			appealsOpen(target.period.status) || (stage !== null && stageAppealOpen(stage, new Date()));
		if (!windowOpen)
			throw new WorkflowError(
				409,
				'Sanggahan hanya dapat diajukan setelah periode final, atau dalam masa sanggah setelah hasil tahap diumumkan.'
			);
		const problem = cellValueProblem(target.indicator, input.requestedValue);
		if (problem) throw new WorkflowError(400, problem);
		const [open] = await tx
			.select({ id: appeals.id })
			.from(appeals)
			.where(
				and(
					eq(appeals.periodId, periodId),
					eq(appeals.opdId, opdId),
					eq(appeals.indicatorId, input.indicatorId),
					eq(appeals.status, 'pending')
				)
			);
		if (open) throw new WorkflowError(409, 'Sel ini sudah punya sanggahan yang belum dijawab.');
		const [created] = await tx
			.insert(appeals)
			.values({
				periodId,
				opdId,
				indicatorId: input.indicatorId,
				reason,
				requestedValue: input.requestedValue,
				filedBy: actor.userId
			})
			.returning({ id: appeals.id });
		await audit.record(
			actor,
			{
				action: 'appeal.file',
				entityType: 'cell',
				entityId: cellEntityId(periodId, opdId, input.indicatorId),
				periodId,
				after: { appealId: created!.id, reason, requestedValue: input.requestedValue }
			},
			tx
		);
		await notifyRoles(
			['evaluator'],
			{
				kind: 'appeal.filed',
				message: `${target.name} mengajukan sanggahan atas "${target.indicator.label}" (${target.period.year}).`,
				href: `/penilaian/${target.period.year}/sanggahan`,
				periodId
			},
			tx
		);
		return created!.id;
	});
}

export interface AppealAnswer {
	granted: boolean;
	answer: string;
	/** The new verified value when granted (defaults to the value the operator asked for). */
	value?: number | null;
	/** The period the request names (its URL's year): an appeal of another period is not found. */
	periodId?: number;
}

/**
 * An evaluator answers an appeal. Granted: the cell's verified value changes (audited, even though
 * the period is locked: this is the one sanctioned way to change a final cell). If the period is
 * already published, its public snapshot does NOT change: the result says so, and the period has
 * to be reopened and published again. Rejected: the reason is kept. The OPD is notified.
 */
export async function answerAppeal(
	appealId: number,
	answer: AppealAnswer,
	actor: Actor,
	conn: Conn = db()
): Promise<{ snapshotStale: boolean }> {
	const text = answer.answer.trim();
	if (text.length < 5)
		throw new WorkflowError(400, 'Tuliskan jawaban atau alasan (minimal 5 karakter).');
	const textTooLong = lengthProblem('Jawaban sanggahan', text, TEXT_LIMITS.text);
	if (textTooLong) throw new WorkflowError(400, textTooLong);
	return conn.transaction(async (tx) => {
		const [row] = await tx
			.select({ appeal: appeals, period: periods, indicator: indicators })
			.from(appeals)
			.innerJoin(periods, eq(periods.id, appeals.periodId))
			.innerJoin(indicators, eq(indicators.id, appeals.indicatorId))
			.where(
				and(
					eq(appeals.id, appealId),
					answer.periodId === undefined ? undefined : eq(appeals.periodId, answer.periodId)
				)
			);
		if (!row) throw new WorkflowError(404, 'Sanggahan tidak ditemukan.');
		const { appeal, period, indicator } = row;
		if (appeal.status !== 'pending') throw new WorkflowError(409, 'Sanggahan ini sudah dijawab.');
		const answerable =
			appealsOpen(period.status) ||
			(period.status === 'evaluation' &&
				(await cellStage(period.id, indicator.key, tx))?.status === 'announced');
		if (!answerable)
			throw new WorkflowError(
				409,
				'Periode sedang dibuka kembali: ubah nilainya langsung di matriks, lalu jawab sanggahan setelah final.'
			);
		let change: { before: unknown; after: unknown } | null = null;
		if (answer.granted) {
			const value = answer.value === undefined ? appeal.requestedValue : answer.value;
			const problem = cellValueProblem(indicator, value);
			if (problem) throw new WorkflowError(400, problem);
			const [cell] = await tx
				.select()
				.from(assessments)
				.where(
					and(
						eq(assessments.periodId, appeal.periodId),
						eq(assessments.opdId, appeal.opdId),
						eq(assessments.indicatorId, appeal.indicatorId)
					)
				);
			const now = new Date();
			const set = {
				value,
				notApplicable: false,
				verifyReason: `Sanggahan dikabulkan: ${text}`,
				assessedBy: actor.userId,
				assessedAt: now
			};
			if (cell)
				await tx
					.update(assessments)
					.set({ ...set, version: cell.version + 1 })
					.where(eq(assessments.id, cell.id));
			else
				await tx.insert(assessments).values({
					periodId: appeal.periodId,
					opdId: appeal.opdId,
					indicatorId: appeal.indicatorId,
					...set
				});
			change = {
				before: { value: cell?.value ?? null, version: cell?.version ?? 0 },
				after: { value, version: (cell?.version ?? 0) + 1, reason: set.verifyReason }
			};
		}
		await tx
			.update(appeals)
			.set({
				status: answer.granted ? 'granted' : 'rejected',
				answer: text,
				answeredBy: actor.userId,
				answeredAt: new Date()
			})
			.where(eq(appeals.id, appealId));
		const snapshotStale = answer.granted && period.status === 'published';
		await audit.record(
			actor,
			{
				action: 'appeal.answer',
				entityType: 'cell',
				entityId: cellEntityId(appeal.periodId, appeal.opdId, appeal.indicatorId),
				periodId: appeal.periodId,
				before: change?.before ?? null,
				after: {
					appealId,
					granted: answer.granted,
					answer: text,
					...(change ? { value: (change.after as { value: unknown }).value } : {}),
					...(snapshotStale ? { publishedSnapshotUnchanged: true } : {})
				}
			},
			tx
		);
		await notifyOpd(
			appeal.opdId,
			{
				kind: 'appeal.answered',
				message: `Sanggahan atas "${indicator.label}" ${answer.granted ? 'dikabulkan' : 'ditolak'}: ${text}`,
				href: `/opd-saya/${period.year}`,
				periodId: appeal.periodId
			},
			tx
		);
		return { snapshotStale };
	});
}

/** The appeals of a period (optionally of one OPD), newest first, with names for the page. */
export async function appealsOf(periodId: number, opdId?: number, conn: Conn = db()) {
	return conn
		.select({
			id: appeals.id,
			opdId: appeals.opdId,
			opdName: opds.name,
			indicatorId: appeals.indicatorId,
			indicatorLabel: indicators.label,
			indicatorKind: indicators.kind,
			reason: appeals.reason,
			requestedValue: appeals.requestedValue,
			status: appeals.status,
			answer: appeals.answer,
			createdAt: appeals.createdAt,
			answeredAt: appeals.answeredAt
		})
		.from(appeals)
		.innerJoin(opds, eq(opds.id, appeals.opdId))
		.innerJoin(indicators, eq(indicators.id, appeals.indicatorId))
		.where(
			opdId === undefined
				? eq(appeals.periodId, periodId)
				: and(eq(appeals.periodId, periodId), eq(appeals.opdId, opdId))
		)
		.orderBy(desc(appeals.id));
}
