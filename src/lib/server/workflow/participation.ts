/**
 * Participation of a period's OPDs (issue 13 §6): the board (where each OPD stands), deadline
 * extensions per OPD, and reminders to the OPDs that have not submitted. The rules are the pure
 * `workflow/participation.ts`; this module counts the facts and writes, each write audited.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { writeCsv } from '../../import/csv-cells';
import {
	awaitsSubmission,
	effectiveDeadline,
	extensionProblem,
	isLate,
	PARTICIPATION_LABELS,
	participationState,
	reminderDue
} from '../../workflow/participation';
import { markingOf, NOT_RATED_LABELS } from '../../workflow/not-rated';
import { lengthProblem, TEXT_LIMITS } from '../../validation/text-limits';
import { formatDate, formatDateTime } from '../../datetime';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { readTimeZone } from '../config';
import { db, type Conn } from '../db';
import {
	appeals,
	assessments,
	indicators,
	opdParticipation,
	opds,
	periodOpds,
	periods,
	users,
	type Period
} from '../db/schema';
import { WorkflowError } from './error';
import { notifyOpd } from './notifications';
import { unassessedCells } from './readiness';

/** The OPD's own participation row (null: nothing recorded yet). */
async function participationOf(periodId: number, opdId: number, conn: Conn) {
	const [row] = await conn
		.select()
		.from(opdParticipation)
		.where(and(eq(opdParticipation.periodId, periodId), eq(opdParticipation.opdId, opdId)));
	return row ?? null;
}

/** The self-assessment deadline one OPD works to: the period's, or its later extension. */
export async function deadlineOf(
	period: Pick<Period, 'id' | 'selfAssessmentDeadline'>,
	opdId: number,
	conn: Conn = db()
): Promise<{ deadline: Date | null; extended: boolean }> {
	const row = await participationOf(period.id, opdId, conn);
	const deadline = effectiveDeadline(period.selfAssessmentDeadline, row?.extendedUntil ?? null);
	const general = period.selfAssessmentDeadline?.getTime();
	return { deadline, extended: deadline !== null && deadline.getTime() !== general };
}

/** Records a submission ("Kirim untuk verifikasi"); called inside submitSelf's transaction. */
export async function recordSubmission(
	periodId: number,
	opdId: number,
	actor: Actor,
	now: Date,
	conn: Conn
): Promise<void> {
	await conn
		.insert(opdParticipation)
		.values({ periodId, opdId, submittedAt: now, submittedBy: actor.userId })
		.onConflictDoUpdate({
			target: [opdParticipation.periodId, opdParticipation.opdId],
			set: { submittedAt: now, submittedBy: actor.userId }
		});
}

/**
 * Every OPD of the roster with its state and what it rests on, in roster order: self-assessed
 * and verified cells, the submission, appeals, its deadline (extension included) and whether it
 * is late, the last reminder.
 */
