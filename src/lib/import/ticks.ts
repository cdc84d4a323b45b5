/**
 * The vocabulary of a matrix cell. Kept closed on purpose: an unknown mark is an error rather
 * than a guess, because "x" means "yes" in some offices and "no" in others.
 */

/** Result of reading one cell: a value, or `ok: false` for a mark outside the vocabulary. */
export type TickResult = { ok: true; value: 1 | 0 | null; notApplicable: boolean } | { ok: false };

/** Marks meaning "published" (compared after trimming and lower-casing). */
export const PRESENT_MARKS: readonly string[] = ['√', '✓', '✔', 'v', '1', 'ya', 'ada'];

/** Marks meaning "not published". The blank cell is one of them: the report's blank = absent. */
export const ABSENT_MARKS: readonly string[] = ['', '0', '-', 'tidak', 'tidak ada'];

/** Marks meaning "does not apply to this OPD". */
export const NOT_APPLICABLE_MARKS: readonly string[] = ['n/a', 'na', 'tidak berlaku'];

const PRESENT = new Set(PRESENT_MARKS);
const ABSENT = new Set(ABSENT_MARKS);
const NOT_APPLICABLE = new Set(NOT_APPLICABLE_MARKS);

/** Lower-cases, trims and collapses inner whitespace ("Tidak  Ada " → "tidak ada"). */
function normalizeMark(raw: string): string {
	return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Reads one matrix cell.
 *
 * @example parseTick('√') // { ok: true, value: 1, notApplicable: false }
 * @example parseTick('')  // { ok: true, value: 0, notApplicable: false }
 * @example parseTick('n/a') // { ok: true, value: null, notApplicable: true }
 * @example parseTick('x') // { ok: false }
 */
export function parseTick(raw: string): TickResult {
	const mark = normalizeMark(raw);
	if (PRESENT.has(mark)) return { ok: true, value: 1, notApplicable: false };
	if (ABSENT.has(mark)) return { ok: true, value: 0, notApplicable: false };
	if (NOT_APPLICABLE.has(mark)) return { ok: true, value: null, notApplicable: true };
	return { ok: false };
}

/** True when a raw cell is blank (only whitespace), i.e. carries no information at all. */
export function isBlankCell(raw: string): boolean {
	return raw.trim() === '';
}
