/**
 * What an imported cell does to a stored one: the rule for empty cells, whether a cell changes,
 * and the kind of each change. Pure, shared by the import plan, the preview and the CLI.
 */
import type { ParsedCell, ParsedEvidence, ParsedMatrix } from './types';

/**
 * What an empty cell means. `keep`: not assessed / leave the stored value as it is (the app's own
 * template and CSV); `absent`: not published = "tidak ada" (the annual-report table convention).
 */
export type EmptyRule = 'keep' | 'absent';
export const EMPTY_RULES: readonly EmptyRule[] = ['keep', 'absent'];

/** The rule a file gets unless the user chooses: `absent` for a report table, else `keep`. */
export function defaultEmptyRule(matrix: Pick<ParsedMatrix, 'layout'>): EmptyRule {
	return matrix.layout === 'report' ? 'absent' : 'keep';
}

/** Reads "keep"/"biarkan", "absent"/"tidak-ada"; undefined for anything else. */
export function parseEmptyRule(text: string | null | undefined): EmptyRule | undefined {
	const t = (text ?? '').trim().toLowerCase();
	if (t === 'keep' || t === 'biarkan') return 'keep';
	if (t === 'absent' || t === 'tidak-ada' || t === 'tidak ada') return 'absent';
	return undefined;
}

/** A cell's verified value; null (no row) and `{ value: null, notApplicable: false }` are both "not assessed". */
export interface CellState {
	value: number | null;
	notApplicable: boolean;
}

const UNASSESSED: ParsedCell = Object.freeze({ value: null, notApplicable: false });

/** The cell as written into a new period: under `keep` an empty cell stays not assessed. */
export function effectiveCell(cell: ParsedCell, rule: EmptyRule): ParsedCell {
	return cell.blank && rule === 'keep' ? UNASSESSED : cell;
}

/** The state an import asks for, or null when the cell is left as it is (empty under `keep`). */
export function cellAfter(cell: ParsedCell, rule: EmptyRule): CellState | null {
	if (cell.unlisted || (cell.blank && rule === 'keep')) return null;
	return { value: cell.notApplicable ? null : cell.value, notApplicable: cell.notApplicable };
}

const isUnassessed = (c: CellState | null) => c === null || (!c.notApplicable && c.value === null);

/** True when two states mean the same for scoring (no row = a row without a value). */
export function sameState(a: CellState | null, b: CellState | null): boolean {
	if (isUnassessed(a) || isUnassessed(b)) return isUnassessed(a) && isUnassessed(b);
	return a!.notApplicable === b!.notApplicable && (a!.notApplicable || a!.value === b!.value);
}

/** True when a stored cell already says "tidak ada". */
export function isAbsent(c: CellState | null): boolean {
	return c !== null && !c.notApplicable && c.value === 0;
}

export type ChangeKind = 'toPresent' | 'toAbsent' | 'toNotApplicable' | 'toUnassessed';

/** The kind of a change by where it leads. */
export function changeKind(after: CellState): ChangeKind {
	if (after.notApplicable) return 'toNotApplicable';
	if (after.value === null) return 'toUnassessed';
	return after.value === 0 ? 'toAbsent' : 'toPresent';
}

/** Changes counted by kind; `total` is their sum. */
export interface ChangeCounts {
	total: number;
	toPresent: number;
	toAbsent: number;
	toNotApplicable: number;
	toUnassessed: number;
}

export const noChanges = (): ChangeCounts => ({
	total: 0,
	toPresent: 0,
	toAbsent: 0,
	toNotApplicable: 0,
	toUnassessed: 0
});

/** Adds one change to the counts (in place). */
export function countChange(counts: ChangeCounts, after: CellState): void {
	counts[changeKind(after)]++;
	counts.total++;
}

/** Words for a state in the preview: "ada", "tidak ada", "tidak berlaku", "belum dinilai". */
export function describeState(c: CellState | null): string {
	if (isUnassessed(c)) return 'belum dinilai';
	if (c!.notApplicable) return 'tidak berlaku';
	return c!.value === 0 ? 'tidak ada' : c!.value === 1 ? 'ada' : String(c!.value);
}

/** A cell's evidence as stored: the evaluator's link(s) (one per line) and note. */
export interface CellEvidence {
	evidenceUrl: string | null;
	note: string | null;
}

/** Blank and null are the same; white space (line breaks from a spreadsheet) is not a change. */
const evidenceText = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** True when two evidence states say the same. */
export function sameEvidence(a: CellEvidence, b: CellEvidence): boolean {
	return (
		evidenceText(a.evidenceUrl) === evidenceText(b.evidenceUrl) &&
		evidenceText(a.note) === evidenceText(b.note)
	);
}

function evidenceField(
	given: string | null | undefined,
	rule: EmptyRule,
	before: string | null
): string | null {
	if (given === undefined) return before;
	if (given === '') return rule === 'keep' ? before : null;
	return given;
}

/**
 * The evidence a long-layout row asks for, or null when it leaves the stored evidence as it is:
 * a field without a column is kept, "-" clears it, an empty cell follows the empty-cell rule
 * (`keep`: kept; `absent`: cleared), any other text replaces it.
 */
export function evidenceAfter(
	given: ParsedEvidence | undefined,
	rule: EmptyRule,
	before: CellEvidence
): CellEvidence | null {
	if (!given) return null;
	const after = {
		evidenceUrl: evidenceField(given.evidenceUrl, rule, before.evidenceUrl),
		note: evidenceField(given.note, rule, before.note)
	};
	return sameEvidence(before, after) ? null : after;
}

/** Words for an evidence change in the preview: "tautan: a → b", "catatan: (kosong) → c". */
export function describeEvidenceChange(before: CellEvidence, after: CellEvidence): string[] {
	const shown = (text: string | null) =>
		evidenceText(text) === '' ? '(kosong)' : evidenceText(text);
	const parts: string[] = [];
	if (evidenceText(before.evidenceUrl) !== evidenceText(after.evidenceUrl))
		parts.push(`tautan bukti: ${shown(before.evidenceUrl)} → ${shown(after.evidenceUrl)}`);
	if (evidenceText(before.note) !== evidenceText(after.note))
		parts.push(`catatan: ${shown(before.note)} → ${shown(after.note)}`);
	return parts;
}