export async function participationBoard(period: Period, now = new Date(), conn: Conn = db()) {
	const [roster, [indicatorCount], cells, appealRows, missing] = await Promise.all([
		conn
			.select({
				opdId: periodOpds.opdId,
				slug: opds.slug,
				name: periodOpds.displayName,
				number: periodOpds.displayNumber,
				notRatedReason: periodOpds.notRatedReason,
				notRatedKind: periodOpds.notRatedKind,
				submittedAt: opdParticipation.submittedAt,
				extendedUntil: opdParticipation.extendedUntil,
				extensionReason: opdParticipation.extensionReason,
				extendedBy: users.displayName,
				remindedAt: opdParticipation.remindedAt
			})
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.leftJoin(
				opdParticipation,
				and(
					eq(opdParticipation.periodId, periodOpds.periodId),
					eq(opdParticipation.opdId, periodOpds.opdId)
				)
			)
			.leftJoin(users, eq(users.id, opdParticipation.extendedBy))
			.where(eq(periodOpds.periodId, period.id))
			.orderBy(periodOpds.displayNumber, periodOpds.displayName),
		conn
			.select({ n: sql<number>`count(*)` })
			.from(indicators)
			.where(eq(indicators.periodId, period.id)),
		conn
			.select({
				opdId: assessments.opdId,
				self: sql<number>`sum(${assessments.selfValue} is not null or ${assessments.selfNotApplicable} = 1 or ${assessments.selfEvidenceUrl} is not null or ${assessments.selfNote} is not null)`,
				verified: sql<number>`sum(${assessments.value} is not null or ${assessments.notApplicable} = 1)`,
				lastSelfAt: sql<number | null>`max(${assessments.selfAt})`
			})
			.from(assessments)
			.where(eq(assessments.periodId, period.id))
			.groupBy(assessments.opdId),
		conn
			.select({
				opdId: appeals.opdId,
				total: sql<number>`count(*)`,
				pending: sql<number>`sum(${appeals.status} = 'pending')`
			})
			.from(appeals)
			.where(eq(appeals.periodId, period.id))
			.groupBy(appeals.opdId),
		unassessedCells(period.id, conn)
	]);
	const total = Number(indicatorCount?.n ?? 0);
	const cellsOf = new Map(cells.map((c) => [c.opdId, c]));
	const appealsOf = new Map(appealRows.map((a) => [a.opdId, a]));
	const gaps = new Map<number, number>();
	for (const r of missing.rows) gaps.set(r.opdId, (gaps.get(r.opdId) ?? 0) + 1);
	const rows = roster.map((o) => {
		const c = cellsOf.get(o.opdId);
		const a = appealsOf.get(o.opdId);
		const selfCells = Number(c?.self ?? 0);
		const marking = markingOf(o.notRatedReason, o.notRatedKind);
		const state = participationState({
			selfCells,
			submittedAt: o.submittedAt,
			cells: total,
			unverified: gaps.get(o.opdId) ?? 0,
			appeals: Number(a?.total ?? 0),
			notRated: marking !== null,
			notParticipating: marking?.kind === 'tidak berpartisipasi'
		});
		const deadline = effectiveDeadline(period.selfAssessmentDeadline, o.extendedUntil);
		return {
			opdId: o.opdId,
			slug: o.slug,
			name: o.name,
			state,
			selfCells,
			verifiedCells: Number(c?.verified ?? 0),
			cells: total,
			lastSelfAt: c?.lastSelfAt ? new Date(Number(c.lastSelfAt)) : null,
			submittedAt: o.submittedAt,
			appeals: Number(a?.total ?? 0),
			pendingAppeals: Number(a?.pending ?? 0),
			/** "Tidak dinilai" or "tidak berpartisipasi" with the reason; null: the OPD is rated. */
			marking,
			extension: o.extendedUntil
				? {
						until: o.extendedUntil,
						reason: o.extensionReason ?? '',
						by: o.extendedBy
					}
				: null,
			deadline,
			late: isLate(state, deadline, now),
			remindedAt: o.remindedAt
		};
	});
	return { rows, deadline: period.selfAssessmentDeadline };
}

export type BoardRow = Awaited<ReturnType<typeof participationBoard>>['rows'][number];

/** The board as CSV (UTF-8 with BOM, the app's one CSV writer), dates in the app's time zone. */
export function boardCsv(rows: readonly BoardRow[], zone: string): string {
	const when = (d: Date | null) => (d ? formatDateTime(d, zone) : null);
	return writeCsv(
		[
			'OPD',
			'Kode',
			'Status',
			'Penilaian mandiri (sel)',
			'Terverifikasi (sel)',
			'Indikator',
			'Dikirim',
			'Sanggahan',
			'Sanggahan menunggu',
			'Batas',
			'Diperpanjang sampai',
			'Alasan perpanjangan',
			'Lewat batas',
			'Pengingat terakhir',
			'Tidak dinilai / tidak berpartisipasi',
			'Alasan tidak dinilai / tidak berpartisipasi'
		],
		rows.map((r) => [
			r.name,
			r.slug,
			PARTICIPATION_LABELS[r.state],
			r.selfCells,
			r.verifiedCells,
			r.cells,
			when(r.submittedAt),
			r.appeals,
			r.pendingAppeals,
			when(r.deadline),
			when(r.extension?.until ?? null),
			r.extension?.reason ?? null,
			r.late ? 'ya' : 'tidak',
			when(r.remindedAt),
			r.marking ? NOT_RATED_LABELS[r.marking.kind] : null,
			r.marking?.reason || null
		]),
		{ bom: true }
	);
}

/**
 * Gives one OPD of the roster a later self-assessment deadline (`until`) with a reason, or takes
 * it back (`until` null; the reason still says why). Refused once the period is final, without a
 * general deadline, or not after it. Its operators are told; audited.
 */
