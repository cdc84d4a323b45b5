/**
 * The key an OPD name is matched by. Builds on `normalizeOpdName` (case, punctuation, "&" → "dan",
 * "Kec."/"Kel." expanded, a trailing "Kota Serang" / "Pemerintah Kota Serang" dropped) and adds
 * the rules that only matter for matching, so slugs of new OPDs stay as they were:
 * - "dan" is dropped ("Keuangan dan Aset" = "Keuangan Aset");
 * - a trailing lone "Kota" is dropped: a report row wrapped as "Kecamatan Kasemen Kota" / "Serang"
 *   and cut at the wrap still names Kecamatan Kasemen;
 * - a leading "Pemerintah Kota Serang" / "Pemkot Serang" is dropped ("Pemkot Serang Dinas Sosial").
 * Pure and deterministic.
 */
import { KNOWN_OPDS } from './known-opds';
import { knownOpdIndex, normalizeOpdName } from './opd-names';

const DROPPED_WORDS = new Set(['dan']);
const PREFIXES = ['pemerintah kota serang ', 'pemkot serang '];
/** First words that only say what kind of body follows ("Dinas Kominfo" → "kominfo"). */
const KIND_WORDS = new Set(['dinas', 'badan', 'kantor', 'kecamatan', 'kelurahan']);

/**
 * Normalised matching key of a written OPD name; '' when nothing is left.
 *
 * @example opdMatchKey('Kec. Walantaka') // 'kecamatan walantaka'
 * @example opdMatchKey('Kecamatan Kasemen Kota') // 'kecamatan kasemen'
 * @example opdMatchKey('BADAN PENGELOLA KEUANGAN & ASET DAERAH') // 'badan pengelola keuangan aset daerah'
 */
export function opdMatchKey(name: string): string {
	return matchKeyOfNormalized(normalizeOpdName(name));
}

/** {@link opdMatchKey} of a name already normalised by `normalizeOpdName`. */
export function matchKeyOfNormalized(normalized: string): string {
	let key = normalized;
	for (const prefix of PREFIXES) if (key.startsWith(prefix)) key = key.slice(prefix.length);
	const words = key.split(' ').filter((w) => w !== '' && !DROPPED_WORDS.has(w));
	if (words.length > 2 && words[words.length - 1] === 'kota') words.pop();
	return words.join(' ');
}

/**
 * The key without its leading kind word ("dinas kominfo" → "kominfo"), for names that put
 * "Dinas"/"Badan" before an abbreviation; null when the key has no such word or nothing after it.
 */
export function withoutKindWord(key: string): string | null {
	const space = key.indexOf(' ');
	if (space < 0 || !KIND_WORDS.has(key.slice(0, space))) return null;
	return key.slice(space + 1);
}

/**
 * The keys a written name is looked up by: the whole name, and, for "Dinas Kesehatan (Dinkes)",
 * the part outside the brackets and the part inside.
 */
export function lookupKeys(name: string): string[] {
	const keys = [opdMatchKey(name)];
	const bracket = /^(.*?)\(([^)]*)\)(.*)$/.exec(name);
	if (bracket) keys.push(opdMatchKey(`${bracket[1]} ${bracket[3]}`), opdMatchKey(bracket[2]!));
	return [...new Set(keys.filter((k) => k !== ''))];
}

/**
 * The customary other spellings of a known Kota Serang OPD (KNOWN_OPDS: "Disdikbud" for Dinas
 * Pendidikan dan Kebudayaan, "Sekwan" for Sekretariat DPRD), minus those that already match its
 * name or short name; the seed stores them as aliases. [] for an OPD that is not known.
 */
export function customaryAliases(name: string, shortName: string): string[] {
	const k = knownOpdIndex(name);
	const known = k === null ? undefined : KNOWN_OPDS[k];
	if (!known) return [];
	const taken = new Set([opdMatchKey(name), opdMatchKey(shortName)]);
	const aliases: string[] = [];
	for (const alias of [known.short, ...known.aliases]) {
		const key = opdMatchKey(alias);
		if (key === '' || taken.has(key)) continue;
		taken.add(key);
		aliases.push(alias);
	}
	return aliases;
}
