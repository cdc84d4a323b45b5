/**
 * Evidence files of the cells: uploaded by the evaluator (side `verified`, while cells are
 * editable) or by the OPD's operator (side `self`, while the self-assessment is open), kept in the
 * database with their SHA-256, under a size cap per file and a quota per OPD per period. Every
 * upload and delete is audited on the cell, by file name and hash (never the content).
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import {
	evidenceFileName,
	formatBytes,
	sniffEvidence,
	tooLargeMessage
} from '../../validation/evidence-file';
import { cellsEditable, lockedMessage, selfAssessmentOpen } from '../../workflow/lifecycle';
import type { EvidenceSide } from '../../workflow/evidence-access';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { readEvidenceLimits, type EvidenceLimits } from '../config';
import { db, type Conn } from '../db';
import { evidenceFiles, indicators, periodOpds, periods, type Period } from '../db/schema';
import { cellEntityId } from '../workflow/assessments';
import { cellAssignmentBlock } from '../workflow/assignments';
import { standingOf } from '../workflow/double-scoring';
import { cellStageBlock } from '../workflow/stages/locks';
import { WorkflowError } from '../workflow/error';

export interface EvidenceUpload {
	periodId: number;
	opdId: number;
	indicatorId: number;
	side: EvidenceSide;
	/** The name the browser sent (only its base is kept; the extension follows the bytes). */
	name: string;
	bytes: Uint8Array;
}

/** The metadata of a stored file (what lists show; never the content). */
export const FILE_META = {
	id: evidenceFiles.id,
	periodId: evidenceFiles.periodId,
	opdId: evidenceFiles.opdId,
	indicatorId: evidenceFiles.indicatorId,
	side: evidenceFiles.side,
	fileName: evidenceFiles.fileName,
	mimeType: evidenceFiles.mimeType,
	size: evidenceFiles.size,
	sha256: evidenceFiles.sha256,
	createdAt: evidenceFiles.createdAt
};
export type EvidenceFileMeta = {
	[K in keyof typeof FILE_META]: (typeof evidenceFiles.$inferSelect)[K];
};

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Refuses a write on `side` when the period does not allow it now. */
function checkWritable(period: Period, side: EvidenceSide, now: Date): void {
	if (side === 'verified') {
		if (!cellsEditable(period.status)) throw new WorkflowError(409, lockedMessage(period.status));
		return;
	}
	if (!selfAssessmentOpen(period.status, period.selfAssessmentDeadline, now))
		throw new WorkflowError(
			409,
			period.status === 'open'
				? 'Batas waktu penilaian mandiri sudah lewat: berkas bukti tidak dapat diubah lagi.'
				: 'Berkas bukti penilaian mandiri hanya dapat diubah saat periode dibuka.'
		);
}

/**
 * Refuses an evaluator-side write on a cell the actor may not save (`setCell`'s rules: the
 * assignment and conflicts of interest, the staged period's running stage). In a double-scored
 * period a rater of the OPD may not add or remove its files until every rater submitted it: a
 * file is seen by every evaluator, so the other rater would read it before deciding.
 */
async function checkEvaluatorCell(
	period: Period,
	cell: { opdId: number; indicatorId: number },
	actor: Actor,
	tx: Conn
): Promise<void> {
	const refused = await cellAssignmentBlock(period.id, cell.opdId, cell.indicatorId, actor, tx);
	if (refused) throw new WorkflowError(403, refused);
	const blocked = await cellStageBlock(period.id, cell.opdId, cell.indicatorId, actor, tx);
	if (blocked) throw new WorkflowError(409, blocked);
	if (period.doubleScored && actor.userId !== null) {
		const standing = await standingOf(period.id, cell.opdId, actor.userId, tx);
		if (standing.isRater && !standing.revealed)
			throw new WorkflowError(
				409,
				'Periode ini dinilai dua penilai: selama penilaian belum dibuka, bukti penilai ditulis ' +
					'sebagai tautan pada nilai Anda sendiri. Berkas bukti penilai dapat diunggah atau ' +
					'dihapus setelah semua penilai OPD ini mengirim penilaiannya.'
			);
	}
}

