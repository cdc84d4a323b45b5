import { evidenceLinks, evidenceProblem } from '../../evidence';
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import { cellValueProblem } from '../../workflow/cell-value';
import { selfAssessmentOpen } from '../../workflow/lifecycle';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { cellEntityId } from './assessments';
import { db, type Conn } from '../db';
import {
	assessments,
	evidenceFiles,
	indicators,
	opds,
	periodOpds,
	periods,
	type Period
} from '../db/schema';
import { workingGaps } from '../../insights/working-gaps';
import { notifyRoles } from './notifications';
import { computeView } from '../results/results';
import { WorkflowError } from './error';
import { deadLinksByIndicator } from '../evidence/links';
import { linkStatusLabel } from '../../validation/link-check';
import { checkSubmission, type SubmissionCheck } from '../../workflow/submission-check';

/** A submission refused by the check before "Kirim untuk verifikasi", with the whole check. */
export class SubmissionBlocked extends WorkflowError {
	constructor(readonly check: SubmissionCheck) {
		super(
			409,
			`Belum dapat dikirim: ${check.blocking} isian harus dilengkapi dulu (lihat daftar pemeriksaan).`
		);
		this.name = 'SubmissionBlocked';
	}
}

/**
 * The check before an OPD's self-assessment is sent (workflow/submission-check.ts): its own
 * cells, the rubric's "bukti wajib" flags and the last link check of its own evidence links.
 */
export async function submissionCheckOf(
	periodId: number,
	opdId: number,
	conn: Conn = db()
): Promise<SubmissionCheck> {
	const [inds, cells, dead, files] = await Promise.all([
		conn
			.select()
			.from(indicators)
			.where(eq(indicators.periodId, periodId))
			.orderBy(asc(indicators.sortOrder), asc(indicators.id)),
		conn
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, periodId), eq(assessments.opdId, opdId))),
		deadLinksByIndicator(periodId, opdId, conn),
		conn
			.selectDistinct({ indicatorId: evidenceFiles.indicatorId })
			.from(evidenceFiles)
			.where(
				and(
					eq(evidenceFiles.periodId, periodId),
					eq(evidenceFiles.opdId, opdId),
					eq(evidenceFiles.side, 'self')
				)
			)
	]);
	const cellBy = new Map(cells.map((c) => [c.indicatorId, c]));
	const withFile = new Set(files.map((f) => f.indicatorId));
	return checkSubmission(
		inds.map((ind) => {
			const c = cellBy.get(ind.id);
			const own = evidenceLinks(c?.selfEvidenceUrl);
			return {
				indicatorId: ind.id,
				label: ind.label,
				value: c?.selfValue ?? null,
				notApplicable: c?.selfNotApplicable ?? false,
				evidenceRequired: ind.evidenceRequired,
				// A link or an uploaded file of the operator's own side.
				hasEvidence: own.length > 0 || withFile.has(ind.id),
				// Only the operator's own links: the evaluator's evidence is not theirs to fix.
				deadLinks: (dead[ind.id] ?? [])
					.filter((d) => own.includes(d.url))
					.map((d) => ({ url: d.url, status: linkStatusLabel(d) }))
			};
		})
	);
}
import { deadlineOf, recordSubmission } from './participation';

/** The periods an OPD takes part in, newest first. */
export async function periodsOfOpd(opdId: number, conn: Conn = db()) {
	return conn
		.select({
			id: periods.id,
			year: periods.year,
			title: periods.title,
			status: periods.status,
			deadline: periods.selfAssessmentDeadline,
			/** The OPD's name as that year's roster spells it. */
			opdName: periodOpds.displayName
		})
		.from(periodOpds)
		.innerJoin(periods, eq(periods.id, periodOpds.periodId))
		.where(eq(periodOpds.opdId, opdId))
		.orderBy(desc(periods.year));
}

/**
 * What an operator sees for its own OPD in a period: per indicator its self-assessment, the
 * verified value with the evaluator's reason, and last year's verified value (same indicator key,
 * the latest earlier period the OPD took part in). `opdId` is the operator's own: ownership is in
 * the query, never taken from the request.
 */
