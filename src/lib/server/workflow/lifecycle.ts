import { eq } from 'drizzle-orm';
import type { Role } from '../../permissions';
import { rubricGaps } from '../../scoring';
import { checkTransition, type PeriodStatus } from '../../workflow/lifecycle';
import { doubleScoringBlock } from '../../workflow/readiness';
import { doubleScoringGaps } from './double-scoring';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { periods } from '../db/schema';
import { notifyRoster } from './notifications';
import { rubricOf } from '../periods/periods';
import { unassessedCount } from './readiness';
import { publish } from '../results/results';
import { stagesOf } from './stages/read';
import { STAGE_STATUS_LABELS } from '../../workflow/stages';
import { WorkflowError } from './error';
import { lengthProblem, TEXT_LIMITS } from '../../validation/text-limits';
import { formatDate } from '../../datetime';
import { readTimeZone } from '../config';

/** Who moves a period: the audit actor plus the role the transition table checks. */
export interface Mover {
	actor: Actor;
	role: Role;
}

/**
 * Moves a period to `to` if the transition table allows it for the mover's role. Publishing goes
 * through `publish()` (a new immutable snapshot); reopening a final or published period needs a
 * reason and leaves the published snapshot as it was until the period is published again.
 * One transaction with its audit record; throws WorkflowError on a refusal, changing nothing.
 */
export async function transition(
	periodId: number,
	to: PeriodStatus,
	mover: Mover,
	reason = '',
	conn: Conn = db()
): Promise<void> {
	const reasonTooLong = lengthProblem('Alasan', reason, TEXT_LIMITS.text);
	if (reasonTooLong) throw new WorkflowError(400, reasonTooLong);
	await conn.transaction(async (tx) => {
		const [period] = await tx.select().from(periods).where(eq(periods.id, periodId)).limit(1);
		if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
		const check = checkTransition(period.status, to, mover.role, reason);
		if (!check.ok) throw new WorkflowError(check.status, check.message);
		if (to === 'final') {
			const { states } = await stagesOf(periodId, tx);
			const open = states.find((s) => s.status !== 'closed');
			if (open)
				throw new WorkflowError(
					409,
					`Tahap "${open.label}" belum ditutup (${STAGE_STATUS_LABELS[open.status].toLowerCase()}): selesaikan semua tahap sebelum memfinalkan periode.`
				);
		}
		if (to === 'final' || to === 'published') {
			const blocked = doubleScoringBlock(await doubleScoringGaps(periodId, tx));
			if (blocked) throw new WorkflowError(409, `${blocked} Selesaikan dulu di halaman selisih.`);
		}
		// A draft's rubric may be half built (rubric-structure.ts); it must be whole before use.
		if (period.status === 'draft' && to !== 'draft') {
			const gaps = rubricGaps(await rubricOf(periodId, tx));
			if (gaps.length)
				throw new WorkflowError(
					409,
					`Rubrik ${period.year} belum lengkap: ${gaps.join(' ')} Lengkapi dulu di halaman rubrik.`
				);
		}
		if (to === 'published') {
			const unassessed = await unassessedCount(periodId, tx);
			if (unassessed > 0)
				throw new WorkflowError(
					409,
					`${unassessed.toLocaleString('id-ID')} sel ${period.year} belum dinilai: putuskan dulu (hitung sebagai "tidak ada", dengan alasan) sebelum publikasi.`
				);
			await publish(periodId, mover.actor, tx);
			return;
		}
		await tx.update(periods).set({ status: to }).where(eq(periods.id, periodId));
		await audit.record(
			mover.actor,
			{
				action: check.transition.needsReason ? 'period.reopen' : 'period.transition',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: { status: period.status },
				after: { status: to, ...(reason.trim() ? { reason: reason.trim() } : {}) }
			},
			tx
		);
	});
}

/**
 * Sets or extends the self-assessment deadline (null: none). Audited; evaluators use it when
 * OPDs need more time, as plenary decisions do in the national monev.
 */
export async function setSelfDeadline(
	periodId: number,
	deadline: Date | null,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const [period] = await tx.select().from(periods).where(eq(periods.id, periodId)).limit(1);
		if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
		if (period.status === 'final' || period.status === 'published')
			throw new WorkflowError(
				409,
				'Periode sudah final: batas waktu penilaian mandiri tidak dapat diubah.'
			);
		await tx
			.update(periods)
			.set({ selfAssessmentDeadline: deadline })
			.where(eq(periods.id, periodId));
		await notifyRoster(
			periodId,
			{
				kind: 'deadline.set',
				message: deadline
					? `Batas penilaian mandiri ${period.year}: ${formatDate(deadline, readTimeZone())}.`
					: `Batas penilaian mandiri ${period.year} dihapus.`,
				href: `/opd-saya/${period.year}`,
				periodId
			},
			tx
		);
		await audit.record(
			actor,
			{
				action: 'period.deadline',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: { deadline: period.selfAssessmentDeadline?.toISOString() ?? null },
				after: { deadline: deadline?.toISOString() ?? null }
			},
			tx
		);
	});
}
