/**
 * Cell-level CSV safety: neutralising spreadsheet formulas on export and undoing that on import,
 * and RFC 4180 quoting.
 */

/** Delimiters the app writes and recognises. */
export type Delimiter = ',' | ';' | '\t';

/** Delimiters tried on import, in order of preference when a file would fit several. */
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

// A cell starting with one of these is run as a formula by Excel/LibreOffice (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
// Apostrophes before a formula start: the last one is ours; any others were in the text itself.
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * Prefixes an apostrophe to a cell a spreadsheet would run as a formula ("=HYPERLINK(…)",
 * "+62…", "-", "@…", a leading tab or CR), so it is shown as text.
 */
export function neutralizeFormula(text: string): string {
	// Text that already starts with "'=" gets one more, so that import removes exactly ours.
	return FORMULA_START.test(text) || ESCAPED_FORMULA.test(text) ? `'${text}` : text;
}

/** Removes the one apostrophe `neutralizeFormula` added; any other leading apostrophe is kept. */
export function unneutralizeFormula(text: string): string {
	return ESCAPED_FORMULA.test(text) ? text.slice(1) : text;
}

/**
 * Quotes a cell when it holds a quote, a line break or any recognised delimiter (not only the
 * one in use, so that delimiter detection on import cannot be misled by a label).
 */
export function quoteCell(text: string): string {
	return /["\n\r,;\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
