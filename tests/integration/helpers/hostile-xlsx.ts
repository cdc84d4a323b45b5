import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Real .xlsx files built byte by byte for the upload-safety tests: valid workbooks, zip bombs
 * (honest or lying headers), archives with too many entries, sheets beyond the row/column caps.
 * Written independently of the app's zip code, so a test never checks that code against itself.
 */

export interface ZipPart {
	name: string;
	/** The deflated bytes (raw deflate) of the entry. */
	deflated: Uint8Array;
	/** Real size after inflating. */
	size: number;
	crc: number;
	/** The size written in the headers, when it should lie. */
	declaredSize?: number;
}

export function part(name: string, text: string | Uint8Array): ZipPart {
	const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
	return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** A zip of deflated entries (method 8), with local headers, central directory and end record. */
export function zipOf(parts: ZipPart[]): Uint8Array {
	const chunks: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name, 'utf8');
		const size = p.declaredSize ?? p.size;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(p.crc >>> 0, 14);
		local.writeUInt32LE(p.deflated.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const entry = Buffer.alloc(46);
		entry.writeUInt32LE(0x02014b50, 0);
		entry.writeUInt16LE(20, 4);
		entry.writeUInt16LE(20, 6);
		entry.writeUInt16LE(8, 10);
		entry.writeUInt32LE(p.crc >>> 0, 16);
		entry.writeUInt32LE(p.deflated.length, 20);
		entry.writeUInt32LE(size, 24);
		entry.writeUInt16LE(name.length, 28);
		entry.writeUInt32LE(offset, 42);
		chunks.push(local, name, Buffer.from(p.deflated));
		central.push(entry, name);
		offset += 30 + name.length + p.deflated.length;
	}
	const cd = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...chunks, cd, end]));
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** Everything of a one-sheet workbook except the sheet itself. */
export function workbookParts(): ZipPart[] {
	return [
		part(
			'[Content_Types].xml',
			'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
				'</Types>'
		),
		part(
			'_rels/.rels',
			`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		),
		part(
			'xl/workbook.xml',
			`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="Matriks" sheetId="1" r:id="rId1"/></sheets></workbook>`
		),
		part(
			'xl/_rels/workbook.xml.rels',
			`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
		)
	];
}

const columnName = (n: number) => {
	let s = '';
	for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
		s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
	return s;
};

const cell = (row: number, column: number, text: string) =>
	`<c r="${columnName(column)}${row}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A one-sheet .xlsx of text rows. */
export function xlsxOfRows(rows: string[][]): Uint8Array {
	const body = rows
		.map(
			(cells, i) => `<row r="${i + 1}">${cells.map((t, j) => cell(i + 1, j + 1, t)).join('')}</row>`
		)
		.join('');
	return zipOf([
		...workbookParts(),
		part('xl/worksheets/sheet1.xml', SHEET_HEAD + body + SHEET_TAIL)
	]);
}

/** A one-sheet .xlsx whose sheet holds the given cells only (1-based row and column). */
export function xlsxOfCells(cells: Array<[row: number, column: number, text: string]>): Uint8Array {
	const body = cells.map(([r, c, t]) => `<row r="${r}">${cell(r, c, t)}</row>`).join('');
	return zipOf([
		...workbookParts(),
		part('xl/worksheets/sheet1.xml', SHEET_HEAD + body + SHEET_TAIL)
	]);
}

/**
 * A zip bomb: an .xlsx whose sheet XML inflates to `unzippedMb` MB of whitespace while the file
 * stays a few hundred KB. The deflate stream is one 16 MB block (flushed so it stands alone)
 * repeated, between the sheet's head and tail. `declaredSize` makes the headers lie.
 */
export function xlsxBomb(unzippedMb: number, declaredSize?: number): Uint8Array {
	const BLOCK_MB = 16;
	const full = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
	const head = deflateRawSync(Buffer.from(SHEET_HEAD), full);
	const block = deflateRawSync(Buffer.alloc(BLOCK_MB * 1024 * 1024, 0x20), full);
	const tail = deflateRawSync(Buffer.from(SHEET_TAIL));
	const repeats = Math.ceil(unzippedMb / BLOCK_MB);
	const deflated = Buffer.concat([head, ...Array<Buffer>(repeats).fill(block), tail]);
	const size = SHEET_HEAD.length + repeats * BLOCK_MB * 1024 * 1024 + SHEET_TAIL.length;
	const sheet: ZipPart = {
		name: 'xl/worksheets/sheet1.xml',
		deflated,
		size: Math.min(size, 0xffffffff),
		crc: 0,
		...(declaredSize !== undefined ? { declaredSize } : {})
	};
	return zipOf([...workbookParts(), sheet]);
}
