/**
 * Parses a cell save from a form post: the matrix's `?/set` (one cell) and the per-OPD form
 * (one cell per indicator, fields suffixed with `_<indicatorId>`). Pure, no framework.
 */
export interface ParsedCell {
	value: number | null;
	notApplicable: boolean;
	expectedVersion: number;
	evidenceUrl?: string | null;
	note?: string | null;
	reason?: string | null;
}

import * as v from 'valibot';
import { evidenceProblem, MAX_EVIDENCE_LINKS, normalizeEvidence } from '../evidence';
import { NOT_APPLICABLE } from '../workflow/cell-value';
import { readWith } from './form';
import { lengthProblem, TEXT_LIMITS, withinLimit } from './text-limits';

const VERSION_MESSAGE = 'Versi sel tidak valid: muat ulang halaman.';
// Ten links of the longest allowed length, one per line: anything longer cannot be valid.
const EVIDENCE_MAX = MAX_EVIDENCE_LINKS * (TEXT_LIMITS.url + 1);

/** Trimmed free text, null when blank, refused over `max` characters with a message naming it. */
const optionalText = (label: string, max: number) =>
	v.optional(
		v.pipe(
			v.string(),
			v.trim(),
			withinLimit(label, max),
			v.transform((text) => text || null)
		)
	);

/** The value field: "" (not assessed), "na" (not applicable, any case) or a whole number. */
const valueField = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.toLowerCase(),
	v.check(
		(text) => text === '' || text === 'na' || /^\d+$/.test(text),
		(issue) => `Nilai "${String(issue.input)}" bukan bilangan bulat.`
	)
);

/**
 * A typed value as the matrix holds it (null not assessed, NOT_APPLICABLE, else the number), or
 * the refusal the server would give: the matrix checks a card before it posts it.
 */
export function readCellValue(
	raw: string
): { ok: true; value: number | null } | { ok: false; message: string } {
	const read = readWith(valueField, raw);
	if (!read.ok) return read;
	const text = read.value;
	return { ok: true, value: text === '' ? null : text === 'na' ? NOT_APPLICABLE : Number(text) };
}

/**
 * One cell's fields. `value`: "" (not assessed), "na" (not applicable) or a whole number;
 * `version`: the version the editor saw. Evidence, note and reason stay undefined when the form
 * does not send them (they are then left as they were). Issues come in field order, so the first
 * one is what the form shows.
 */
export const cellSchema = v.pipe(
	v.object({
		version: v.pipe(
			v.optional(v.string(), ''),
			v.regex(/^\d+$/, VERSION_MESSAGE),
			v.transform(Number),
			v.check((version) => Number.isSafeInteger(version), VERSION_MESSAGE)
		),
		value: valueField,
		evidenceUrl: v.optional(
			v.pipe(
				v.string(),
				// One check, so a huge paste is refused on its length before it is split into links.
				v.rawCheck(({ dataset, addIssue }) => {
					if (!dataset.typed) return;
					const problem =
						lengthProblem('Tautan bukti', dataset.value, EVIDENCE_MAX) ??
						evidenceProblem(dataset.value);
					if (problem) addIssue({ message: problem });
				}),
				v.transform((text: string) => normalizeEvidence(text))
			)
		),
		note: optionalText('Catatan', TEXT_LIMITS.text),
		reason: optionalText('Alasan perubahan', TEXT_LIMITS.text)
	}),
	v.transform(({ version, value, evidenceUrl, note, reason }): ParsedCell => ({
		value: value === '' || value === 'na' ? null : Number(value),
		notApplicable: value === 'na',
		expectedVersion: version,
		evidenceUrl,
		note,
		reason
	}))
);

const FIELDS = ['version', 'value', 'evidenceUrl', 'note', 'reason'] as const;

/**
 * Reads a cell from form values; `suffix` picks one indicator's fields of the per-OPD form
 * (`value_<id>`, `version_<id>`, …).
 */
export function parseCellFields(
	values: Record<string, string>,
	suffix = ''
): { ok: true; cell: ParsedCell } | { ok: false; message: string } {
	const input = Object.fromEntries(FIELDS.map((field) => [field, values[`${field}${suffix}`]]));
	const read = readWith(cellSchema, input);
	return read.ok ? { ok: true, cell: read.value } : read;
}
