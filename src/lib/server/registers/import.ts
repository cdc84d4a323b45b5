/**
 * Importing a register form's rows from CSV, like the matrix import: a preview first, then the
 * whole file in one transaction (all rows or none), and an undo of that import. Every imported
 * row carries its import in `source` ("impor:<id>:<file>"), which the undo deletes by.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray, like, sql } from 'drizzle-orm';
import { db, type Conn } from '../db';
import {
	auditEvents,
	serviceDisputes,
	serviceObjections,
	serviceRequests,
	surveyResponses
} from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { readImportLimits, type ImportLimits } from '../config';
import { isZip } from '../import/parse';
import { PARSE_TIMEOUT_MS, queuedParse, runInThread } from '../import/file';
import type { RegisterXlsxInput } from '../import/worker';
import { inspectZip } from '../import/xlsx-zip';
import type { SheetText } from './xlsx';
import { REGISTER_FORMS, type RegisterSlug } from '../../registers/forms';
import type { RegisterValues } from '../../validation/register';

const TABLES = {
	requests: serviceRequests,
	objections: serviceObjections,
	disputes: serviceDisputes,
	survey: surveyResponses
} as const;

function tableOf(slug: RegisterSlug) {
	const form = REGISTER_FORMS[slug];
	const table = TABLES[form.table] as unknown as typeof serviceRequests;
	const scope = (year: number) =>
		form.kind ? and(eq(table.year, year), eq(table.kind, form.kind)) : eq(table.year, year);
	return { table, scope };
}

/** Rows per INSERT: about 25 columns each, well under SQLite's variable limit. */
const CHUNK = 200;

/**
 * The text of an upload (a file or pasted text), under the import caps: bytes (the unzipped
 * cap, since a CSV is text already), lines and columns of the header.
 */
export async function readUploadText(
	form: FormData,
	limits: ImportLimits = readImportLimits(),
	timeoutMs: number = PARSE_TIMEOUT_MS
): Promise<{ ok: true; text: string; name: string } | { ok: false; message: string }> {
	const upload = form.get('file');
	const file = upload instanceof File && upload.size > 0 ? upload : null;
	const pasted = String(form.get('text') ?? '');
	const size = file ? file.size : new TextEncoder().encode(pasted).length;
	const mb = Math.round(limits.maxUnzippedBytes / 1024 / 1024);
	if (size > limits.maxUnzippedBytes)
		return { ok: false, message: `Berkas terlalu besar: paling banyak ${mb} MB.` };
	let text = pasted;
	if (file) {
		const bytes = new Uint8Array(await file.arrayBuffer());
		if (isZip(bytes)) {
			const sheet = await xlsxInThread(bytes, file.name, limits, timeoutMs);
			if (!sheet.ok) return sheet;
			text = sheet.text;
		} else text = new TextDecoder('utf-8').decode(bytes);
	}
	if (text.trim() === '') return { ok: false, message: 'Pilih berkas CSV atau tempelkan isinya.' };
	if (text.split('\n').length > limits.maxRows + 1)
		return { ok: false, message: `Berkas terlalu panjang: paling banyak ${limits.maxRows} baris.` };
	const header = text.slice(0, text.indexOf('\n') >>> 0);
	if (header.split(/[,;\t]/).length > limits.maxColumns)
		return { ok: false, message: `Terlalu banyak kolom: paling banyak ${limits.maxColumns}.` };
	const name = (file?.name ?? 'tempelan').replace(/[^\w .()-]/g, '_').slice(0, 80);
	return { ok: true, text, name };
}

const DIED =
	'Berkas .xlsx tidak dapat diproses: membacanya melampaui batas memori atau waktu server. ' +
	'Perkecil berkasnya (bagi ke beberapa berkas), atau simpan sebagai CSV.';

/**
 * Reads an .xlsx upload's first sheet in the import's worker thread (one parse at a time, with
 * the matrix uploads), as the matrix import does: unzipping and parsing a sheet took the server's
 * one event loop for as long as it ran, and a sheet too large for the parse heap ends only the
 * thread. A bomb is refused from its central directory before a thread starts.
 */
async function xlsxInThread(
	bytes: Uint8Array,
	name: string,
	limits: ImportLimits,
	timeoutMs: number
): Promise<SheetText> {
	const inspected = inspectZip(bytes, limits);
	if (!inspected.ok) return inspected;
	const input: RegisterXlsxInput = { kind: 'monev-register-xlsx', bytes, limits };
	const outcome = await queuedParse(() =>
		runInThread<SheetText>(input, limits.parseHeapMb, timeoutMs)
	);
	if (outcome.ok) return outcome.value;
	console.error(`[monev] impor register: pembacaan berkas "${name}" gagal: ${outcome.problem}`);
	return { ok: false, message: DIED };
}

