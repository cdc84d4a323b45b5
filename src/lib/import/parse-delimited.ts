/**
 * Reads an OPD × category matrix from delimited text: the app's CSV template, a CSV saved from
 * Excel with ";" (Indonesian locale), or TSV pasted from a spreadsheet.
 */
import { DELIMITERS, unneutralizeFormula, type Delimiter } from './csv-cells';
import {
	readDelimitedTable,
	isEmptyRow,
	type DelimitedTable,
	type SourceRow
} from './delimited-rows';
import { finishMatrix, type RowColumns } from './finish-matrix';
import { isGroupHeaderRow, readCategoryLabels, readRowNumber } from './header';
import { binaryIssue, issueAt, quoteValue, sortIssues } from './issues';
import { parseLongRows, type LongColumns, type LongSourceRow } from './long-table';
import { readLineCells } from './row-cells';
import { collapseSpaces, detectBinary, normalizeNewlines, stripBom } from './text';
import type { ImportIssue, ParsedRow, ParseResult } from './types';

const DELIMITER_NAMES: Record<Delimiter, string> = {
	',': 'koma (,)',
	';': 'titik koma (;)',
	'\t': 'tab'
};

function cleanCell(cell: string): string {
	// Undo our formula escape first: it may sit before leading blanks the escape protected.
	return unneutralizeFormula(cell.trim()).trim();
}

function cleanCells(row: SourceRow): string[] {
	return row.cells.map(cleanCell);
}

function headerIssue(table: DelimitedTable): ImportIssue {
	const row = table.rows[table.headerIndex];
	const cells = row ? cleanCells(row) : [];
	const expected =
		'Baris judul harus berisi "No" (boleh tidak ada), lalu "OPD" atau "Nama OPD", lalu nama ' +
		'kategori, dipisah koma (,), titik koma (;) atau tab.';
	const found = cells
		.slice(0, 4)
		.map((cell) => quoteValue(cell))
		.join(', ');
	const reason =
		cells.length <= 1
			? `hanya satu kolom terbaca (${quoteValue(cells[0] ?? '', 60)}); ` +
				'pemisah kolom tidak dikenali.'
			: `kolom nama OPD tidak ditemukan di baris judul (isinya: ${found}` +
				`${cells.length > 4 ? ', …' : ''}).`;
	return issueAt(row?.line ?? 1, null, null, `${reason} ${expected}`);
}

/** A row read as one cell although the header has many: it uses another delimiter. */
function otherDelimiterIssue(row: SourceRow, table: DelimitedTable, width: number) {
	const cell = row.cells[0] ?? '';
	if (row.cells.length !== 1 || width < 3) return null;
	const other = DELIMITERS.find((d) => d !== table.delimiter && cell.split(d).length >= width - 1);
	if (other === undefined) return null;
	return issueAt(
		row.line,
		null,
		null,
		`hanya satu kolom terbaca padahal baris judul punya ${width} kolom; baris ini tampaknya ` +
			`dipisah ${DELIMITER_NAMES[other]}, sedangkan baris judul dipisah ` +
			`${DELIMITER_NAMES[table.delimiter]}. Gunakan pemisah yang sama di seluruh berkas.`
	);
}

interface LabelsRead {
	labels: string[];
	bodyStart: number;
	errors: ImportIssue[];
}

function readLabels(table: DelimitedTable, nameColumn: number): LabelsRead {
	const header = table.rows[table.headerIndex] as SourceRow;
	const rest = cleanCells(header).slice(nameColumn + 1);
	const firstColumn = nameColumn + 2;
	if (!isGroupHeaderRow(rest)) {
		const read = readCategoryLabels(rest, header.line, firstColumn);
		return { ...read, bodyStart: table.headerIndex + 1 };
	}
	// Report-style two-line header: "NO, NAMA OPD, JENIS DATA" then the labels below.
	let next = table.headerIndex + 1;
	while (next < table.rows.length && isEmptyRow(table.rows[next]?.cells ?? [])) next++;
	const labelRow = table.rows[next];
	const cells = labelRow ? cleanCells(labelRow) : [];
	const leadBlank = cells.slice(0, nameColumn + 1).every((cell) => cell === '');
	if (labelRow === undefined || !leadBlank || isGroupHeaderRow(cells.slice(nameColumn + 1))) {
		const reason =
			'baris judul tidak memuat nama kategori. Tuliskan nama setiap kategori setelah kolom ' +
			'"OPD" pada baris judul.';
		return { labels: [], bodyStart: next, errors: [issueAt(header.line, null, null, reason)] };
	}
	const read = readCategoryLabels(cells.slice(nameColumn + 1), labelRow.line, firstColumn);
	return { ...read, bodyStart: next + 1 };
}