/** Bytes stored for one OPD in one period (both sides together). */
export async function usedBytes(periodId: number, opdId: number, conn: Conn = db()) {
	const [row] = await conn
		.select({ n: sql<number>`coalesce(sum(${evidenceFiles.size}), 0)` })
		.from(evidenceFiles)
		.where(and(eq(evidenceFiles.periodId, periodId), eq(evidenceFiles.opdId, opdId)));
	return Number(row?.n ?? 0);
}

/**
 * Stores one evidence file after checking, in this order: the size cap, the type (sniffed from
 * the bytes), the period (open for this side), the OPD's participation, the indicator, on the
 * evaluator's side the rules of a cell save (`checkEvaluatorCell`), a duplicate in the same
 * cell, and the OPD's quota for the period. One transaction with its audit event; answers the
 * stored file's metadata.
 */
export async function uploadEvidence(
	input: EvidenceUpload,
	actor: Actor,
	limits: EvidenceLimits = readEvidenceLimits(),
	now = new Date(),
	conn: Conn = db()
): Promise<EvidenceFileMeta> {
	if (input.bytes.length > limits.maxBytes)
		throw new WorkflowError(400, tooLargeMessage(limits.maxBytes, input.name));
	const sniffed = sniffEvidence(input.bytes, input.name);
	if (!sniffed.ok) throw new WorkflowError(400, sniffed.message);
	const fileName = evidenceFileName(input.name, sniffed.type);
	const sha256 = sha256Hex(input.bytes);
	return conn.transaction(async (tx) => {
		const [period] = await tx.select().from(periods).where(eq(periods.id, input.periodId));
		if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
		checkWritable(period, input.side, now);
		const [member] = await tx
			.select({ opdId: periodOpds.opdId })
			.from(periodOpds)
			.where(and(eq(periodOpds.periodId, period.id), eq(periodOpds.opdId, input.opdId)));
		if (!member) throw new WorkflowError(404, 'OPD ini bukan peserta periode ini.');
		const [indicator] = await tx
			.select({ id: indicators.id })
			.from(indicators)
			.where(and(eq(indicators.id, input.indicatorId), eq(indicators.periodId, period.id)));
		if (!indicator) throw new WorkflowError(400, 'Indikator tidak dikenal pada periode ini.');
		if (input.side === 'verified') await checkEvaluatorCell(period, input, actor, tx);
		const [same] = await tx
			.select({ fileName: evidenceFiles.fileName })
			.from(evidenceFiles)
			.where(
				and(
					eq(evidenceFiles.periodId, period.id),
					eq(evidenceFiles.opdId, input.opdId),
					eq(evidenceFiles.indicatorId, input.indicatorId),
					eq(evidenceFiles.side, input.side),
					eq(evidenceFiles.sha256, sha256)
				)
			);
		if (same)
			throw new WorkflowError(
				409,
				`Berkas yang sama persis sudah diunggah pada indikator ini sebagai "${same.fileName}".`
			);
		const used = await usedBytes(period.id, input.opdId, tx);
		if (used + input.bytes.length > limits.quotaBytes)
			throw new WorkflowError(
				409,
				`Kuota berkas bukti OPD ini untuk periode ${period.year} (${formatBytes(limits.quotaBytes)}) ` +
					`akan terlampaui: sudah terpakai ${formatBytes(used)}, berkas ini ${formatBytes(input.bytes.length)}. ` +
					'Hapus berkas yang tidak diperlukan, atau hubungi admin.'
			);
		const [stored] = await tx
			.insert(evidenceFiles)
			.values({
				periodId: period.id,
				opdId: input.opdId,
				indicatorId: input.indicatorId,
				side: input.side,
				fileName,
				mimeType: sniffed.mime,
				size: input.bytes.length,
				sha256,
				content: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.length),
				uploadedBy: actor.userId
			})
			.returning(FILE_META);
		await audit.record(
			actor,
			{
				action: 'evidence.upload',
				entityType: 'cell',
				entityId: cellEntityId(period.id, input.opdId, input.indicatorId),
				periodId: period.id,
				after: { fileId: stored!.id, file: fileName, sha256, size: stored!.size, side: input.side }
			},
			tx
		);
		return stored!;
	});
}

