/**
 * The app's own CSV template: one row per OPD, one column per category, read back by
 * `parseDelimited` (re-exported here), which also takes the same shape saved from Excel with ";"
 * or pasted as TSV.
 *
 * Layout: `No,OPD,<category label>…`; a tick is "√", absent is an empty cell, not applicable is
 * "n/a". No comment lines: the file must open cleanly in a spreadsheet.
 */
import { writeCsv, type Delimiter } from './csv-cells';
import { markOf } from './ticks';

export { parseDelimited } from './parse-delimited';

/** A category column of the template. Only the label is written; the key is for the caller. */
export interface TemplateHeader {
	key: string;
	label: string;
}

/** A cell value to write: 1 = "√", 0 or null (not assessed) = empty, 'na' = "n/a". */
export type TemplateValue = 0 | 1 | null | 'na';

/** One OPD row of the template; `values` has one entry per header, in header order. */
export interface TemplateRow {
	number: number;
	name: string;
	values: TemplateValue[];
}

/** Output options of `buildTemplateCsv`. */
export interface TemplateOptions {
	/** "," (default), ";" (what Excel expects in Indonesian locales) or tab. */
	delimiter?: Delimiter;
	/** Prefix a UTF-8 BOM so Excel shows "√" correctly (default false). */
	bom?: boolean;
}

function tickText(value: TemplateValue): string {
	return value === 'na' ? markOf({ value: null, notApplicable: true }) : markOf({ value });
}

/**
 * Builds the import/export template: header `No,OPD,<labels>`, then one line per OPD. Cells a
 * spreadsheet would run as formulas get a leading apostrophe (stripped again by
 * `parseDelimited`). Lines end with CRLF. A blank cell reads back as 0, so null becomes 0.
 */
export function buildTemplateCsv(
	headers: TemplateHeader[],
	rows: TemplateRow[],
	options: TemplateOptions = {}
): string {
	const lines: string[][] = [];
	for (const row of rows) {
		if (row.values.length !== headers.length) {
			const counts = `${row.values.length} values for ${headers.length} headers`;
			throw new RangeError(`Row ${row.number} (${row.name}) has ${counts}`);
		}
		const ticks = row.values.map(tickText);
		lines.push([String(row.number), row.name, ...ticks]);
	}
	return writeCsv(['No', 'OPD', ...headers.map((header) => header.label)], lines, options);
}
