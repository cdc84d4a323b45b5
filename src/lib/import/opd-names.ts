/**
 * OPD names: normalising, slugs, kind and short-name guesses, and fuzzy matching of a name
 * written in a file ("Kec. Kasemen", "Satpol PP") to the OPDs already known.
 */
import type { OpdKind } from '../insights/filters';
import { KNOWN_OPDS } from './known-opds';
import { wordSimilarity } from './similarity';

/** Kinds of OPD the app groups results by (declared in insights/filters.ts). */
export type { OpdKind };

/** An OPD that a written name may refer to: a stable key and every name it is known by. */
export interface OpdCandidate {
	key: string;
	names: string[];
}

/** The best candidate for a name; `exact` when the normalised names are identical. */
export interface OpdMatch {
	key: string;
	score: number;
	exact: boolean;
}

/**
 * Trailing words that do not tell OPDs apart, longest first. They are dropped repeatedly, so
 * "… Pemerintah Kota Serang" and "… Kota Serang" both reduce to the OPD's own name.
 */
export const OPD_NAME_SUFFIXES: readonly string[] = [
	'pemerintah kota serang',
	'pemkot serang',
	'kota serang',
	'pemerintah'
];

/** Minimum fuzzy score for `matchOpd` to accept a candidate. */
export const OPD_MATCH_THRESHOLD = 0.8;

const ABBREVIATED_WORDS: Record<string, string> = { kec: 'kecamatan', kel: 'kelurahan' };

// "dan" is dropped when comparing: "Keuangan dan Aset" and "Keuangan Aset" name the same body.
const STOPWORDS = new Set(['dan']);

