import { crc32, inflateRawSync } from 'node:zlib';
import type { ImportLimits } from '../config';

/**
 * Opens an .xlsx (a zip) under caps, so that a zip bomb or a huge sheet is refused before it can
 * exhaust memory: the central directory is read first (entry count, declared sizes), then each
 * entry is inflated with a hard cap on its real output (a header that lies about its size is
 * caught while inflating), and the sheets' extent (highest row, highest column) is checked on the
 * XML before any spreadsheet parser runs. The entries that passed are packed again as a stored
 * (uncompressed) zip, so the parser reads exactly the bytes that were checked.
 */

/** More entries than any workbook needs (a typical .xlsx has 10–40). */
export const MAX_ZIP_ENTRIES = 2000;

export type ZipOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

interface ZipEntry {
	name: string;
	method: number;
	flags: number;
	compressedSize: number;
	size: number;
	crc: number;
	localOffset: number;
}

/** 1234567 → "1.234.567" (Indonesian digit grouping, without relying on ICU data). */
export const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

const UNREADABLE =
	'berkas .xlsx tidak dapat dibaca (rusak atau bukan buku kerja Excel). Simpan ulang ' +
	'dari Excel sebagai "Excel Workbook (.xlsx)", atau sebagai CSV.';

export const tooBig = (limits: ImportLimits) =>
	`berkas .xlsx terlalu besar setelah dibuka: lebih dari ${grouped(limits.maxUnzippedBytes / 1024 / 1024)} MB ` +
	'(batas MONEV_IMPORT_MAX_UNZIPPED_MB). Bagi datanya ke beberapa berkas, atau simpan sebagai CSV.';

export const tooManyRows = (limits: ImportLimits) =>
	`berkas berisi lebih dari ${grouped(limits.maxRows)} baris (batas MONEV_IMPORT_MAX_ROWS). ` +
	'Bagi datanya ke beberapa berkas.';

export const tooManyColumns = (limits: ImportLimits) =>
	`berkas berisi lebih dari ${grouped(limits.maxColumns)} kolom (batas MONEV_IMPORT_MAX_COLUMNS). ` +
	'Hapus kolom yang tidak dipakai.';

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** The entries the spreadsheet parser reads (read-excel-file ignores every other entry). */
const isRead = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

/**
 * Reads the central directory without inflating anything, and refuses a zip whose entry count
 * or declared unzipped size (of the entries that would be read) is over the caps.
 */
export function inspectZip(bytes: Uint8Array, limits: ImportLimits): ZipOutcome<ZipEntry[]> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end.
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
		if (view.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return fail(UNREADABLE);
	const count = view.getUint16(eocd + 10, true);
	const cdSize = view.getUint32(eocd + 12, true);
	const cdOffset = view.getUint32(eocd + 16, true);
	if (count > MAX_ZIP_ENTRIES)
		return fail(
			`berkas .xlsx berisi ${grouped(count)} bagian; buku kerja yang wajar tidak lebih dari ` +
				`${grouped(MAX_ZIP_ENTRIES)}. Simpan ulang dari Excel, atau sebagai CSV.`
		);
	// ZIP64 (marked by all-ones fields) is never needed for a workbook under the upload limit.
	if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) return fail(UNREADABLE);
	if (cdOffset + cdSize > eocd) return fail(UNREADABLE);
	const entries: ZipEntry[] = [];
	let declared = 0;
	let at = cdOffset;
	for (let n = 0; n < count; n++) {
		if (at + 46 > eocd || view.getUint32(at, true) !== 0x02014b50) return fail(UNREADABLE);
		const nameLength = view.getUint16(at + 28, true);
		const extraLength = view.getUint16(at + 30, true);
		const commentLength = view.getUint16(at + 32, true);
		if (at + 46 + nameLength > eocd) return fail(UNREADABLE);
		const entry: ZipEntry = {
			flags: view.getUint16(at + 8, true),
			method: view.getUint16(at + 10, true),
			crc: view.getUint32(at + 16, true),
			compressedSize: view.getUint32(at + 20, true),
			size: view.getUint32(at + 24, true),
			localOffset: view.getUint32(at + 42, true),
			name: new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLength))
		};
		at += 46 + nameLength + extraLength + commentLength;
		if (!isRead(entry.name)) continue;
		declared += entry.size;
		if (declared > limits.maxUnzippedBytes) return fail(tooBig(limits));
		entries.push(entry);
	}
	return { ok: true, value: entries };
}

/**
 * Inflates the entries that the parser reads, never producing more than the cap in total
 * whatever the headers say. Returns them by name.
 */
