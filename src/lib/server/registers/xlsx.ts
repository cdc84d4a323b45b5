import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import type { ImportLimits } from '../config';
import { checkExtent, inflateEntries, inspectZip, storedZip } from '../import/xlsx-zip';

/** A register upload's text, or why it cannot be read. */
export type SheetText = { ok: true; text: string } | { ok: false; message: string };

const cellText = (cell: unknown): string =>
	cell === null || cell === undefined
		? ''
		: cell instanceof Date
			? cell.toISOString().slice(0, 10)
			: String(cell);

/**
 * The first sheet of an .xlsx as CSV text, under the same zip caps as the matrix import (entries,
 * unzipped bytes, sheet extent checked before the sheet is parsed). The preview then carries
 * CSV, so the commit reads exactly what was shown. Runs in the import's worker thread
 * (import/worker.ts); no database module is loaded here.
 */
export async function xlsxAsCsv(bytes: Uint8Array, limits: ImportLimits): Promise<SheetText> {
	const inspected = inspectZip(bytes, limits);
	if (!inspected.ok) return inspected;
	const inflated = inflateEntries(bytes, inspected.value, limits);
	if (!inflated.ok) return inflated;
	const extent = checkExtent(inflated.value, limits);
	if (!extent.ok) return extent;
	try {
		const rows = await readSheet(storedZip(inflated.value).buffer as ArrayBuffer, 1);
		return { ok: true, text: Papa.unparse(rows.map((r) => r.map(cellText))) };
	} catch {
		return {
			ok: false,
			message:
				'Berkas .xlsx tidak dapat dibaca (rusak atau bukan buku kerja Excel). Simpan ulang sebagai .xlsx atau CSV.'
		};
	}
}
