/**
 * Reads the OPD × category table ("Daftar Informasi Organisasi Perangkat Daerah …") from the text
 * of a PPID annual report, or from the table alone pasted from a spreadsheet. Columns are
 * tab-separated: NO, NAMA OPD, then one column per category.
 *
 * Shapes accepted, as found in the Kota Serang reports:
 * - a header line "NO⇥NAMA OPD⇥JENIS DATA⇥⇥…" followed by a line of category labels whose first
 *   two cells are empty; or a single header line with the labels right after "NAMA OPD";
 * - blank lines inside the table;
 * - rows that wrap: a line without a number continues the row above (name joined with a space,
 *   cells merged).
 * The table ends at the first non-blank line without a tab that is not such a continuation
 * ("2.4 Besaran Anggaran"), at another table's header, or at a "Jumlah"/"Total" line.
 */
import { finishMatrix, type RowColumns } from './finish-matrix';
import {
	isGroupHeaderRow,
	isNameHeader,
	isNumberHeader,
	readCategoryLabels,
	readRowNumber
} from './header';
import { binaryIssue, issueAt, quoteValue } from './issues';
import { mergeCells, readCells, type CellLayout, type SourceCell } from './row-cells';
import { collapseSpaces, detectBinary, splitLines, stripBom } from './text';
import type { ImportIssue, ParsedRow, ParseResult } from './types';

