/**
 * Recognises the header cells of a matrix ("NO", "NAMA OPD", "JENIS DATA") and checks the
 * category labels. Shared by the report-table and the CSV/TSV parsers so both accept the same
 * spellings.
 */
import { issueAt, quoteValue } from './issues';
import { collapseSpaces } from './text';
import type { ImportIssue } from './types';

const NUMBER_HEADER = /^(no|nomor|no urut)\s*\.?$/i;
const NAME_HEADER = /^(nama\s+)?(opd|perangkat\s+daerah|organisasi\s+perangkat\s+daerah)$/i;
const GROUP_HEADER = /^jenis\s+(data|informasi)$/i;

/** True for the row-number column header: "NO", "No", "No.", "Nomor". */
export function isNumberHeader(cell: string): boolean {
	return NUMBER_HEADER.test(collapseSpaces(cell));
}

/** True for the OPD name column header: "OPD", "Nama OPD", "NAMA OPD", "Nama Perangkat Daerah". */
export function isNameHeader(cell: string): boolean {
	return NAME_HEADER.test(collapseSpaces(cell));
}

/** True for the merged cell above the categories in the reports: "JENIS DATA". */
export function isGroupHeader(cell: string): boolean {
	return GROUP_HEADER.test(collapseSpaces(cell));
}

/**
 * True when the cells after the name column are only the "JENIS DATA" group label (or nothing),
 * i.e. the category labels must be on the next line.
 */
export function isGroupHeaderRow(labelCells: string[]): boolean {
	const filled = labelCells.map(collapseSpaces).filter((cell) => cell !== '');
	if (filled.length === 0) return true;
	return filled.length === 1 && isGroupHeader(filled[0] ?? '');
}

/** Reads a row number: "12", "12.", "12)". Null when the text is not a row number. */
export function readRowNumber(cell: string): number | null {
	const match = /^(\d{1,6})[.)]?$/.exec(collapseSpaces(cell));
	return match ? Number(match[1]) : null;
}

/**
 * Turns the raw label cells into category labels: trims them, drops trailing blank cells, and
 * reports blank labels in between and duplicate labels. `firstColumn` is the 1-based column of
 * `cells[0]` in the source line.
 */
export function readCategoryLabels(
	cells: string[],
	line: number,
	firstColumn: number
): { labels: string[]; errors: ImportIssue[] } {
	const labels = cells.map(collapseSpaces);
	while (labels.length > 0 && labels[labels.length - 1] === '') labels.pop();
	const errors: ImportIssue[] = [];
	if (labels.length === 0) {
		errors.push(
			issueAt(
				line,
				null,
				null,
				'tidak ada kolom kategori. Setelah kolom nama OPD harus ada minimal satu nama ' +
					'kategori informasi (mis. "Struktur Organisasi & Nama Pejabat").'
			)
		);
	}
	const seen = new Map<string, number>();
	labels.forEach((label, index) => {
		const column = firstColumn + index;
		if (label === '') {
			errors.push(
				issueAt(
					line,
					column,
					null,
					'nama kategori kosong. Setiap kolom setelah nama OPD harus diberi nama kategori.'
				)
			);
			return;
		}
		const key = label.toLowerCase();
		const first = seen.get(key);
		if (first !== undefined) {
			errors.push(
				issueAt(
					line,
					column,
					label,
					`nama kategori ${quoteValue(label)} sudah dipakai di kolom ${first}. ` +
						'Setiap kategori hanya boleh muncul sekali; ganti nama atau hapus kolom ini.'
				)
			);
			return;
		}
		seen.set(key, column);
	});
	return { labels, errors };
}
