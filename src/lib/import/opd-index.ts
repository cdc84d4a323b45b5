/**
 * Matching written OPD names against a roster through an index, so a row looks at a few
 * candidates instead of every OPD (a 100-row file against a 40,000-OPD roster: milliseconds).
 *
 * How a name is decided, in order; the first step that finds anything decides:
 * 1. exact: the name's key (`opdMatchKey`, also the parts outside/inside brackets) equals the key
 *    of an OPD's name, short name, printed name or alias → that OPD (score 1). Two OPDs → ambiguous.
 * 2. short forms: the key without "Dinas"/"Badan" ("Dinas Kominfo" → "kominfo") equals a key, or
 *    the name is a customary abbreviation of a known Kota Serang OPD (KNOWN_OPDS) → that OPD
 *    (score 0.95). Two OPDs → ambiguous.
 * 3. fuzzy: the OPDs sharing the most character trigrams with the name (a shortlist, from an
 *    inverted index) are scored by word and bigram similarity, typo-tolerant per word. The best at
 *    or above OPD_MATCH_THRESHOLD wins, unless another OPD scores within AMBIGUITY_MARGIN of it:
 *    then ambiguous, never a silent pick.
 * 4. otherwise, when the name's words all appear in two or more OPDs' names ("Sekretariat",
 *    "Badan Daerah"), ambiguous; else no match, with up to three suggestions.
 *
 * Why an own trigram index rather than a fuzzy-search library: the scoring must stay the one the
 * app already uses (word + bigram Dice, thresholds the tests pin), and libraries such as fuse.js
 * score every record of the collection per query (a linear Bitap scan), which is the all-pairs
 * cost this module exists to avoid. Postings lists of very common trigrams ("kec", "din") are
 * skipped, so a lookup touches only the entries that share a rare part of the name.
 */
import {
	knownIndexOfNormalized,
	knownOpdIndex,
	normalizeOpdName,
	normalizeOpdNameOnce,
	OPD_MATCH_THRESHOLD
} from './opd-names';
import { lookupKeys, matchKeyOfNormalized, withoutKindWord } from './opd-normalize';
import { bigramDice } from './similarity';

/** An OPD the index may answer with: its key and the names (and aliases) it is written as. */
export interface IndexedOpd {
	key: string;
	/** Master name first (shown in messages), then short and printed names. */
	names: readonly string[];
	/** Aliases typed in the OPD master. */
	aliases?: readonly string[];
}

/** What a written name resolves to. */
export type OpdLookup =
	| {
			kind: 'match';
			key: string;
			score: number;
			exact: boolean;
			/** The step that decided: exact name, exact alias, short form/known OPD, or fuzzy. */
			via: 'name' | 'alias' | 'short' | 'fuzzy';
	  }
	/** Two or more OPDs fit equally well: `keys` best first (at most MAX_LISTED), `count` all. */
	| { kind: 'ambiguous'; keys: string[]; count: number }
	/** Nothing fits; `suggestions` are the closest OPDs (at most three), best first. */
	| { kind: 'none'; suggestions: string[] };

export interface OpdIndex {
	lookup(name: string): OpdLookup;
	/** Builds now what the first fuzzy or short-form lookup would (a matcher prepared ahead). */
	prepare(): void;
	/** Work done so far: lookups, and candidate names scored by the fuzzy step (all lookups). */
	readonly stats: { lookups: number; scored: number };
}

/** Two fuzzy scores closer than this are too close to call. */
export const AMBIGUITY_MARGIN = 0.03;
/** Candidate names the fuzzy step scores per lookup. */
export const SHORTLIST_SIZE = 40;
/** OPDs named in an ambiguity. */
export const MAX_LISTED = 5;
const SUGGESTION_FLOOR = 0.45;
const FUZZY_CAP = 0.94;
const SOFT_WORD = 0.75;

interface ExactHit {
	/** The OPDs written so, in roster order, each once (mostly one: an array, not a Set). */
	opds: number[];
	alias: boolean;
}