/** Adds all `rows` in one transaction, audited; returns the import's source tag and count. */
export async function importRecords(
	slug: RegisterSlug,
	year: number,
	rows: RegisterValues[],
	fileName: string,
	actor: Actor,
	conn: Conn = db()
): Promise<{ source: string; rows: number; possibleDuplicates: number }> {
	const { table } = tableOf(slug);
	const source = `impor:${randomUUID().slice(0, 8)}:${fileName}`;
	return conn.transaction(async (tx) => {
		let duplicates = 0;
		let values: Record<string, unknown>[] = rows.map((r) => ({ ...r, year, source }));
		if (slug === 'permohonan') {
			// Same day and applicant as a stored entry or an earlier row of the file: flagged, kept.
			const stored = await tx
				.select({ day: serviceRequests.receivedOn, name: serviceRequests.applicantName })
				.from(serviceRequests)
				.where(and(eq(serviceRequests.year, year), eq(serviceRequests.kind, 'entry')));
			const key = (day: unknown, name: unknown) =>
				`${String(day)}|${String(name ?? '')
					.trim()
					.toLowerCase()}`;
			const seen = new Set(stored.map((s) => key(s.day, s.name)));
			values = values.map((v) => {
				const k = key(v.receivedOn, v.applicantName);
				const possibleDuplicate = seen.has(k);
				seen.add(k);
				if (possibleDuplicate) duplicates++;
				return { ...v, possibleDuplicate };
			});
		}
		for (let i = 0; i < values.length; i += CHUNK)
			await tx
				.insert(table)
				.values(values.slice(i, i + CHUNK) as (typeof serviceRequests.$inferInsert)[]);
		await record(
			actor,
			{
				action: 'registers.import',
				entityType: 'service_registers',
				entityId: year,
				after: { year, register: slug, rows: rows.length, file: fileName, source }
			},
			tx
		);
		return { source, rows: rows.length, possibleDuplicates: duplicates };
	});
}

/** The imports of a register form and year still in it, newest last, with their row counts. */
export async function listImports(slug: RegisterSlug, year: number, conn: Conn = db()) {
	const { table, scope } = tableOf(slug);
	const rows = await conn
		.select({ source: table.source, rows: count(), first: sql<number>`min(${table.id})` })
		.from(table)
		.where(and(scope(year), like(table.source, 'impor:%')))
		.groupBy(table.source)
		.orderBy(sql`min(${table.id})`);
	return rows.map((r) => ({
		source: r.source!,
		file: r.source!.split(':').slice(2).join(':'),
		rows: r.rows
	}));
}

const ENTITY = {
	requests: 'service_request',
	objections: 'service_objection',
	disputes: 'service_dispute',
	survey: 'survey_response'
} as const;

export type RevertOutcome = { ok: true; removed: number } | { ok: false; message: string };

/**
 * Deletes every row of one import (by its source tag), audited. Refused, changing nothing, when
 * nothing is left of it or when a row of it was edited since: undoing would silently drop that
 * edit (delete or restore the row by hand first).
 */
export async function revertImport(
	slug: RegisterSlug,
	year: number,
	source: string,
	actor: Actor,
	conn: Conn = db()
): Promise<RevertOutcome> {
	const { table, scope } = tableOf(slug);
	const gone = 'Impor ini sudah dibatalkan atau barisnya sudah tidak ada.';
	if (!source.startsWith('impor:')) return { ok: false, message: gone };
	return conn.transaction(async (tx) => {
		const rows = await tx
			.select({ id: table.id })
			.from(table)
			.where(and(scope(year), eq(table.source, source)));
		if (rows.length === 0) return { ok: false, message: gone };
		const ids = rows.map((r) => String(r.id));
		const [edited] = await tx
			.select({ count: count() })
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.entityType, ENTITY[REGISTER_FORMS[slug].table]),
					eq(auditEvents.action, `registers.${slug}.update`),
					inArray(auditEvents.entityId, ids)
				)
			);
		if (edited && edited.count > 0)
			return {
				ok: false,
				message: `${edited.count} perubahan dicatat pada baris impor ini sesudah diimpor; membatalkan impor akan menghapusnya. Hapus baris-baris itu satu per satu bila memang perlu.`
			};
		await tx.delete(table).where(and(scope(year), eq(table.source, source)));
		await record(
			actor,
			{
				action: 'registers.import.revert',
				entityType: 'service_registers',
				entityId: year,
				before: { year, register: slug, source },
				after: { year, register: slug, rows: rows.length, source }
			},
			tx
		);
		return { ok: true, removed: rows.length };
	});
}