const FIRST_CATEGORY_COLUMN = 3;
const TABLE_FOOTER = /^(jumlah|total)\b/i;
// A line without tabs that looks like a heading, a caption or a note is never part of a name.
const NOT_A_NAME_PART = /^(\d|#|\*|\(|bagian\b|bab\b|tabel\b|sumber\b|gambar\b|keterangan\b)/i;
const MAX_NAME_PART_LENGTH = 60;

interface DraftRow {
	number: number | null;
	/** True when the NO cell was filled: only such a row can be continued by the lines below. */
	numbered: boolean;
	name: string;
	line: number;
	cells: SourceCell[];
}

interface TableHeader extends RowColumns {
	labels: string[];
	/** Index (0-based) of the first line after the header. */
	bodyStart: number;
	errors: ImportIssue[];
}

function isTableHeaderLine(line: string): boolean {
	const cells = line.split('\t');
	return cells.length >= 2 && isNumberHeader(cells[0] ?? '') && isNameHeader(cells[1] ?? '');
}

function nextNonBlank(lines: string[], from: number): number {
	for (let i = from; i < lines.length; i++) if ((lines[i] ?? '').trim() !== '') return i;
	return -1;
}

function isLabelLine(cells: string[]): boolean {
	const filled = (cell: string | undefined) => (cell ?? '').trim() !== '';
	return !filled(cells[0]) && !filled(cells[1]) && cells.slice(2).some(filled);
}

function readHeader(lines: string[], headerIndex: number): TableHeader {
	const cells = (lines[headerIndex] ?? '').split('\t');
	const columns: RowColumns = {
		headerLine: headerIndex + 1,
		numberColumn: 1,
		numberLabel: collapseSpaces(cells[0] ?? ''),
		nameColumn: 2,
		nameLabel: collapseSpaces(cells[1] ?? '')
	};
	const rest = cells.slice(2);
	if (!isGroupHeaderRow(rest)) {
		const read = readCategoryLabels(rest, headerIndex + 1, FIRST_CATEGORY_COLUMN);
		return { ...columns, ...read, bodyStart: headerIndex + 1 };
	}
	const labelIndex = nextNonBlank(lines, headerIndex + 1);
	const labelCells = labelIndex < 0 ? [] : (lines[labelIndex] ?? '').split('\t');
	if (!isLabelLine(labelCells)) {
		const error = issueAt(
			headerIndex + 1,
			null,
			null,
			'baris judul tidak memuat nama kategori, dan baris berikutnya bukan baris nama kategori. ' +
				'Diharapkan baris berisi dua sel kosong lalu nama-nama kategori dipisah tab, ' +
				'atau nama kategori langsung setelah "NAMA OPD" pada baris judul.'
		);
		return { ...columns, labels: [], errors: [error], bodyStart: headerIndex + 1 };
	}
	const read = readCategoryLabels(labelCells.slice(2), labelIndex + 1, FIRST_CATEGORY_COLUMN);
	return { ...columns, ...read, bodyStart: labelIndex + 1 };
}

/** A tab-less line continues a name only when a numbered row follows it (it sits inside). */
function isTablessNamePart(lines: string[], index: number): boolean {
	const text = (lines[index] ?? '').trim();
	if (text.length > MAX_NAME_PART_LENGTH || NOT_A_NAME_PART.test(text)) return false;
	const next = nextNonBlank(lines, index + 1);
	const cells = next < 0 ? [] : (lines[next] ?? '').split('\t');
	return cells.length > 1 && readRowNumber(cells[0] ?? '') !== null;
}

function isTableEnd(first: string, name: string): boolean {
	if (isNumberHeader(first)) return true;
	if (readRowNumber(first) !== null) return false;
	return TABLE_FOOTER.test(first) || (first === '' && TABLE_FOOTER.test(name));
}

function joinName(head: string, tail: string): string {
	return collapseSpaces(`${head} ${tail}`);
}

function readBody(lines: string[], header: TableHeader) {
	const layout: CellLayout = { headers: header.labels, firstColumn: FIRST_CATEGORY_COLUMN };
	const rows: DraftRow[] = [];
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	let current: DraftRow | null = null;
	for (let index = header.bodyStart; index < lines.length; index++) {
		const text = lines[index] ?? '';
		const line = index + 1;
		if (text.trim() === '') continue;
		if (!text.includes('\t')) {
			if (current === null || !current.numbered || !isTablessNamePart(lines, index)) break;
			const name = joinName(current.name, text);
			warnings.push(
				issueAt(
					line,
					null,
					null,
					`teks ${quoteValue(text.trim())} tanpa tab dianggap lanjutan nama OPD di baris ` +
						`${current.line}; namanya menjadi ${quoteValue(name, 80)}. Periksa nama tersebut.`
				)
			);
			current.name = name;
			continue;
		}
		const cells = text.split('\t');
		const first = collapseSpaces(cells[0] ?? '');
		const name = collapseSpaces(cells[1] ?? '');
		if (isTableEnd(first, name)) break;
		const read = readCells(cells.slice(2), line, layout);
		errors.push(...read.errors);
		if (first === '' && current?.numbered) {
			current.name = joinName(current.name, name);
			const merged = mergeCells(current.cells, read.cells, layout);
			current.cells = merged.cells;
			errors.push(...merged.errors);
			continue;
		}
		if (first === '' && name === '' && read.cells.every((cell) => cell.raw === '')) continue;
		const number = first === '' ? null : readRowNumber(first);
		if (first !== '' && number === null) {
			errors.push(
				issueAt(
					line,
					header.numberColumn,
					header.numberLabel,
					`${quoteValue(first)} bukan nomor urut. Kolom ini harus berisi angka (mis. 12), ` +
						'atau kosong pada baris lanjutan nama OPD.'
				)
			);
		}
		current = { number, numbered: first !== '', name, line, cells: read.cells };
		rows.push(current);
	}
	return { rows, errors, warnings };
}

function toParsedRow(draft: DraftRow): ParsedRow {
	return {
		number: draft.number,
		name: draft.name,
		line: draft.line,
		cells: draft.cells.map((source) => source.cell)
	};
}

/**
 * Parses the OPD × DIP-category table out of a report's text (or of a pasted table).
 * Collects every error found; row numbers that do not increase are only warnings.
 */
export function parseReportTable(text: string): ParseResult {
	const binary = detectBinary(text);
	if (binary !== null) return { ok: false, errors: [binaryIssue(binary)] };
	const lines = splitLines(stripBom(text));
	if (lines.every((line) => line.trim() === '')) {
		const reason = 'teks kosong. Tempelkan isi laporan atau tabel daftar informasi OPD.';
		return { ok: false, errors: [issueAt(0, null, null, reason)] };
	}
	const headerIndex = lines.findIndex(isTableHeaderLine);
	if (headerIndex < 0) {
		const reason =
			'tabel daftar informasi OPD tidak ditemukan: tidak ada baris yang diawali "NO", tab, ' +
			'lalu "NAMA OPD". Salin tabel beserta baris judulnya (NO, NAMA OPD, nama kategori) ' +
			'dengan kolom dipisah tab.';
		return { ok: false, errors: [issueAt(0, null, null, reason)] };
	}
	const header = readHeader(lines, headerIndex);
	if (header.labels.length === 0) return { ok: false, errors: header.errors };
	const body = readBody(lines, header);
	const result = finishMatrix(
		header.labels,
		body.rows.map(toParsedRow),
		header,
		[...header.errors, ...body.errors],
		body.warnings
	);
	// The report's own convention: a blank cell means "not published" unless the user says otherwise.
	if (result.ok) result.matrix.layout = 'report';
	return result;
}
