/**
 * A register as CSV and back: the keepers' export (every field, personal data included: only
 * for `registers.manage`) and the import that reads it again. Columns are the form labels,
 * choices are written as their labels and read as label or code, yes/no as "ya"/"tidak".
 * Pure: the endpoint, the import page and the round-trip test share it.
 */
import Papa from 'papaparse';
import { neutralizeFormula, unneutralizeFormula } from '../import/csv-cells';
import { readRegisterForm, type RegisterValues } from '../validation/register';
import { FLAG_TEXT, REGISTER_FORMS, type FieldSpec, type RegisterSlug } from './forms';

/** One row of a register as CSV cells (text neutralised against spreadsheet formulas). */
function cellOf(field: FieldSpec, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (field.type === 'flag') return value ? FLAG_TEXT.yes : FLAG_TEXT.no;
	if (field.choices) return field.choices[String(value)] ?? String(value);
	return typeof value === 'string' ? neutralizeFormula(value) : String(value);
}

/** The rows of one register form as CSV: UTF-8 BOM (for Excel), CRLF, a header of labels. */
export function registerCsv(slug: RegisterSlug, rows: readonly Record<string, unknown>[]): string {
	const { fields } = REGISTER_FORMS[slug];
	const body = Papa.unparse(
		{
			fields: fields.map((f) => f.label),
			data: rows.map((row) => fields.map((f) => cellOf(f, row[f.name])))
		},
		{ newline: '\r\n', quotes: false }
	);
	return `\ufeff${body}\r\n`;
}

/** A problem of an imported file, naming its row (line of the file, 1 = header) and column. */
export interface RegisterCsvIssue {
	row: number;
	column: string | null;
	message: string;
}

export type RegisterCsvResult =
	{ ok: true; rows: RegisterValues[] } | { ok: false; errors: RegisterCsvIssue[] };

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The cell as the form would have posted it: a choice label becomes its code. */
function formTextOf(field: FieldSpec, cell: string): string {
	const text = unneutralizeFormula(cell).trim();
	if (!field.choices || text === '') return text;
	const wanted = norm(text);
	for (const [key, label] of Object.entries(field.choices))
		if (norm(key) === wanted || norm(label) === wanted) return key;
	return text;
}

/**
 * Reads a CSV of one register form for `year` (with or without BOM, "," or ";"): every row is
 * checked like the form; the result holds either all rows or every problem, each naming the
 * row and the column. Caps (bytes, rows, columns) are the caller's.
 */
export function readRegisterCsv(
	slug: RegisterSlug,
	text: string,
	year: number,
	holidays: ReadonlySet<string> = new Set()
): RegisterCsvResult {
	const { fields } = REGISTER_FORMS[slug];
	const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), {
		skipEmptyLines: 'greedy',
		delimitersToGuess: [',', ';', '\t']
	});
	const errors: RegisterCsvIssue[] = [];
	for (const e of parsed.errors.slice(0, 20))
		errors.push({
			row: (e.row ?? 0) + 1,
			column: null,
			message: `format CSV tidak valid: ${e.message}.`
		});
	const [header, ...data] = parsed.data;
	if (!header) return { ok: false, errors: [{ row: 1, column: null, message: 'Berkas kosong.' }] };
	const columns = header.map((h) => {
		const wanted = norm(h.replace(/^\ufeff/, ''));
		return fields.find((f) => norm(f.label) === wanted || norm(f.name) === wanted) ?? null;
	});
	header.forEach((h, i) => {
		if (!columns[i] && h.trim() !== '')
			errors.push({ row: 1, column: h, message: `kolom "${h}" tidak dikenal untuk register ini.` });
	});
	for (const field of fields)
		if (field.required && !columns.includes(field)) {
			errors.push({ row: 1, column: field.label, message: `kolom "${field.label}" tidak ada.` });
		}
	if (errors.length > 0) return { ok: false, errors };
	const rows: RegisterValues[] = [];
	data.forEach((cells, i) => {
		const values: Record<string, string> = {};
		columns.forEach((field, c) => {
			if (field) values[field.name] = formTextOf(field, cells[c] ?? '');
		});
		const read = readRegisterForm(slug, values, year, holidays);
		if (read.ok) rows.push(read.value);
		else
			for (const [name, message] of Object.entries(read.errors)) {
				const field = fields.find((f) => f.name === name);
				errors.push({ row: i + 2, column: field?.label ?? null, message });
			}
	});
	if (rows.length === 0 && errors.length === 0)
		errors.push({ row: 2, column: null, message: 'Berkas tidak berisi baris data.' });
	return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
