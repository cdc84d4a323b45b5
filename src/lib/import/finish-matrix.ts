/**
 * Checks that apply to a whole matrix once its rows are read (empty table, blank or duplicate OPD
 * names, row numbers out of order) and assembles the ParseResult.
 */
import { issueAt, quoteValue, sortIssues } from './issues';
import { normalizeOpdName } from './opd-names';
import type { ImportIssue, ParsedRow, ParseResult } from './types';

/** Where the identifying columns sit in the source, for messages. */
export interface RowColumns {
	/** 1-based line of the header row. */
	headerLine: number;
	/** 1-based column of the row number, or null when the source has none. */
	numberColumn: number | null;
	numberLabel: string;
	nameColumn: number;
	nameLabel: string;
}

function checkNames(rows: ParsedRow[], columns: RowColumns): ImportIssue[] {
	const errors: ImportIssue[] = [];
	const firstLine = new Map<string, ParsedRow>();
	for (const row of rows) {
		if (row.name === '') {
			errors.push(
				issueAt(
					row.line,
					columns.nameColumn,
					columns.nameLabel,
					'nama OPD kosong. Setiap baris yang berisi nilai harus menyebut nama OPD-nya.'
				)
			);
			continue;
		}
		const key = normalizeOpdName(row.name) || row.name.toLowerCase();
		const first = firstLine.get(key);
		if (first === undefined) {
			firstLine.set(key, row);
			continue;
		}
		errors.push(
			issueAt(
				row.line,
				columns.nameColumn,
				columns.nameLabel,
				`OPD ${quoteValue(row.name, 80)} sudah ada di baris ${first.line} ` +
					`(${quoteValue(first.name, 80)}). Setiap OPD hanya boleh muncul sekali; ` +
					'gabungkan kedua baris atau hapus salah satunya.'
			)
		);
	}
	return errors;
}

function checkNumbering(rows: ParsedRow[], columns: RowColumns): ImportIssue[] {
	const warnings: ImportIssue[] = [];
	let previous: ParsedRow | null = null;
	for (const row of rows) {
		if (row.number === null) continue;
		if (previous?.number != null && row.number <= previous.number) {
			warnings.push(
				issueAt(
					row.line,
					columns.numberColumn,
					columns.numberLabel,
					`nomor ${row.number} tidak lebih besar dari nomor sebelumnya ` +
						`(${previous.number} di baris ${previous.line}). Periksa apakah ada baris ` +
						'yang tertukar atau terlewat; data tetap dapat diimpor.'
				)
			);
		}
		previous = row;
	}
	return warnings;
}

/**
 * Runs the whole-matrix checks and returns the result: `ok: false` with every error (sorted by
 * line and column) when there is any, else the matrix and its warnings.
 */
export function finishMatrix(
	headers: string[],
	rows: ParsedRow[],
	columns: RowColumns,
	rowErrors: ImportIssue[],
	rowWarnings: ImportIssue[] = []
): ParseResult {
	const errors = [...rowErrors, ...checkNames(rows, columns)];
	// With other errors the rows were dropped for a reason already reported; don't pile on.
	if (rows.length === 0 && errors.length === 0) {
		errors.push(
			issueAt(
				columns.headerLine,
				null,
				null,
				'tabel tidak berisi baris OPD. Di bawah baris judul harus ada minimal satu baris: ' +
					'nomor, nama OPD, lalu isi setiap kategori.'
			)
		);
	}
	if (errors.length > 0) return { ok: false, errors: sortIssues(errors) };
	const warnings = sortIssues([...rowWarnings, ...checkNumbering(rows, columns)]);
	return { ok: true, matrix: { headers, rows }, warnings };
}