export function inflateEntries(
	bytes: Uint8Array,
	entries: ZipEntry[],
	limits: ImportLimits
): ZipOutcome<Map<string, Uint8Array>> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const files = new Map<string, Uint8Array>();
	let left = limits.maxUnzippedBytes;
	let damaged = false;
	for (const entry of entries) {
		// Encrypted entries (flag bit 0) and methods other than stored/deflate are not workbooks.
		if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) return fail(UNREADABLE);
		const at = entry.localOffset;
		if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return fail(UNREADABLE);
		const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
		const end = start + entry.compressedSize;
		if (end > bytes.length) return fail(UNREADABLE);
		const raw = bytes.subarray(start, end);
		let data: Uint8Array;
		if (entry.method === 0) {
			data = raw;
		} else {
			try {
				// The cap on real output: a bomb stops here, with at most `left` bytes allocated.
				data = inflateRawSync(raw, { maxOutputLength: Math.max(1, left), chunkSize: 256 * 1024 });
			} catch (e) {
				if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return fail(tooBig(limits));
				return fail(UNREADABLE);
			}
		}
		if (data.length > left) return fail(tooBig(limits));
		// A size or checksum that differs from the header means a damaged (or forged) file; it
		// is reported once the whole file has been inflated under the cap, so that a bomb is
		// named as one.
		if (data.length !== entry.size || crc32(data) !== entry.crc) damaged = true;
		left -= data.length;
		files.set(entry.name, data);
	}
	return damaged ? fail(UNREADABLE) : { ok: true, value: files };
}

/** Column letters → 1-based index ("A" → 1, "XFD" → 16384). */
function columnIndex(letters: string): number {
	let n = 0;
	for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
	return n;
}

// A row or a cell start tag, with or without a namespace prefix: <row r="3">, <x:c r="B3" t="s">.
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>/g;
const ROW_REF = /\br="(\d+)"/;
const CELL_REF = /\br="([A-Z]{1,3})(\d+)"/;

/**
 * The extent of the sheets in the entries: the highest row and column a parser would fill
 * (row numbers from `r` or counted, a cell's column from its reference or counted). Refuses a
 * sheet beyond the caps, so a single cell at A1000000 or XFD1 is caught before parsing.
 */
export function checkExtent(
	files: Map<string, Uint8Array>,
	limits: ImportLimits
): ZipOutcome<null> {
	for (const data of files.values()) {
		const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
		if (!text.includes('sheetData')) continue;
		let row = 0;
		let column = 0;
		for (const match of text.matchAll(TAG)) {
			if (match[1] === 'row') {
				const ref = ROW_REF.exec(match[2] ?? '');
				row = ref ? Number(ref[1]) : row + 1;
				column = 0;
				if (row > limits.maxRows) return fail(tooManyRows(limits));
			} else {
				const ref = CELL_REF.exec(match[2] ?? '');
				column = ref ? columnIndex(ref[1] ?? '') : column + 1;
				if (ref && Number(ref[2]) > limits.maxRows) return fail(tooManyRows(limits));
				if (column > limits.maxColumns) return fail(tooManyColumns(limits));
			}
		}
	}
	return { ok: true, value: null };
}

/** Packs files as a zip with stored (uncompressed) entries. */
export function storedZip(files: Map<string, Uint8Array>): Uint8Array {
	const encoder = new TextEncoder();
	const parts: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const [name, data] of files) {
		const nameBytes = encoder.encode(name);
		const crc = crc32(data);
		const local = new Uint8Array(30 + nameBytes.length);
		const lv = new DataView(local.buffer);
		lv.setUint32(0, 0x04034b50, true);
		lv.setUint16(4, 20, true);
		lv.setUint16(6, 0x0800, true); // UTF-8 names
		lv.setUint32(14, crc, true);
		lv.setUint32(18, data.length, true);
		lv.setUint32(22, data.length, true);
		lv.setUint16(26, nameBytes.length, true);
		local.set(nameBytes, 30);
		const entry = new Uint8Array(46 + nameBytes.length);
		const cv = new DataView(entry.buffer);
		cv.setUint32(0, 0x02014b50, true);
		cv.setUint16(4, 20, true);
		cv.setUint16(6, 20, true);
		cv.setUint16(8, 0x0800, true);
		cv.setUint32(16, crc, true);
		cv.setUint32(20, data.length, true);
		cv.setUint32(24, data.length, true);
		cv.setUint16(28, nameBytes.length, true);
		cv.setUint32(42, offset, true);
		entry.set(nameBytes, 46);
		parts.push(local, data);
		central.push(entry);
		offset += local.length + data.length;
	}
	const centralSize = central.reduce((sum, e) => sum + e.length, 0);
	const end = new Uint8Array(22);
	const ev = new DataView(end.buffer);
	ev.setUint32(0, 0x06054b50, true);
	ev.setUint16(8, files.size, true);
	ev.setUint16(10, files.size, true);
	ev.setUint32(12, centralSize, true);
	ev.setUint32(16, offset, true);
	const out = new Uint8Array(offset + centralSize + 22);
	let at = 0;
	for (const part of [...parts, ...central, end]) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}
