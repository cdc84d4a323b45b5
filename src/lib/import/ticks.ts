/**
 * The vocabulary of a matrix cell: the one mark parser ({@link parseTick}) and the marks the app
 * writes ({@link markOf}). Kept closed on purpose: an unknown mark is an error rather than a
 * guess, because "x" means "yes" in some offices and "no" in others. "-" and the blank cell mean
 * absent (not published), as the annual report prints them; not applicable is "n/a".
 */

/**
 * Result of reading one cell: a value, or `ok: false` for a mark outside the vocabulary. `blank`
 * marks an empty cell: absent by the annual report's convention, "leave as is" in the app's own
 * template; the import decides which (see `EmptyRule` in the import plan).
 */
export type TickResult =
	{ ok: true; value: 1 | 0 | null; notApplicable: boolean; blank?: true } | { ok: false };

/**
 * The marks the app writes (report, exports, templates, published CSV): each reads back through
 * {@link parseTick} as what it was written for. Not assessed is written blank, like absent: the
 * report has no mark for it.
 */
export const MARK = Object.freeze({
	present: '√',
	absent: '',
	notApplicable: 'n/a',
	/** "tidak ada" in the app's own template, where an empty cell means "not assessed". */
	absentInTemplate: 'tidak'
});

/** The mark written for a cell: "√" met (value 1), "n/a" not applicable, "" otherwise. */
export function markOf(
	cell: { value: number | null; notApplicable?: boolean } | undefined
): string {
	if (cell?.notApplicable) return MARK.notApplicable;
	return cell?.value === 1 ? MARK.present : MARK.absent;
}

/** Marks meaning "published" (compared after trimming and lower-casing). */
export const PRESENT_MARKS: readonly string[] = ['√', '✓', '✔', 'v', '1', 'ya', 'ada'];

/** Marks meaning "not published". The blank cell is one of them: the report's blank = absent. */
export const ABSENT_MARKS: readonly string[] = ['', '0', '-', 'tidak', 'tidak ada'];

/** Marks meaning "not assessed yet": clears a cell (only the full phrase; "belum" stays an error). */
export const UNASSESSED_MARKS: readonly string[] = ['belum dinilai'];

/** Marks meaning "does not apply to this OPD". */
export const NOT_APPLICABLE_MARKS: readonly string[] = ['n/a', 'na', 'tidak berlaku'];

const PRESENT = new Set(PRESENT_MARKS);
const ABSENT = new Set(ABSENT_MARKS);
const NOT_APPLICABLE = new Set(NOT_APPLICABLE_MARKS);
const UNASSESSED = new Set(UNASSESSED_MARKS);

/** Lower-cases, trims and collapses inner whitespace ("Tidak  Ada " → "tidak ada"). */
function normalizeMark(raw: string): string {
	return raw.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Reads one matrix cell.
 *
 * @example parseTick('√') // { ok: true, value: 1, notApplicable: false }
 * @example parseTick('')  // { ok: true, value: 0, notApplicable: false, blank: true }
 * @example parseTick('n/a') // { ok: true, value: null, notApplicable: true }
 * @example parseTick('x') // { ok: false }
 */
export function parseTick(raw: string): TickResult {
	// A file repeats a handful of spellings hundreds of thousands of times: remember them.
	const known = SEEN.get(raw);
	if (known !== undefined) return known;
	const mark = normalizeMark(raw);
	let result: TickResult;
	if (PRESENT.has(mark)) result = PRESENT_RESULT;
	else if (mark === '') result = BLANK_RESULT;
	else if (ABSENT.has(mark)) result = ABSENT_RESULT;
	else if (UNASSESSED.has(mark)) result = UNASSESSED_RESULT;
	else if (NOT_APPLICABLE.has(mark)) result = NA_RESULT;
	else result = UNKNOWN_RESULT;
	if (SEEN.size < SEEN_LIMIT) SEEN.set(raw, result);
	return result;
}

// Shared, frozen results: callers only read them.
const PRESENT_RESULT: TickResult = Object.freeze({ ok: true, value: 1, notApplicable: false });
const ABSENT_RESULT: TickResult = Object.freeze({ ok: true, value: 0, notApplicable: false });
const BLANK_RESULT: TickResult = Object.freeze({
	ok: true,
	value: 0,
	notApplicable: false,
	blank: true
});
const UNASSESSED_RESULT: TickResult = Object.freeze({
	ok: true,
	value: null,
	notApplicable: false
});
const NA_RESULT: TickResult = Object.freeze({ ok: true, value: null, notApplicable: true });
const UNKNOWN_RESULT: TickResult = Object.freeze({ ok: false });
const SEEN = new Map<string, TickResult>();
const SEEN_LIMIT = 1000;

/** True when a raw cell is blank (only whitespace), i.e. carries no information at all. */
export function isBlankCell(raw: string): boolean {
	return raw.trim() === '';
}