/**
 * The files of one OPD in one period (one indicator, one side, when given), in the rubric's order
 * then oldest first, each with its indicator's label.
 */
export async function listEvidence(
	periodId: number,
	opdId: number,
	filter: { indicatorId?: number; side?: EvidenceSide } = {},
	conn: Conn = db()
): Promise<(EvidenceFileMeta & { indicatorLabel: string })[]> {
	return conn
		.select({ ...FILE_META, indicatorLabel: indicators.label })
		.from(evidenceFiles)
		.innerJoin(indicators, eq(indicators.id, evidenceFiles.indicatorId))
		.where(
			and(
				eq(evidenceFiles.periodId, periodId),
				eq(evidenceFiles.opdId, opdId),
				filter.indicatorId === undefined
					? undefined
					: eq(evidenceFiles.indicatorId, filter.indicatorId),
				filter.side === undefined ? undefined : eq(evidenceFiles.side, filter.side)
			)
		)
		.orderBy(asc(indicators.sortOrder), asc(evidenceFiles.id));
}

/** A file as the pages list it (no content; dates as ISO strings). */
export function fileView(f: EvidenceFileMeta & { indicatorLabel: string }, withIndicator = true) {
	return {
		id: f.id,
		side: f.side,
		...(withIndicator ? { indicator: f.indicatorLabel } : {}),
		fileName: f.fileName,
		size: f.size,
		sha256: f.sha256,
		at: f.createdAt.toISOString()
	};
}

/** One file with its content and its period's status, for the download route; null if absent. */
export async function evidenceForDownload(id: number, conn: Conn = db()) {
	const [row] = await conn
		.select({
			...FILE_META,
			content: evidenceFiles.content,
			status: periods.status
		})
		.from(evidenceFiles)
		.innerJoin(periods, eq(periods.id, evidenceFiles.periodId))
		.where(eq(evidenceFiles.id, id));
	return row ?? null;
}

/**
 * Deletes one file of `scope` (its OPD and side: an operator deletes only its own OPD's self
 * files, an evaluator only the verified side's, under `checkEvaluatorCell`), while the period
 * allows writes on that side. Audited with the file's name and hash.
 */
export async function deleteEvidence(
	id: number,
	scope: { side: EvidenceSide; opdId?: number; periodId?: number },
	actor: Actor,
	now = new Date(),
	conn: Conn = db()
): Promise<EvidenceFileMeta> {
	return conn.transaction(async (tx) => {
		const [file] = await tx.select(FILE_META).from(evidenceFiles).where(eq(evidenceFiles.id, id));
		if (
			!file ||
			file.side !== scope.side ||
			(scope.opdId !== undefined && file.opdId !== scope.opdId) ||
			(scope.periodId !== undefined && file.periodId !== scope.periodId)
		)
			throw new WorkflowError(404, 'Berkas bukti tidak ditemukan.');
		const [period] = await tx.select().from(periods).where(eq(periods.id, file.periodId));
		checkWritable(period!, file.side, now);
		if (file.side === 'verified') await checkEvaluatorCell(period!, file, actor, tx);
		await tx.delete(evidenceFiles).where(eq(evidenceFiles.id, id));
		await audit.record(
			actor,
			{
				action: 'evidence.delete',
				entityType: 'cell',
				entityId: cellEntityId(file.periodId, file.opdId, file.indicatorId),
				periodId: file.periodId,
				before: {
					fileId: file.id,
					file: file.fileName,
					sha256: file.sha256,
					size: file.size,
					side: file.side
				}
			},
			tx
		);
		return file;
	});
}
