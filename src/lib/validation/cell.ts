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

import { evidenceProblem, MAX_EVIDENCE_LINKS, normalizeEvidence } from '../evidence';
import { lengthProblem, TEXT_LIMITS } from './text-limits';

const optional = (raw: string | undefined) => (raw === undefined ? undefined : raw.trim() || null);

/**
 * `value`: "" (not assessed), "na" (not applicable) or a whole number; `version`: the version the
 * editor saw. Evidence, note and reason are only touched when the form sends them.
 */
export function parseCellFields(
	values: Record<string, string>,
	suffix = ''
): { ok: true; cell: ParsedCell } | { ok: false; message: string } {
	const raw = (values[`value${suffix}`] ?? '').trim().toLowerCase();
	const rawVersion = values[`version${suffix}`] ?? '';
	const version = Number(rawVersion);
	if (!/^\d+$/.test(rawVersion) || !Number.isSafeInteger(version))
		return { ok: false, message: 'Versi sel tidak valid: muat ulang halaman.' };
	let value: number | null = null;
	const notApplicable = raw === 'na';
	if (raw !== '' && !notApplicable) {
		if (!/^\d+$/.test(raw)) return { ok: false, message: `Nilai "${raw}" bukan bilangan bulat.` };
		value = Number(raw);
	}
	const rawEvidence = values[`evidenceUrl${suffix}`];
	// Ten links of the longest allowed length, one per line: anything longer cannot be valid.
	const evidenceMax = MAX_EVIDENCE_LINKS * (TEXT_LIMITS.url + 1);
	const evidenceTooLong = lengthProblem('Tautan bukti', rawEvidence, evidenceMax);
	if (evidenceTooLong) return { ok: false, message: evidenceTooLong };
	const evidenceProblemText = evidenceProblem(rawEvidence);
	if (evidenceProblemText) return { ok: false, message: evidenceProblemText };
	const evidenceUrl = rawEvidence === undefined ? undefined : normalizeEvidence(rawEvidence);
	const note = optional(values[`note${suffix}`]);
	const noteTooLong = lengthProblem('Catatan', note, TEXT_LIMITS.text);
	if (noteTooLong) return { ok: false, message: noteTooLong };
	const reason = optional(values[`reason${suffix}`]);
	const reasonTooLong = lengthProblem('Alasan perubahan', reason, TEXT_LIMITS.text);
	if (reasonTooLong) return { ok: false, message: reasonTooLong };
	return {
		ok: true,
		cell: { value, notApplicable, expectedVersion: version, evidenceUrl, note, reason }
	};
}

/** A positive integer id from a form field, or null. */
export function parseId(raw: string | undefined): number | null {
	const n = Number(raw);
	return Number.isInteger(n) && n > 0 ? n : null;
}
