import { parseImportText, parseSheetRows, type ImportIssue, type ParseResult } from '../../import';
import type { ImportLimits } from '../config';
import {
	checkExtent,
	inflateEntries,
	inspectZip,
	storedZip,
	tooManyColumns,
	tooManyRows
} from './xlsx-zip';

/**
 * The parse of an uploaded file, under the import caps. It runs in a worker thread with a memory
 * limit (import-file.ts), so nothing here may touch the database or SvelteKit.
 */

/** An uploaded or read file: its name (for the extension) and its bytes. */
export interface ImportFile {
	name: string;
	bytes: Uint8Array;
	/** For .xlsx: the sheet to read by name (default: the first sheet). */
	sheet?: string;
}

export const fileIssue = (message: string): ImportIssue => ({
	line: 0,
	column: null,
	columnLabel: null,
	message
});

const failed = (message: string): ParseResult => ({ ok: false, errors: [fileIssue(message)] });

export const isZip = (b: Uint8Array) =>
	b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Lines of a text (LF, CRLF or CR endings; a last line without an ending counts). */
function lineCount(bytes: Uint8Array): number {
	let lines = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i] === 0x0a) lines++;
		else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) lines++;
	}
	const last = bytes[bytes.length - 1];
	return last === 0x0a || last === 0x0d ? lines : lines + 1;
}

async function parseXlsx(file: ImportFile, limits: ImportLimits): Promise<ParseResult> {
	const inspected = inspectZip(file.bytes, limits);
	if (!inspected.ok) return failed(inspected.message);
	const inflated = inflateEntries(file.bytes, inspected.value, limits);
	if (!inflated.ok) return failed(inflated.message);
	const extent = checkExtent(inflated.value, limits);
	if (!extent.ok) return failed(extent.message);
	// The parser gets the checked entries, stored: it inflates nothing itself.
	const checked = storedZip(inflated.value);
	// Loaded here: a CSV (the usual large file) need not pay for the spreadsheet reader.
	const { readSheet, SheetNotFoundError } = await import('read-excel-file/universal');
	try {
		const rows = await readSheet(checked.buffer as ArrayBuffer, file.sheet ?? 1);
		return parseSheetRows(rows as Parameters<typeof parseSheetRows>[0]);
	} catch (e) {
		if (e instanceof SheetNotFoundError)
			return failed(`lembar "${file.sheet}" tidak ada di berkas ini.`);
		return failed(
			'berkas .xlsx tidak dapat dibaca (rusak atau bukan buku kerja Excel). Simpan ulang ' +
				'dari Excel sebagai "Excel Workbook (.xlsx)", atau sebagai CSV.'
		);
	}
}

/**
 * Reads a file in any accepted format: .xlsx (first sheet, or the named one) by its content
 * whatever its name, else text as UTF-8 (report table, CSV with "," or ";", TSV). A binary file
 * renamed .csv is reported by the text parser. Refuses a file over the caps before parsing it.
 */
export async function parseImportBytes(
	file: ImportFile,
	limits: ImportLimits
): Promise<ParseResult> {
	if (file.bytes.length === 0) return parseImportText('');
	const parsed = isZip(file.bytes)
		? await parseXlsx(file, limits)
		: lineCount(file.bytes) > limits.maxRows
			? failed(tooManyRows(limits))
			: parseImportText(new TextDecoder('utf-8').decode(file.bytes));
	if (parsed.ok && parsed.matrix.headers.length > limits.maxColumns)
		return failed(tooManyColumns(limits));
	return parsed;
}
