/**
 * Cell-level CSV/XLSX safety: neutralising spreadsheet formulas on export and undoing that on
 * import, RFC 4180 quoting, and the one CSV writer every export goes through.
 */

/** Delimiters the app writes and recognises. */
export type Delimiter = ',' | ';' | '\t';

/** Delimiters tried on import, in order of preference when a file would fit several. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

// A line whose text (after apostrophes, then blanks) starts with one of these is run as a formula
// by Excel/LibreOffice (CSV injection); the full-width forms are folded to ASCII by some of them.
// Checked at the start of the cell and after every line break inside it, because an importer
// that splits lines naively turns the text after a break into a cell of its own.
const LINE_NEEDS = /^'*[^\S\r\n]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
const LINE_ESCAPED = /^'+[^\S\r\n]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
// A cell starting with a tab, CR or LF: some spreadsheets strip it and then see what follows.
const CELL_NEEDS = /^'*[\t\r\n]/;
const CELL_ESCAPED = /^'+[\t\r\n]/;
const LINE_BREAK = /(\r\n|\r|\n)/;

/**
 * Makes a text cell safe for a spreadsheet: an apostrophe goes before the cell, and before every
 * line inside it, that would start a formula ("=HYPERLINK(…)", "+62…", "-", "@…", " =1", "＝1")
 * or that starts with a tab, CR or LF. Text already starting with apostrophes and then a formula
 * gets one more, so that {@link unneutralizeFormula} removes exactly ours: the two are inverse.
 */
export function neutralizeFormula(text: string): string {
	if (!/['=+\-@\s\uff1d\uff0b\uff0d\uff20]/.test(text)) return text; // the common case
	const parts = text.split(LINE_BREAK);
	for (let i = 0; i < parts.length; i += 2) {
		const line = parts[i]!;
		if (LINE_NEEDS.test(line) || (i === 0 && CELL_NEEDS.test(text))) parts[i] = `'${line}`;
	}
	return parts.join('');
}

/** Removes the apostrophes `neutralizeFormula` added; any other apostrophe is kept. */
export function unneutralizeFormula(text: string): string {
	if (!text.includes("'")) return text;
	const parts = text.split(LINE_BREAK);
	for (let i = 0; i < parts.length; i += 2) {
		const line = parts[i]!;
		if (LINE_ESCAPED.test(line) || (i === 0 && CELL_ESCAPED.test(text))) {
			parts[i] = line.slice(1);
		}
	}
	return parts.join('');
}

/**
 * Quotes a cell when it holds a quote, a line break or any recognised delimiter (not only the
 * one in use, so that delimiter detection on import cannot be misled by a label).
 */
export function quoteCell(text: string): string {
	return /["\n\r,;\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A value a CSV/XLSX cell can hold. */
export type CellValue = string | number | boolean | null | undefined;

/** One cell as CSV text: neutralised (text only) and quoted; blanks are empty. */
export function csvCell(value: CellValue): string {
	if (value === null || value === undefined) return '';
	return quoteCell(typeof value === 'string' ? neutralizeFormula(value) : String(value));
}

/** Distinct texts remembered per CSV written; past it, cells are worked out each time. */
const MEMO_LIMIT = 50_000;

/**
 * The one CSV writer of the app: a header and rows, every text cell neutralised and quoted as
 * needed, CRLF line ends (after the last line too), optionally a UTF-8 BOM for Excel.
 */
export function writeCsv(
	columns: readonly string[],
	rows: readonly (readonly CellValue[])[],
	options: { delimiter?: Delimiter; bom?: boolean } = {}
): string {
	const delimiter = options.delimiter ?? ',';
	// Text cells repeat (marks, kinds, qualifications): each distinct text is worked out once.
	const texts = new Map<string, string>();
	const cell = (value: CellValue) => {
		if (typeof value !== 'string') return csvCell(value);
		let text = texts.get(value);
		if (text === undefined) {
			text = csvCell(value);
			if (texts.size < MEMO_LIMIT) texts.set(value, text);
		}
		return text;
	};
	const line = (cells: readonly CellValue[]) => cells.map(cell).join(delimiter);
	const body = [line(columns), ...rows.map(line)].join('\r\n');
	return `${options.bom ? '\ufeff' : ''}${body}\r\n`;
}
