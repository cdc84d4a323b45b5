/**
 * A parse result packed for the trip from the parse thread to the main thread. Structured clone
 * copies a wide matrix as 650,000 small cell objects for a 50,000 × 13 file and took longer than
 * the parse itself; packed, every row's cells travel as one short string (one character per
 * cell) and are rebuilt on arrival as the same fresh objects. A result with a cell of any other
 * shape (the long layout's evidence, lines, unlisted cells) or a row with other fields travels
 * as it is.
 */
import type { ParsedCell, ParsedMatrix, ParseResult } from './types';

/** The rows of a matrix, column by column; every cell one character of `codes[row]`. */
export interface PackedRows {
	numbers: (number | null)[];
	names: string[];
	lines: number[];
	codes: string[];
}

export type PackedParse =
	| { packed: false; result: ParseResult }
	| {
			packed: true;
			matrix: Omit<ParsedMatrix, 'rows'>;
			rows: PackedRows;
			warnings: Extract<ParseResult, { ok: true }>['warnings'];
	  };

// The cell shapes a parser makes, by code. Anything else is not packed.
const PRESENT = 'p';
const ABSENT = 'a';
const UNASSESSED = 'u';
const NOT_APPLICABLE = 'n';
const BLANK = 'b';

function codeOf(cell: ParsedCell): string | null {
	let keys = 0;
	for (const _ in cell) keys++;
	const { value, notApplicable, blank } = cell;
	if (keys === 3) return blank === true && value === 0 && notApplicable === false ? BLANK : null;
	if (keys !== 2) return null;
	if (notApplicable === true) return value === null ? NOT_APPLICABLE : null;
	if (notApplicable !== false) return null;
	return value === 1 ? PRESENT : value === 0 ? ABSENT : value === null ? UNASSESSED : null;
}

function cellOf(code: string): ParsedCell {
	switch (code) {
		case PRESENT:
			return { value: 1, notApplicable: false };
		case ABSENT:
			return { value: 0, notApplicable: false };
		case UNASSESSED:
			return { value: null, notApplicable: false };
		case NOT_APPLICABLE:
			return { value: null, notApplicable: true };
		default:
			return { value: 0, notApplicable: false, blank: true };
	}
}

/** Packs a result for postMessage; unpackParse gives back an equal one. */
export function packParse(result: ParseResult): PackedParse {
	if (!result.ok) return { packed: false, result };
	const { rows, ...matrix } = result.matrix;
	const packed: PackedRows = { numbers: [], names: [], lines: [], codes: [] };
	for (const row of rows) {
		let keys = 0;
		for (const _ in row) keys++;
		if (keys !== 4) return { packed: false, result };
		let codes = '';
		for (const cell of row.cells) {
			const code = codeOf(cell);
			if (code === null) return { packed: false, result };
			codes += code;
		}
		packed.numbers.push(row.number);
		packed.names.push(row.name);
		packed.lines.push(row.line);
		packed.codes.push(codes);
	}
	return { packed: true, matrix, rows: packed, warnings: result.warnings };
}

/** The result `packParse` packed, every cell a fresh object (callers may edit the matrix). */
export function unpackParse(packed: PackedParse): ParseResult {
	if (!packed.packed) return packed.result;
	const { numbers, names, lines, codes } = packed.rows;
	const rows: ParsedMatrix['rows'] = new Array(codes.length);
	for (let r = 0; r < codes.length; r++) {
		const text = codes[r]!;
		const cells: ParsedCell[] = new Array(text.length);
		for (let c = 0; c < text.length; c++) cells[c] = cellOf(text[c]!);
		rows[r] = { number: numbers[r]!, name: names[r]!, line: lines[r]!, cells };
	}
	return { ok: true, matrix: { ...packed.matrix, rows }, warnings: packed.warnings };
}