/**
 * A word's character trigrams (padded by a space each side) as numbers: an ASCII trigram packs
 * into a small integer, any other into a larger one, so the postings map keys no strings. The
 * same trigrams as the strings `padded.slice(i, i + 3)` would be, one number each.
 */
function trigrams(words: readonly string[]): Set<number> {
	const grams = new Set<number>();
	for (const word of words) addTrigrams(word, grams);
	return grams;
}

const SPACE = 32;

function addTrigrams(word: string, into: { add(gram: number): unknown }): void {
	let a = SPACE;
	let b = word.length ? word.charCodeAt(0) : SPACE;
	for (let i = 1; i <= word.length; i++) {
		const c = i < word.length ? word.charCodeAt(i) : SPACE;
		into.add(
			a < 128 && b < 128 && c < 128
				? (a << 14) | (b << 7) | c
				: 2 ** 21 + a * 2 ** 32 + b * 2 ** 16 + c
		);
		a = b;
		b = c;
	}
}

/**
 * Dice on words where two words of 4+ letters whose bigram Dice is at least 0.75 count as the
 * same word ("kecamatn" ~ "kecamatan"); distinct names ("serang"/"kasemen") stay apart.
 */
function softWordDice(a: readonly string[], b: readonly string[]): number {
	const setA = [...new Set(a)];
	const restB = [...new Set(b)];
	const total = setA.length + restB.length;
	if (total === 0) return 1;
	let shared = 0;
	const restA: string[] = [];
	for (const word of setA) {
		const at = restB.indexOf(word);
		if (at >= 0) {
			shared++;
			restB.splice(at, 1);
		} else restA.push(word);
	}
	for (const word of restA) {
		if (word.length < 4) continue;
		const at = restB.findIndex((w) => w.length >= 4 && bigramDice([word], [w]) >= SOFT_WORD);
		if (at >= 0) {
			shared++;
			restB.splice(at, 1);
		}
	}
	return (2 * shared) / total;
}

const AREA_WORDS = new Set(['kecamatan', 'kelurahan']);

/**
 * Fuzzy similarity in [0, 0.94] of two keys' words (below an exact or short-form match). Areas
 * ("Kecamatan X", "Kelurahan X") compare by place name alone once the kind word agrees: the
 * shared "kecamatan" would otherwise carry "Kecamatan Serang Baru" to Kecamatan Serang.
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
	const [headA, ...placeA] = a;
	const [headB, ...placeB] = b;
	if (
		headA !== undefined &&
		headB !== undefined &&
		placeA.length > 0 &&
		placeB.length > 0 &&
		(AREA_WORDS.has(headA) || AREA_WORDS.has(headB))
	) {
		const sameKind = headA === headB || softWordDice([headA], [headB]) === 1;
		if (!sameKind) return 0;
		return similarity(placeA, placeB);
	}
	return similarity(a, b);
}

function similarity(a: readonly string[], b: readonly string[]): number {
	return Math.min((softWordDice(a, b) + bigramDice([...a], [...b])) / 2, FUZZY_CAP);
}

/**
 * Builds the index once per roster; `lookup` then answers each row. Only the exact-name map is
 * built up front (one normalisation per name): most rows of a file match a name exactly, so the
 * known-OPD map and the fuzzy postings are built on the first lookup that needs them. A 100-row
 * file against a 40,000-OPD roster then pays for the postings once, and an exact-only file never.
 */