function stripDiacritics(text: string): string {
	// Plain ASCII has nothing to strip (the usual case): skip the Unicode normalisation.
	if (/^[\x20-\x7e]*$/.test(text)) return text;
	return text.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/**
 * Normalises an OPD name for comparison: lower case, "&" → "dan", punctuation removed, spaces
 * collapsed, "kec."/"kel." expanded, and trailing "Kota Serang"-like suffixes dropped.
 *
 * @example normalizeOpdName('Kec. Kasemen') // 'kecamatan kasemen'
 * @example normalizeOpdName('Satuan Polisi Pamong Praja Pemerintah Kota Serang')
 *   // 'satuan polisi pamong praja'
 */
export function normalizeOpdName(
	name: string,
	suffixes: readonly string[] = OPD_NAME_SUFFIXES
): string {
	// An import normalises each name several times (duplicate check, match, slug, short name);
	// the common case (default suffixes) is remembered, bounded so memory stays flat.
	if (suffixes !== OPD_NAME_SUFFIXES) return normalizeUncached(name, suffixes);
	let normalized = NORMALIZED.get(name);
	if (normalized === undefined) {
		if (NORMALIZED.size >= NORMALIZED_LIMIT) NORMALIZED.clear();
		normalized = normalizeUncached(name, suffixes);
		NORMALIZED.set(name, normalized);
	}
	return normalized;
}

/**
 * {@link normalizeOpdName} (default suffixes) without the memo: for a roster's names, each
 * normalised once, which would only fill the memo and the heap.
 */
export function normalizeOpdNameOnce(name: string): string {
	return NORMALIZED.get(name) ?? normalizeUncached(name, OPD_NAME_SUFFIXES);
}

const NORMALIZED = new Map<string, string>();
const NORMALIZED_LIMIT = 200_000;

function normalizeUncached(name: string, suffixes: readonly string[]): string {
	const plain = stripDiacritics(name).toLowerCase().replace(/&/g, ' dan ').replace(/['’`]/g, '');
	// ASCII text (the usual case) takes the cheaper non-Unicode pattern; the result is the same.
	const words = (
		/^[\x20-\x7e]*$/.test(plain)
			? plain.replace(/[^a-z0-9]+/g, ' ')
			: plain.replace(/[^\p{L}\p{N}]+/gu, ' ')
	)
		.trim()
		.split(' ')
		.filter((word) => word !== '')
		.map((word) => ABBREVIATED_WORDS[word] ?? word);
	let normalized = words.join(' ');
	let stripped = true;
	while (stripped) {
		stripped = false;
		for (const suffix of suffixes) {
			if (normalized.endsWith(` ${suffix}`)) {
				normalized = normalized.slice(0, -suffix.length - 1);
				stripped = true;
			}
		}
	}
	return normalized;
}

/** ASCII, lower-case, hyphen-separated slug: "Kecamatan Kasemen" → "kecamatan-kasemen". */
export function slugify(text: string): string {
	return stripDiacritics(text)
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** Stable URL/database key of an OPD: the slug of its normalised name. */
export function opdSlug(name: string): string {
	return slugify(normalizeOpdName(name));
}

function compareForm(normalized: string): string {
	return normalized
		.split(' ')
		.filter((word) => !STOPWORDS.has(word))
		.join(' ');
}

// Compare form of every known full name, short name and alias → index in KNOWN_OPDS.
const KNOWN_INDEX = new Map<string, number>();
KNOWN_OPDS.forEach((opd, index) => {
	for (const text of [opd.short, ...opd.aliases, ...opd.names]) {
		KNOWN_INDEX.set(compareForm(normalizeOpdName(text)), index);
	}
});

/** Index in KNOWN_OPDS of the known OPD a name (full, short or alias) refers to, or null. */
export function knownOpdIndex(name: string): number | null {
	return knownIndexOf(name);
}

function knownIndexOf(name: string): number | null {
	return knownIndexOfNormalized(normalizeOpdName(name));
}

/** {@link knownOpdIndex} of a name already normalised by `normalizeOpdName`. */
export function knownIndexOfNormalized(normalized: string): number | null {
	return KNOWN_INDEX.get(compareForm(normalized)) ?? null;
}

function kindFromWords(normalized: string): OpdKind {
	const first = normalized.split(' ')[0] ?? '';
	if (first === 'dinas' || first === 'badan' || first === 'kecamatan') return first;
	if (first === 'sekretariat') return 'sekretariat';
	return 'lainnya';
}

/**
 * Guesses the kind of an OPD from its name ("Badan …" → badan, "Sekretariat …" → sekretariat);
 * short names are looked up ("BPBD" → badan). Inspektorat, Satpol PP, Kesbangpol, Korpri and
 * anything unknown → lainnya.
 */
export function guessOpdKind(name: string): OpdKind {
	const own = kindFromWords(normalizeOpdName(name));
	if (own !== 'lainnya') return own;
	const known = knownIndexOf(name);
	const fullName = known === null ? undefined : KNOWN_OPDS[known]?.names[0];
	return fullName === undefined ? 'lainnya' : kindFromWords(normalizeOpdName(fullName));
}

function titleCase(words: string): string {
	return words.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => {
		return space + letter.toUpperCase();
	});
}

/**
 * Guesses the customary short name of a Kota Serang OPD ("Dinas Komunikasi dan Informatika Kota
 * Serang" → "Diskominfo", "Kecamatan Curug Kota Serang" → "Kec. Curug"); falls back to the full
 * name, whitespace collapsed.
 */
export function guessShortName(name: string): string {
	const known = knownIndexOf(name);
	const short = known === null ? undefined : KNOWN_OPDS[known]?.short;
	if (short !== undefined) return short;
	const normalized = normalizeOpdName(name);
	const area = /^(kecamatan|kelurahan) (.+)$/.exec(normalized);
	if (area?.[1] !== undefined && area[2] !== undefined) {
		return `${area[1] === 'kecamatan' ? 'Kec.' : 'Kel.'} ${titleCase(area[2])}`;
	}
	return name.replace(/\s+/g, ' ').trim();
}

function scoreNames(
	query: string,
	queryKnown: number | null,
	candidate: string
): { score: number; exact: boolean } {
	const normalized = normalizeOpdName(candidate);
	if (normalized === query) return { score: 1, exact: true };
	const queryForm = compareForm(query);
	const candidateForm = compareForm(normalized);
	if (queryForm === candidateForm) return { score: 0.98, exact: false };
	if (queryKnown !== null && queryKnown === knownIndexOf(candidate)) {
		return { score: 0.95, exact: false };
	}
	// Capped below the short-name score: same words in another order are not the same name.
	const fuzzy = wordSimilarity(queryForm.split(' '), candidateForm.split(' '));
	return { score: Math.min(fuzzy, 0.94), exact: false };
}

/**
 * Finds the OPD a written name refers to: an identical normalised name (exact), the same known
 * OPD under a short name ("Satpol PP", "BPBD"), or a fuzzy word/bigram similarity of at least
 * OPD_MATCH_THRESHOLD. Returns the best candidate (the first one on a tie), or null.
 */
export function matchOpd(name: string, candidates: OpdCandidate[]): OpdMatch | null {
	// Nothing to match (a first import into an empty database): no need to read the name.
	if (candidates.length === 0) return null;
	const query = normalizeOpdName(name);
	if (query === '') return null;
	const queryKnown = knownIndexOf(name);
	let best: OpdMatch | null = null;
	for (const candidate of candidates) {
		for (const candidateName of candidate.names) {
			const { score, exact } = scoreNames(query, queryKnown, candidateName);
			if (best === null || score > best.score) best = { key: candidate.key, score, exact };
		}
	}
	return best !== null && best.score >= OPD_MATCH_THRESHOLD ? best : null;
}

/**
 * A matcher over a fixed candidate list for many lookups (an import of thousands of rows):
 * identical normalised names are found in a map, and only the rest pay for the fuzzy scan.
 * Gives the same answer as {@link matchOpd} for every name.
 */
export function createOpdMatcher(candidates: OpdCandidate[]): (name: string) => OpdMatch | null {
	const exact = new Map<string, string>();
	for (const candidate of candidates) {
		for (const candidateName of candidate.names) {
			const normalized = normalizeOpdName(candidateName);
			if (normalized !== '' && !exact.has(normalized)) exact.set(normalized, candidate.key);
		}
	}
	return (name) => {
		const key = exact.get(normalizeOpdName(name));
		return key !== undefined ? { key, score: 1, exact: true } : matchOpd(name, candidates);
	};
}
