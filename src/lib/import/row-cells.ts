/**
 * Reads the category cells of one source line and merges the cells of a wrapped row.
 */
import { issueAt, quoteValue } from './issues';
import { isBlankCell, parseTick } from './ticks';
import type { ImportIssue, ParsedCell } from './types';

/** A cell as read, with what a merge or a message needs to know about its source. */
export interface SourceCell {
	cell: ParsedCell;
	/** The raw text, trimmed. */
	raw: string;
	/** 1-based line the value came from. */
	line: number;
}

/** Where the category cells of a line sit, for error messages. */
export interface CellLayout {
	headers: string[];
	/** 1-based column of the first category cell in the source line. */
	firstColumn: number;
}

const ABSENT_CELL: ParsedCell = { value: 0, notApplicable: false };

const EXPECTED_MARKS =
	'Gunakan "√" (atau v, 1, ya, ada) untuk ada, -, 0 atau tidak untuk tidak ada, "n/a" untuk ' +
	'tidak berlaku, "belum dinilai" untuk mengosongkan nilai, atau biarkan sel kosong.';

/** Why a mark is not read, with the marks that are (shared by the long layout). */
export function badTickReason(raw: string): string {
	const ambiguous = raw.trim().toLowerCase() === 'x';
	const why = ambiguous
		? `tanda ${quoteValue(raw.trim())} tidak diterima karena berarti "ada" di sebagian ` +
			'kantor dan "tidak ada" di kantor lain.'
		: `nilai ${quoteValue(raw)} tidak dikenali.`;
	return `${why} ${EXPECTED_MARKS}`;
}

/**
 * Reads the category cells of one line: `raw[from]` onwards are the cells after the name column.
 * Missing trailing cells count as blank; non-blank cells beyond the last header are errors,
 * pushed to `errors` with those of unknown marks. Each cell is a fresh object (callers may edit
 * a parsed matrix, or a structured clone of it), the cell of an unknown mark a shared one.
 */
export function readLineCells(
	raw: string[],
	from: number,
	line: number,
	layout: CellLayout,
	errors: ImportIssue[]
): ParsedCell[] {
	const { headers, firstColumn } = layout;
	const cells: ParsedCell[] = new Array(headers.length);
	for (let index = 0; index < headers.length; index++) {
		const text = (raw[from + index] ?? '').trim();
		const tick = parseTick(text);
		if (tick.ok) {
			cells[index] = tick.blank
				? { value: 0, notApplicable: false, blank: true }
				: { value: tick.value, notApplicable: tick.notApplicable };
		} else {
			errors.push(issueAt(line, firstColumn + index, headers[index]!, badTickReason(text)));
			cells[index] = ABSENT_CELL;
		}
	}
	for (let offset = 0; from + headers.length + offset < raw.length; offset++) {
		const text = raw[from + headers.length + offset]!;
		if (isBlankCell(text)) continue;
		const column = firstColumn + headers.length + offset;
		const lastColumn = firstColumn + headers.length - 1;
		errors.push(
			issueAt(
				line,
				column,
				null,
				`sel berisi ${quoteValue(text.trim())} di luar tabel. Tabel hanya punya ` +
					`${headers.length} kolom kategori (kolom ${firstColumn}–${lastColumn}); ` +
					'hapus isi sel ini atau tambahkan nama kategorinya di baris judul.'
			)
		);
	}
	return cells;
}

/**
 * Reads the category cells of one line with their source, for merging wrapped rows. `raw` holds
 * every cell after the name column; see {@link readLineCells}.
 */
export function readCells(
	raw: string[],
	line: number,
	layout: CellLayout
): { cells: SourceCell[]; errors: ImportIssue[] } {
	const errors: ImportIssue[] = [];
	const cells = readLineCells(raw, 0, line, layout, errors).map((cell, index): SourceCell => ({
		cell,
		raw: (raw[index] ?? '').trim(),
		line
	}));
	return { cells, errors };
}

function sameCell(a: ParsedCell, b: ParsedCell): boolean {
	return a.value === b.value && a.notApplicable === b.notApplicable;
}

/**
 * Merges the cells of a continuation line into the row it continues: a blank cell takes the other
 * line's value (so a tick on either line is a tick); two different non-blank values conflict.
 */
export function mergeCells(
	row: SourceCell[],
	continuation: SourceCell[],
	layout: CellLayout
): { cells: SourceCell[]; errors: ImportIssue[] } {
	const errors: ImportIssue[] = [];
	const cells = row.map((first, index): SourceCell => {
		const next = continuation[index];
		if (next === undefined || next.raw === '') return first;
		if (first.raw === '') return next;
		if (sameCell(first.cell, next.cell)) return first;
		const label = layout.headers[index] ?? null;
		errors.push(
			issueAt(
				next.line,
				layout.firstColumn + index,
				label,
				`nilai ${quoteValue(next.raw)} bertentangan dengan nilai ${quoteValue(first.raw)} ` +
					`di baris ${first.line} untuk OPD yang sama (baris ini lanjutan baris tersebut). ` +
					'Isi sel hanya di salah satu baris.'
			)
		);
		return first;
	});
	return { cells, errors };
}