/** The long layout: its body rows cleaned, then read by long-table.ts. */
function parseLong(table: DelimitedTable, columns: LongColumns): ParseResult {
	const headerLine = table.rows[table.headerIndex]?.line ?? 1;
	const errors: ImportIssue[] = [...table.errors];
	const body: LongSourceRow[] = [];
	for (const source of table.rows.slice(table.headerIndex + 1)) {
		if (isEmptyRow(source.cells)) continue;
		const wrongDelimiter = otherDelimiterIssue(source, table, columns.header.length);
		if (wrongDelimiter !== null) errors.push(wrongDelimiter);
		else body.push({ cells: cleanCells(source), line: source.line, raw: source.cells });
	}
	const result = parseLongRows(columns, headerLine, body);
	if (errors.length === 0) return result;
	return { ok: false, errors: sortIssues([...errors, ...(result.ok ? [] : result.errors)]) };
}

/**
 * Parses a CSV (","/";") or TSV matrix: header row = first non-empty row, an optional "No"
 * column, an "OPD"/"Nama OPD" column, then one column per category. Collects every error.
 */
export function parseDelimited(text: string): ParseResult {
	const binary = detectBinary(text);
	if (binary !== null) return { ok: false, errors: [binaryIssue(binary)] };
	const clean = normalizeNewlines(stripBom(text));
	if (clean.trim() === '') {
		const reason =
			'berkas kosong: tidak ada baris yang dapat dibaca. Diharapkan baris judul (No, OPD, ' +
			'nama kategori) lalu satu baris per OPD.';
		return { ok: false, errors: [issueAt(0, null, null, reason)] };
	}
	const table = readDelimitedTable(clean);
	const { layout } = table;
	if (layout === null) return { ok: false, errors: [headerIssue(table), ...table.errors] };
	if (layout.long) return parseLong(table, layout.long);
	const header = cleanCells(table.rows[table.headerIndex] as SourceRow);
	const columns: RowColumns = {
		headerLine: table.rows[table.headerIndex]?.line ?? 1,
		numberColumn: layout.numberColumn === null ? null : layout.numberColumn + 1,
		numberLabel: layout.numberColumn === null ? '' : (header[layout.numberColumn] ?? ''),
		nameColumn: layout.nameColumn + 1,
		nameLabel: header[layout.nameColumn] ?? ''
	};
	const { labels, bodyStart, errors } = readLabels(table, layout.nameColumn);
	if (labels.length === 0) return { ok: false, errors: [...errors, ...table.errors] };
	errors.push(...table.errors);
	const cellLayout = { headers: labels, firstColumn: layout.nameColumn + 2 };
	const width = layout.nameColumn + 1 + labels.length;
	const rows: ParsedRow[] = [];
	for (let r = bodyStart; r < table.rows.length; r++) {
		const source = table.rows[r]!;
		if (isEmptyRow(source.cells)) continue;
		const wrongDelimiter = otherDelimiterIssue(source, table, width);
		if (wrongDelimiter !== null) {
			errors.push(wrongDelimiter);
			continue;
		}
		const cells = cleanCells(source);
		const name = collapseSpaces(cells[layout.nameColumn] ?? '');
		// A numbered but otherwise empty row is an unused template line, not an OPD.
		if (name === '' && isEmptyRow(cells.slice(layout.nameColumn + 1))) continue;
		const read = readLineCells(cells, layout.nameColumn + 1, source.line, cellLayout, errors);
		const rawNumber = layout.numberColumn === null ? '' : (cells[layout.numberColumn] ?? '');
		const number = rawNumber === '' ? null : readRowNumber(rawNumber);
		if (rawNumber !== '' && number === null) {
			errors.push(
				issueAt(
					source.line,
					columns.numberColumn,
					columns.numberLabel,
					`${quoteValue(rawNumber)} bukan nomor urut. Kolom ini harus berisi angka (mis. 12) ` +
						'atau dibiarkan kosong.'
				)
			);
		}
		rows.push({ number, name, line: source.line, cells: read });
	}
	return finishMatrix(labels, rows, columns, errors);
}