export async function selfView(period: Period, opdId: number, conn: Conn = db()) {
	const [entry] = await conn
		.select({ name: periodOpds.displayName })
		.from(periodOpds)
		.where(and(eq(periodOpds.periodId, period.id), eq(periodOpds.opdId, opdId)));
	if (!entry) return null;
	const [inds, cells, previous] = await Promise.all([
		conn
			.select()
			.from(indicators)
			.where(eq(indicators.periodId, period.id))
			.orderBy(asc(indicators.sortOrder)),
		conn
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, period.id), eq(assessments.opdId, opdId))),
		conn
			.select({ id: periods.id, year: periods.year })
			.from(periodOpds)
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.where(
				and(
					eq(periodOpds.opdId, opdId),
					lt(periods.year, period.year),
					inArray(periods.status, ['final', 'published'])
				)
			)
			.orderBy(desc(periods.year))
			.limit(1)
	]);
	const last = previous[0]
		? await conn
				.select({ key: indicators.key, value: assessments.value, na: assessments.notApplicable })
				.from(assessments)
				.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
				.where(and(eq(assessments.periodId, previous[0].id), eq(assessments.opdId, opdId)))
		: [];
	const lastByKey = new Map(last.map((l) => [l.key, l.na ? -1 : l.value]));
	const cellBy = new Map(cells.map((c) => [c.indicatorId, c]));
	return {
		opdName: entry.name,
		lastYear: previous[0]?.year ?? null,
		rows: inds.map((ind) => {
			const c = cellBy.get(ind.id);
			return {
				indicator: ind,
				self: c ? (c.selfNotApplicable ? -1 : c.selfValue) : null,
				selfEvidenceUrl: c?.selfEvidenceUrl ?? null,
				selfNote: c?.selfNote ?? null,
				verified: c ? (c.notApplicable ? -1 : c.value) : null,
				verifyReason: c?.verifyReason ?? null,
				lastYear: lastByKey.get(ind.key) ?? null
			};
		})
	};
}

export interface SelfInput {
	indicatorId: number;
	value: number | null;
	notApplicable: boolean;
	evidenceUrl: string | null;
	note: string | null;
}

/**
 * Saves an operator's self-assessment of its own OPD: only while the period is open and before
 * the deadline; never touches the verified value. The self side does not bump the cell version,
 * so an operator filling in never makes an evaluator's save stale. One transaction, audited.
 */
export async function saveSelf(
	periodId: number,
	opdId: number,
	inputs: SelfInput[],
	actor: Actor,
	now = new Date(),
	conn: Conn = db()
): Promise<number> {
	return conn.transaction(async (tx) => {
		const [period] = await tx.select().from(periods).where(eq(periods.id, periodId));
		if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
		// The OPD's own extension, if the team gave one, moves its deadline (participation.ts).
		const { deadline } = await deadlineOf(period, opdId, tx);
		if (!selfAssessmentOpen(period.status, deadline, now))
			throw new WorkflowError(
				409,
				period.status === 'open'
					? 'Batas waktu penilaian mandiri sudah lewat. Hubungi tim monev bila perlu perpanjangan.'
					: 'Penilaian mandiri hanya dapat diisi saat periode dibuka.'
			);
		const [member] = await tx
			.select()
			.from(periodOpds)
			.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, opdId)));
		if (!member) throw new WorkflowError(404, 'OPD Anda bukan peserta periode ini.');
		const inds = await tx.select().from(indicators).where(eq(indicators.periodId, periodId));
		const existing = await tx
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, periodId), eq(assessments.opdId, opdId)));
		let saved = 0;
		for (const input of inputs) {
			const ind = inds.find((i) => i.id === input.indicatorId);
			if (!ind) throw new WorkflowError(400, 'Indikator tidak dikenal.');
			const value = input.notApplicable ? null : input.value;
			const problem = cellValueProblem(ind, value);
			if (problem) throw new WorkflowError(400, `${ind.label}: ${problem}`);
			const evidenceIssue = evidenceProblem(input.evidenceUrl);
			if (evidenceIssue) throw new WorkflowError(400, `${ind.label}: ${evidenceIssue}`);
			const before = existing.find((e) => e.indicatorId === ind.id);
			const unchanged =
				before &&
				before.selfValue === value &&
				before.selfNotApplicable === input.notApplicable &&
				before.selfEvidenceUrl === input.evidenceUrl &&
				before.selfNote === input.note;
			if (
				unchanged ||
				(!before && value === null && !input.notApplicable && !input.evidenceUrl && !input.note)
			)
				continue;
			const self = {
				selfValue: value,
				selfNotApplicable: input.notApplicable,
				selfEvidenceUrl: input.evidenceUrl,
				selfNote: input.note,
				selfBy: actor.userId,
				selfAt: now
			};
			await tx
				.insert(assessments)
				.values({ periodId, opdId, indicatorId: ind.id, ...self })
				.onConflictDoUpdate({
					target: [assessments.periodId, assessments.opdId, assessments.indicatorId],
					set: self
				});
			await audit.record(
				actor,
				{
					action: 'cell.self',
					entityType: 'cell',
					entityId: cellEntityId(periodId, opdId, ind.id),
					periodId,
					before: before
						? {
								value: before.selfValue,
								notApplicable: before.selfNotApplicable,
								evidenceUrl: before.selfEvidenceUrl,
								note: before.selfNote
							}
						: null,
					after: {
						value,
						notApplicable: input.notApplicable,
						evidenceUrl: input.evidenceUrl,
						note: input.note
					}
				},
				tx
			);
			saved++;
		}
		return saved;
	});
}