export function createOpdIndex(opds: readonly IndexedOpd[]): OpdIndex {
	const exact = new Map<string, ExactHit>();
	// Fuzzy entries: one per distinct (OPD, key).
	const entryOpd: number[] = [];
	const entryKeys: string[] = [];

	// A handful of keys per OPD: a reused list is cheaper than a Set each.
	const seen: string[] = [];
	for (let o = 0; o < opds.length; o++) {
		const { names, aliases = [] } = opds[o]!;
		seen.length = 0;
		for (let t = 0; t < names.length + aliases.length; t++) {
			const alias = t >= names.length;
			const key = matchKeyOfNormalized(
				normalizeOpdNameOnce(alias ? aliases[t - names.length]! : names[t]!)
			);
			if (key === '' || seen.includes(key)) continue;
			seen.push(key);
			const hit = exact.get(key);
			if (hit) {
				if (!hit.opds.includes(o)) hit.opds.push(o);
				hit.alias &&= alias;
			} else exact.set(key, { opds: [o], alias });
			entryOpd.push(o);
			entryKeys.push(key);
		}
	}

	let knownMap: Map<number, Set<number>> | null = null;
	/** Known OPD (KNOWN_OPDS index) → the roster's OPDs written by one of its names. */
	function known(): Map<number, Set<number>> {
		if (knownMap) return knownMap;
		knownMap = new Map();
		for (let o = 0; o < opds.length; o++) {
			const opd = opds[o]!;
			for (const text of [...opd.names, ...(opd.aliases ?? [])]) {
				const k = knownIndexOfNormalized(normalizeOpdName(text));
				if (k !== null) knownMap.set(k, (knownMap.get(k) ?? new Set()).add(o));
			}
		}
		return knownMap;
	}

	interface Postings {
		gramCount: Int32Array;
		grams: Map<number, number[]>;
		/** A trigram in more entries than this says little ("kec", "din", "an "). */
		common: number;
		shared: Int32Array;
	}
	let postings: Postings | null = null;
	/** The trigram postings of every entry, for the fuzzy step (built once, on first need). */
	function fuzzyIndex(): Postings {
		if (postings) return postings;
		const n = entryKeys.length;
		const gramCount = new Int32Array(n);
		const grams = new Map<number, number[]>();
		// One entry's distinct trigrams; a reused list (a few dozen) instead of a Set per entry.
		const own: number[] = [];
		const distinct = { add: (gram: number) => own.includes(gram) || own.push(gram) };
		for (let e = 0; e < n; e++) {
			own.length = 0;
			// The key's words are separated by single spaces (opdMatchKey).
			for (const word of entryKeys[e]!.split(' ')) addTrigrams(word, distinct);
			gramCount[e] = own.length;
			for (const gram of own) {
				const list = grams.get(gram);
				if (list) list.push(e);
				else grams.set(gram, [e]);
			}
		}
		postings = {
			gramCount,
			grams,
			common: Math.max(64, Math.ceil(n / 16)),
			shared: new Int32Array(n)
		};
		return postings;
	}

	let wordPostings: Map<string, number[]> | null = null;
	/** Word → entries, for the containing step (built once, on first need). */
	function byWord(): Map<string, number[]> {
		if (wordPostings) return wordPostings;
		wordPostings = new Map();
		for (let e = 0; e < entryKeys.length; e++) {
			for (const word of new Set(entryKeys[e]!.split(' '))) {
				const list = wordPostings.get(word);
				if (list) list.push(e);
				else wordPostings.set(word, [e]);
			}
		}
		return wordPostings;
	}
	const stats = { lookups: 0, scored: 0 };

	function fromSet(opdSet: Set<number>, order: Map<number, number> = new Map()): string[] {
		return [...opdSet]
			.sort((a, b) => (order.get(b) ?? 0) - (order.get(a) ?? 0) || a - b)
			.map((o) => opds[o]!.key);
	}

	function decided(opdSet: Set<number>, score: number, via: 'name' | 'alias' | 'short'): OpdLookup {
		if (opdSet.size === 1) {
			const key = opds[[...opdSet][0]!]!.key;
			return { kind: 'match', key, score, exact: score === 1, via };
		}
		const keys = fromSet(opdSet);
		return { kind: 'ambiguous', keys: keys.slice(0, MAX_LISTED), count: keys.length };
	}

	/** Best fuzzy score per OPD among the shortlisted entries sharing rare trigrams. */
	function fuzzyScores(words: string[]): Map<number, number> {
		const { grams: gramPostings, gramCount, common, shared } = fuzzyIndex();
		const grams = [...trigrams(words)]
			.map((gram) => gramPostings.get(gram) ?? [])
			.filter((list) => list.length > 0)
			.sort((a, b) => a.length - b.length);
		// Every rare gram, and at least the three rarest even if common.
		const used = grams.filter((list, i) => list.length <= common || i < 3);
		const touched: number[] = [];
		for (const list of used) {
			for (const e of list) {
				if (shared[e] === 0) touched.push(e);
				shared[e]!++;
			}
		}
		const dice = (e: number) => (2 * shared[e]!) / (used.length + gramCount[e]!);
		const shortlist =
			touched.length <= SHORTLIST_SIZE
				? touched
				: touched.sort((a, b) => dice(b) - dice(a) || a - b).slice(0, SHORTLIST_SIZE);
		const scores = new Map<number, number>();
		for (const e of shortlist) {
			const score = nameSimilarity(words, entryKeys[e]!.split(' '));
			const o = entryOpd[e]!;
			if (score > (scores.get(o) ?? -1)) scores.set(o, score);
		}
		stats.scored += shortlist.length;
		for (const e of touched) shared[e] = 0;
		return scores;
	}

	/** OPDs with a name containing every word of the query. */
	function containing(words: string[]): Set<number> {
		const postingsOf = byWord();
		const lists = [...new Set(words)].map((w) => postingsOf.get(w) ?? []);
		lists.sort((a, b) => a.length - b.length);
		const [first, ...rest] = lists;
		const found = new Set<number>();
		if (!first) return found;
		const restSets = rest.map((list) => new Set(list));
		for (const e of first) if (restSets.every((s) => s.has(e))) found.add(entryOpd[e]!);
		return found;
	}

	function lookup(name: string): OpdLookup {
		stats.lookups++;
		// An empty roster (a first import) matches nothing: no need to read the name.
		if (opds.length === 0) return { kind: 'none', suggestions: [] };
		const keys = lookupKeys(name);
		if (keys.length === 0) return { kind: 'none', suggestions: [] };

		const exactOpds = new Set<number>();
		let allAlias = true;
		for (const key of keys) {
			const hit = exact.get(key);
			if (!hit) continue;
			for (const o of hit.opds) exactOpds.add(o);
			allAlias &&= hit.alias;
		}
		if (exactOpds.size > 0) return decided(exactOpds, 1, allAlias ? 'alias' : 'name');

		const shortOpds = new Set<number>();
		for (const key of keys) {
			const stripped = withoutKindWord(key);
			if (stripped !== null) for (const o of exact.get(stripped)?.opds ?? []) shortOpds.add(o);
			const k = knownOpdIndex(key) ?? (stripped === null ? null : knownOpdIndex(stripped));
			if (k !== null) for (const o of known().get(k) ?? []) shortOpds.add(o);
		}
		if (shortOpds.size > 0) return decided(shortOpds, 0.95, 'short');

		const words = keys[0]!.split(' ');
		const scores = fuzzyScores(words);
		const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
		const best = ranked[0];
		if (best && best[1] >= OPD_MATCH_THRESHOLD) {
			const close = ranked.filter(([, s]) => best[1] - s < AMBIGUITY_MARGIN);
			if (close.length === 1)
				return {
					kind: 'match',
					key: opds[best[0]]!.key,
					score: best[1],
					exact: false,
					via: 'fuzzy'
				};
			return decided(new Set(close.map(([o]) => o)), best[1], 'name');
		}

		const within = containing(words);
		if (within.size >= 2) {
			const keysOf = fromSet(within, scores);
			return { kind: 'ambiguous', keys: keysOf.slice(0, MAX_LISTED), count: keysOf.length };
		}
		const suggestions = [...within].map((o) => opds[o]!.key);
		for (const [o, s] of ranked) {
			if (suggestions.length >= 3 || s < SUGGESTION_FLOOR) break;
			if (!suggestions.includes(opds[o]!.key)) suggestions.push(opds[o]!.key);
		}
		return { kind: 'none', suggestions };
	}

	function prepare(): void {
		known();
		fuzzyIndex();
	}

	return { lookup, prepare, stats };
}
