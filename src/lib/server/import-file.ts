import { readSheet, SheetNotFoundError } from 'read-excel-file/universal';
import { parseImportText, parseSheetRows, type ImportIssue, type ParseResult } from '../import';

/** An uploaded or read file: its name (for the extension) and its bytes. */
export interface ImportFile {
	name: string;
	bytes: Uint8Array;
	/** For .xlsx: the sheet to read by name (default: the first sheet). */
	sheet?: string;
}

const fileIssue = (message: string): ImportIssue => ({
	line: 0,
	column: null,
	columnLabel: null,
	message
});

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Reads a file in any accepted format: .xlsx (first sheet, or the named one) by its content
 * whatever its name, else text as UTF-8 (report table, CSV with "," or ";", TSV). A binary file
 * renamed .csv is reported by the text parser.
 */
export async function readImportFile(file: ImportFile): Promise<ParseResult> {
	if (file.bytes.length === 0) return parseImportText('');
	if (isZip(file.bytes)) {
		try {
			const buffer = file.bytes.buffer.slice(
				file.bytes.byteOffset,
				file.bytes.byteOffset + file.bytes.byteLength
			) as ArrayBuffer;
			const rows = await readSheet(buffer, file.sheet ?? 1);
			return parseSheetRows(rows as Parameters<typeof parseSheetRows>[0]);
		} catch (e) {
			if (e instanceof SheetNotFoundError)
				return {
					ok: false,
					errors: [fileIssue(`lembar "${file.sheet}" tidak ada di berkas ini.`)]
				};
			return {
				ok: false,
				errors: [
					fileIssue(
						'berkas .xlsx tidak dapat dibaca (rusak atau bukan buku kerja Excel). Simpan ulang ' +
							'dari Excel sebagai "Excel Workbook (.xlsx)", atau sebagai CSV.'
					)
				]
			};
		}
	}
	return parseImportText(new TextDecoder('utf-8').decode(file.bytes));
}
