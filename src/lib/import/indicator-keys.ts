/**
 * Stable keys for DIP categories (indicators) across years: "Renja 2020" and "Renja 2021" are the
 * same indicator, and a typo in one year's header ("Tertuar") must not create a new one.
 */
import { slugify } from './opd-names';
import { wordSimilarity } from './similarity';

/** An indicator a label may refer to. */
export interface IndicatorCandidate {
	key: string;
	label: string;
}

/** The indicator a label was matched to. */
export interface IndicatorMatch {
	key: string;
	score: number;
}

/** How `resolveIndicatorKeys` settled a label. */
export interface ResolvedIndicator {
	label: string;
	key: string;
	/** exact: same key; fuzzy: similar key (a typo, a reworded label); new: no candidate fitted. */
	match: 'exact' | 'fuzzy' | 'new';
	score: number;
}

/** Minimum fuzzy score for `matchIndicator` to accept a candidate. */
export const INDICATOR_MATCH_THRESHOLD = 0.8;

const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;

/**
 * Key of a category label: the slug of the label with 4-digit years removed and "&" read as "dan".
 *
 * @example indicatorKey('Renja 2021') // 'renja'
 * @example indicatorKey('Struktur Organisasi & Nama Pejabat')
 *   // 'struktur-organisasi-dan-nama-pejabat'
 */
export function indicatorKey(label: string): string {
	const key = slugify(label.replace(YEAR, ' ').replace(/&/g, ' dan '));
	return key === '' ? slugify(label) : key;
}

function keyWords(key: string): string[] {
	return key.split('-').filter((word) => word !== '' && word !== 'dan');
}

function similarity(key: string, candidate: IndicatorCandidate): number {
	const words = keyWords(key);
	return Math.max(
		wordSimilarity(words, keyWords(candidate.key)),
		wordSimilarity(words, keyWords(indicatorKey(candidate.label)))
	);
}

function isExact(key: string, candidate: IndicatorCandidate): boolean {
	return candidate.key === key || indicatorKey(candidate.label) === key;
}

/**
 * Finds the indicator a label refers to: the candidate with the same key (or whose label gives
 * the same key), else the most similar one scoring at least INDICATOR_MATCH_THRESHOLD (first on
 * a tie). Returns null when none fits.
 */
export function matchIndicator(
	label: string,
	candidates: IndicatorCandidate[]
): IndicatorMatch | null {
	const key = indicatorKey(label);
	const exact = candidates.find((candidate) => isExact(key, candidate));
	if (exact !== undefined) return { key: exact.key, score: 1 };
	let best: IndicatorMatch | null = null;
	for (const candidate of candidates) {
		// Capped below 1 so a fuzzy match is never mistaken for an exact one.
		const score = Math.min(similarity(key, candidate), 0.99);
		if (best === null || score > best.score) best = { key: candidate.key, score };
	}
	return best !== null && best.score >= INDICATOR_MATCH_THRESHOLD ? best : null;
}

/**
 * Assigns keys to a year's labels, reusing the candidates' keys one-to-one: exact matches first,
 * then fuzzy matches by decreasing score; labels left over get their own `indicatorKey`, made
 * unique with "-2", "-3" … when it is already taken.
 */
export function resolveIndicatorKeys(
	labels: string[],
	candidates: IndicatorCandidate[]
): ResolvedIndicator[] {
	const result: (ResolvedIndicator | null)[] = labels.map(() => null);
	const used = new Set<string>();
	labels.forEach((label, index) => {
		const key = indicatorKey(label);
		const exact = candidates.find((c) => !used.has(c.key) && isExact(key, c));
		if (exact === undefined) return;
		used.add(exact.key);
		result[index] = { label, key: exact.key, match: 'exact', score: 1 };
	});
	const pairs: { index: number; key: string; score: number; order: number }[] = [];
	labels.forEach((label, index) => {
		if (result[index] !== null) return;
		candidates.forEach((candidate, order) => {
			const score = Math.min(similarity(indicatorKey(label), candidate), 0.99);
			if (score >= INDICATOR_MATCH_THRESHOLD)
				pairs.push({ index, key: candidate.key, score, order });
		});
	});
	pairs.sort((a, b) => b.score - a.score || a.index - b.index || a.order - b.order);
	for (const pair of pairs) {
		if (result[pair.index] !== null || used.has(pair.key)) continue;
		used.add(pair.key);
		const label = labels[pair.index] ?? '';
		result[pair.index] = { label, key: pair.key, match: 'fuzzy', score: pair.score };
	}
	for (const candidate of candidates) used.add(candidate.key);
	return result.map((resolved, index) => {
		if (resolved !== null) return resolved;
		const label = labels[index] ?? '';
		const base = indicatorKey(label);
		let key = base;
		for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
		used.add(key);
		return { label, key, match: 'new', score: 0 };
	});
}

/**
 * Moves a label to another year by replacing the year in it: ("Renja 2021", 2021, 2022) →
 * "Renja 2022". Other numbers, and labels without that year, are left as they are.
 */
export function labelForYear(label: string, fromYear: number, toYear: number): string {
	const year = new RegExp(`(?<!\\d)${fromYear}(?!\\d)`, 'g');
	return label.replace(year, String(toYear));
}