/**
 * The operator says "ready for verification": recorded on the participation board, every evaluator
 * notified. Only while the period is open and before the OPD's deadline (its extension included).
 * Refused with the check (`SubmissionBlocked`) while a cell is blank or lacks required evidence.
 * Audited, with the warnings (dead links) the operator sent it with.
 */
export async function submitSelf(
	periodId: number,
	opdId: number,
	actor: Actor,
	now = new Date(),
	conn: Conn = db()
) {
	await conn.transaction(async (tx) => {
		const [row] = await tx
			.select({
				year: periods.year,
				status: periods.status,
				selfAssessmentDeadline: periods.selfAssessmentDeadline,
				name: opds.name
			})
			.from(periodOpds)
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, opdId)));
		if (!row) throw new WorkflowError(404, 'OPD Anda bukan peserta periode ini.');
		if (row.status !== 'open')
			throw new WorkflowError(409, 'Penilaian mandiri hanya dapat dikirim saat periode dibuka.');
		const { deadline } = await deadlineOf({ id: periodId, ...row }, opdId, tx);
		if (!selfAssessmentOpen(row.status, deadline, now))
			throw new WorkflowError(
				409,
				'Batas waktu penilaian mandiri sudah lewat. Hubungi tim monev bila perlu perpanjangan.'
			);
		// Blank cells and missing required evidence refuse the submission; dead links only warn.
		const check = await submissionCheckOf(periodId, opdId, tx);
		if (check.blocking > 0) throw new SubmissionBlocked(check);
		await recordSubmission(periodId, opdId, actor, now, tx);
		await notifyRoles(
			['evaluator'],
			{
				kind: 'self.submitted',
				message: `${row.name} mengirim penilaian mandiri ${row.year} untuk diverifikasi.`,
				href: `/penilaian/${row.year}`,
				periodId
			},
			tx
		);
		await audit.record(
			actor,
			{
				action: 'self.submit',
				entityType: 'opd',
				entityId: opdId,
				periodId,
				...(check.warnings ? { after: { deadLinks: check.warnings } } : {})
			},
			tx
		);
	});
}

/**
 * What the OPD still misses in this period and what each gap is worth, with its own cells as
 * they stand (verified where the team has a value, else self-assessed) against the other OPDs as
 * verified so far. Null when the OPD is not on the roster.
 */
export async function workingGapsOf(
	period: Period,
	opdId: number,
	rows: { indicator: { key: string }; self: number | null; verified: number | null }[],
	conn: Conn = db()
) {
	const [[own], view] = await Promise.all([
		conn.select({ slug: opds.slug }).from(opds).where(eq(opds.id, opdId)),
		computeView(period, conn)
	]);
	if (!own) return null;
	const gaps = workingGaps(
		view.result,
		own.slug,
		rows.map((r) => ({ key: r.indicator.key, verified: r.verified, self: r.self }))
	);
	return gaps && { slug: own.slug, gaps, decimals: view.result.rubric.decimals };
}
