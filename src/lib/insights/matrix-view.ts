/**
 * How the evaluation matrix is shown: the OPD search (`?cari=`), the marks a cell can take with
 * their symbols and words, and the per-OPD cards of the phone view (paged). Pure, no framework.
 */
import { normalizeOpdName } from '../import/opd-names';
import { MARK } from '../import/ticks';
import type { IndicatorKind } from '../scoring/types';
import { NOT_APPLICABLE } from '../workflow/cell-value';

/** Longest search text kept from the query string; anything longer is cut, never an error. */
export const SEARCH_MAX = 80;
/** OPD cards per page in the phone view. */
export const CARDS_PER_PAGE = 10;

/** The search text from `?cari=`: trimmed and bounded; missing means no filter. */
export function readSearch(raw: string | null | undefined): string {
	return (raw ?? '').trim().slice(0, SEARCH_MAX);
}

/** A page number from `?hal=`: a whole number ≥ 1, anything else is page 1. */
export function readPage(raw: string | null | undefined): number {
	const n = Number(raw);
	return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/**
 * The words of a search or a name as compared: lower case, "&" as "dan", punctuation dropped,
 * "kec."/"kel." spelled out (the OPD-name normalisation, without dropping "Kota Serang").
 */
export function searchWords(text: string): string[] {
	const normalized = normalizeOpdName(text, []);
	return normalized === '' ? [] : normalized.split(' ');
}

export interface Searchable {
	name: string;
	slug: string;
	/** Other names the OPD goes by (the OPD master's aliases: "Dinkes", a former name). */
	aliases?: readonly string[];
}

/**
 * Whether a row answers the search: every searched word starts a word of the OPD's name or of its
 * slug, in any order ("kec walantaka", "walantaka", "dinas kes" all find "Kecamatan Walantaka" /
 * "Dinas Kesehatan"), or every searched word starts a word of one of its aliases ("dinkes",
 * "kominfo"). An empty search matches every row.
 */
export function matchesSearch(row: Searchable, search: string | string[]): boolean {
	const wanted = typeof search === 'string' ? searchWords(search) : search;
	if (wanted.length === 0) return true;
	const answers = (words: string[]) =>
		wanted.every((w) => words.some((word) => word.startsWith(w)));
	return (
		answers([...searchWords(row.name), ...row.slug.split('-')]) ||
		(row.aliases ?? []).some((alias) => answers(searchWords(alias)))
	);
}

/** The rows answering the search, in their order. */
export function filterBySearch<T extends Searchable>(rows: readonly T[], search: string): T[] {
	const wanted = searchWords(search);
	return wanted.length === 0 ? [...rows] : rows.filter((row) => matchesSearch(row, wanted));
}

/** One mark a cell can be given: the form value sent, the compact value, symbol and words. */
export interface Mark {
	/** The `value` form field: "1", "0", a level, "na", or "" (not assessed). */
	field: string;
	/** The compact value (-1 not applicable, null not assessed). */
	value: number | null;
	symbol: string;
	label: string;
}

export interface MarkIndicator {
	kind: IndicatorKind;
	maxLevel?: number | null;
	levelLabels?: string[] | null;
}

const NOT_APPLICABLE_MARK: Mark = {
	field: 'na',
	value: NOT_APPLICABLE,
	symbol: 'TB',
	label: 'tidak berlaku'
};
const UNASSESSED_MARK: Mark = { field: '', value: null, symbol: '–', label: 'belum dinilai' };

/** The legend of the matrix: what each symbol means, in the order the buttons show. */
export const LEGEND: readonly Mark[] = [
	{ field: '1', value: 1, symbol: MARK.present, label: 'ada' },
	{ field: '0', value: 0, symbol: '✗', label: 'tidak ada' },
	NOT_APPLICABLE_MARK,
	UNASSESSED_MARK
];

/**
 * The buttons of a cell: check → ada, tidak ada; scale → each level; then tidak berlaku and
 * belum dinilai. A count indicator takes a number instead (no fixed marks besides those two).
 */
export function marksFor(ind: MarkIndicator): Mark[] {
	if (ind.kind === 'check') return [...LEGEND];
	if (ind.kind === 'scale') {
		const levels: Mark[] = [];
		for (let level = 0; level <= (ind.maxLevel ?? 0); level++)
			levels.push({
				field: String(level),
				value: level,
				symbol: String(level),
				label: ind.levelLabels?.[level] ?? `level ${level}`
			});
		return [...levels, NOT_APPLICABLE_MARK, UNASSESSED_MARK];
	}
	return [NOT_APPLICABLE_MARK, UNASSESSED_MARK];
}

/** One page of items (1-based, clamped to the last page) and how many pages there are. */
export function pageOf<T>(
	items: readonly T[],
	page: number,
	size = CARDS_PER_PAGE
): { items: T[]; page: number; pages: number; from: number } {
	const pages = Math.max(1, Math.ceil(items.length / size));
	const current = Math.min(Math.max(1, Math.floor(page)), pages);
	const from = (current - 1) * size;
	return { items: items.slice(from, from + size), page: current, pages, from };
}

export interface CardRow {
	id: number;
	slug: string;
	name: string;
	v: (number | null)[];
	ver: number[];
	s: (number | null)[];
}

export interface CardCell<I> {
	indicator: I;
	value: number | null;
	version: number;
	self: number | null;
	/** The self-assessment says something else than the verified value. */
	differs: boolean;
	/** Why the cell cannot be set now (stage rules), or null. */
	lock: string | null;
}

export interface OpdCard<I> {
	id: number;
	slug: string;
	name: string;
	assessed: number;
	cells: CardCell<I>[];
}

/**
 * The phone view's cards: one per OPD, listing its indicators in rubric order with the value,
 * version, self-assessment and lock of each cell. `valueOf` lets the caller lay local edits over
 * the loaded values.
 */
export function opdCards<I extends { id: number }>(
	rows: readonly CardRow[],
	indicators: readonly I[],
	lockOf: (opdId: number, indicatorId: number) => string | null = () => null,
	valueOf: (row: CardRow, c: number) => number | null = (row, c) => row.v[c] ?? null
): OpdCard<I>[] {
	return rows.map((row) => {
		const cells = indicators.map((indicator, c) => {
			const value = valueOf(row, c);
			const self = row.s[c] ?? null;
			return {
				indicator,
				value,
				version: row.ver[c] ?? 0,
				self,
				differs: self !== null && self !== value,
				lock: lockOf(row.id, indicator.id)
			};
		});
		return {
			id: row.id,
			slug: row.slug,
			name: row.name,
			assessed: cells.filter((cell) => cell.value !== null).length,
			cells
		};
	});
}
