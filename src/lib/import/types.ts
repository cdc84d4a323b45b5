/**
 * Types produced by the import parsers. Pure data, serialisable to JSON, so a preview of an import
 * can travel from the server to the page before anything is written.
 */

/** One cell of the OPD × category matrix. */
export interface ParsedCell {
	/**
	 * 1 = published, 0 = not published (blank, "-", "tidak"), null = not applicable (with
	 * `notApplicable`) or not assessed ("belum dinilai").
	 */
	value: 0 | 1 | null;
	/** True for "n/a", "tidak berlaku": the cell must leave the denominator, never count as met. */
	notApplicable: boolean;
	/**
	 * Present (true) when the source cell was empty. Its value is 0, the report's convention; an
	 * import of the app's own template reads it as "leave as is" instead (see the import plan).
	 */
	blank?: true;
	/**
	 * The long layout only: the file has no row for this cell, so it is left as it is whatever
	 * an empty cell means.
	 */
	unlisted?: true;
	/** The long layout only: the 1-based line of the row this cell was read from. */
	line?: number;
	/** The long layout only: the evidence the row gives, when the file has those columns. */
	evidence?: ParsedEvidence;
}

/**
 * Evidence a row of the long layout gives a cell, per field: absent when the file has no such
 * column; "" for an empty cell (what it means follows the empty-cell rule); null for "-" (clear
 * it); else the text (an evidence URL already checked and normalised: http(s), one per line).
 */
export interface ParsedEvidence {
	evidenceUrl?: string | null;
	note?: string | null;
}

/** One OPD row of the matrix; `cells` has one entry per header, in header order. */
export interface ParsedRow {
	/** The number in the "NO" column, or null when the source has no number. */
	number: number | null;
	/** OPD name as written (whitespace collapsed, wrapped lines joined with a space). */
	name: string;
	/** 1-based line in the source text where the row starts. */
	line: number;
	cells: ParsedCell[];
}

/** The OPD × category matrix read from a report table or a CSV/TSV file. */
export interface ParsedMatrix {
	/** Category labels exactly as written in the source (trimmed). */
	headers: string[];
	rows: ParsedRow[];
	/**
	 * 'report' when read from an annual-report table (blank = not published by default); 'long'
	 * when read from the long (`rinci`) layout, one row per OPD × indicator, pivoted here into one
	 * row per OPD (cells the file has no row for are `unlisted`).
	 */
	layout?: 'report' | 'long';
	/** The long layout: the indicator key each header was given by ("Kode indikator"), or null. */
	headerKeys?: (string | null)[];
	/** The long layout: where each header (indicator) is first named, for messages. */
	headerSources?: { line: number; column: number; columnLabel: string }[];
}

/** A problem found while reading, located so a user can find and fix it in the source file. */
export interface ImportIssue {
	/** 1-based line in the source text (0 when the problem concerns the whole file). */
	line: number;
	/** 1-based column in the source line, or null when the problem concerns the whole line. */
	column: number | null;
	/** Label of that column ("NO", "NAMA OPD", a category label), when it has one. */
	columnLabel: string | null;
	/** Message in Bahasa Indonesia: where, why, and what was expected. */
	message: string;
}

/**
 * Outcome of a parse. On failure every error found is listed, not just the first, so a user can
 * fix a file in one pass. Warnings (e.g. row numbers out of order) never block an import.
 */
export type ParseResult =
	| { ok: true; matrix: ParsedMatrix; warnings: ImportIssue[] }
	| { ok: false; errors: ImportIssue[] };