export async function setExtension(
	periodId: number,
	opdId: number,
	until: Date | null,
	reason: string,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	const why = reason.trim();
	if (why.length < 5)
		throw new WorkflowError(400, 'Tuliskan alasan perpanjangan (minimal 5 karakter).');
	const tooLong = lengthProblem('Alasan', why, TEXT_LIMITS.text);
	if (tooLong) throw new WorkflowError(400, tooLong);
	await conn.transaction(async (tx) => {
		const [row] = await tx
			.select({
				year: periods.year,
				status: periods.status,
				deadline: periods.selfAssessmentDeadline,
				name: periodOpds.displayName
			})
			.from(periodOpds)
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, opdId)));
		if (!row) throw new WorkflowError(404, 'OPD itu bukan peserta periode ini.');
		if (row.status === 'final' || row.status === 'published')
			throw new WorkflowError(
				409,
				'Periode sudah final: perpanjangan batas waktu tidak dapat diubah.'
			);
		if (until) {
			const problem = extensionProblem(row.status, row.deadline, until);
			if (problem) throw new WorkflowError(409, problem);
		}
		const before = await participationOf(periodId, opdId, tx);
		if (!until && !before?.extendedUntil)
			throw new WorkflowError(409, `${row.name} tidak memiliki perpanjangan batas waktu.`);
		const now = new Date();
		const set = {
			extendedUntil: until,
			extensionReason: why,
			extendedBy: actor.userId,
			extendedAt: now
		};
		await tx
			.insert(opdParticipation)
			.values({ periodId, opdId, ...set })
			.onConflictDoUpdate({ target: [opdParticipation.periodId, opdParticipation.opdId], set });
		const zone = readTimeZone();
		await notifyOpd(
			opdId,
			{
				kind: 'deadline.set',
				message: until
					? `Batas penilaian mandiri ${row.year} untuk OPD Anda diperpanjang sampai ${formatDate(until, zone)}.`
					: `Perpanjangan batas penilaian mandiri ${row.year} untuk OPD Anda dicabut${row.deadline ? `: batasnya kembali ${formatDate(row.deadline, zone)}` : ''}.`,
				href: `/opd-saya/${row.year}`,
				periodId
			},
			tx
		);
		const text = (d: Date | null | undefined) => (d ? formatDate(d, zone) : null);
		await audit.record(
			actor,
			{
				action: until ? 'participation.extend' : 'participation.extend-remove',
				entityType: 'opd',
				entityId: opdId,
				periodId,
				before: before?.extendedUntil
					? {
							deadline: before.extendedUntil.toISOString(),
							deadlineText: text(before.extendedUntil),
							reason: before.extensionReason
						}
					: null,
				after: { deadline: until?.toISOString() ?? null, deadlineText: text(until), reason: why }
			},
			tx
		);
	});
}

export interface ReminderResult {
	/** OPDs reminded now. */
	opds: number;
	/** Notifications created (one per active operator of those OPDs). */
	notifications: number;
	/** OPDs left out because they were reminded within the last 24 hours. */
	recent: number;
	/** OPDs left out because they already submitted (or are further on). */
	done: number;
}

/**
 * "Kirim pengingat": an in-app notification to the operators of every OPD that has not submitted
 * (or of the chosen ones, `opdIds`), while the period is open. An OPD reminded within the last
 * 24 hours is left out unless `force`. One audit record with the counts.
 */
export async function sendReminders(
	period: Period,
	opdIds: number[] | null,
	force: boolean,
	actor: Actor,
	now = new Date(),
	conn: Conn = db()
): Promise<ReminderResult> {
	if (period.status !== 'open')
		throw new WorkflowError(
			409,
			'Pengingat hanya dapat dikirim saat periode dibuka untuk penilaian mandiri.'
		);
	const { rows } = await participationBoard(period, now, conn);
	const chosen = opdIds ? rows.filter((r) => opdIds.includes(r.opdId)) : rows;
	if (opdIds && chosen.length !== new Set(opdIds).size)
		throw new WorkflowError(400, 'OPD yang dipilih bukan peserta periode ini.');
	if (chosen.length === 0) throw new WorkflowError(400, 'Pilih OPD yang akan diingatkan.');
	const pending = chosen.filter((r) => awaitsSubmission(r.state));
	const due = pending.filter((r) => reminderDue(r.remindedAt, now, force));
	const result: ReminderResult = {
		opds: due.length,
		notifications: 0,
		recent: pending.length - due.length,
		done: chosen.length - pending.length
	};
	if (due.length === 0) return result;
	const zone = readTimeZone();
	await conn.transaction(async (tx) => {
		const operators = await tx
			.select({ id: users.id, opdId: users.opdId })
			.from(users)
			.where(
				and(
					inArray(
						users.opdId,
						due.map((r) => r.opdId)
					),
					eq(users.role, 'operator'),
					isNull(users.disabledAt)
				)
			);
		for (const r of due) {
			const message =
				`Pengingat: penilaian mandiri ${period.year} ${r.name} belum dikirim untuk verifikasi` +
				(r.deadline ? ` (batas ${formatDate(r.deadline, zone)}).` : '.');
			await notifyOpd(
				r.opdId,
				{
					kind: 'participation.reminder',
					message,
					href: `/opd-saya/${period.year}`,
					periodId: period.id
				},
				tx
			);
			await tx
				.insert(opdParticipation)
				.values({ periodId: period.id, opdId: r.opdId, remindedAt: now })
				.onConflictDoUpdate({
					target: [opdParticipation.periodId, opdParticipation.opdId],
					set: { remindedAt: now }
				});
		}
		result.notifications = operators.length;
		await audit.record(
			actor,
			{
				action: 'participation.remind',
				entityType: 'period',
				entityId: period.year,
				periodId: period.id,
				after: {
					opds: result.opds,
					notifications: result.notifications,
					skippedRecent: result.recent,
					forced: force,
					names: due.map((r) => r.name)
				}
			},
			tx
		);
	});
	return result;
}
