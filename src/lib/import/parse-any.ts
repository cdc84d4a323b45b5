/**
 * One entry point for every text layout the app accepts, and the bridge from spreadsheet rows
 * (an .xlsx sheet read by the server or the browser) to the same CSV parser.
 */
import { quoteCell } from './csv-cells';
import { parseDelimited } from './parse-delimited';
import { parseReportTable } from './report-table';
import type { ParseResult } from './types';

// The report's header line: "NO<tab>NAMA OPD<tab>…" (the report table, not a CSV header).
const REPORT_HEADER = /^\s*no\.?\t+nama opd/im;

/**
 * Parses text in any accepted layout: the annual-report table (tab-separated, rows wrapped over
 * lines), or a CSV/TSV matrix (the app's template, "," or ";" CSV, TSV pasted from a spreadsheet).
 */
export function parseImportText(text: string): ParseResult {
	// A report table has several non-tab lines (title, notes) or wrapped rows; the CSV parser
	// takes the same table when it is clean, so the report parser is tried only on its header.
	return REPORT_HEADER.test(text) ? parseReportTable(text) : parseDelimited(text);
}

/** A cell as a spreadsheet library returns it. */
export type SheetCell = string | number | boolean | Date | null | undefined;

function cellText(cell: SheetCell): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'boolean') return cell ? '1' : '0';
	if (cell instanceof Date) return cell.toISOString().slice(0, 10);
	// Line breaks inside a cell would shift the line numbers that errors report.
	return String(cell).replace(/\r\n|\r|\n/g, ' ');
}

/**
 * Turns spreadsheet rows into CSV text with one line per sheet row, so that "line N" in an error
 * is row N of the sheet. Quoted as RFC 4180; formulas are left as they are (parseDelimited reads
 * text, never evaluates).
 */
export function sheetToCsv(rows: SheetCell[][]): string {
	return rows.map((row) => row.map((cell) => quoteCell(cellText(cell))).join(',')).join('\n');
}

/** Parses the rows of a spreadsheet sheet with the CSV rules. */
export function parseSheetRows(rows: SheetCell[][]): ParseResult {
	if (rows.every((row) => row.every((cell) => cellText(cell).trim() === ''))) {
		return parseDelimited('');
	}
	return parseDelimited(sheetToCsv(rows));
}
