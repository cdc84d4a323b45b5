/**
 * OPD matching: a 100-row file against a 40,000-OPD roster, the old matcher (exact map, then a
 * fuzzy scan of every OPD) against the index (opd-index.ts), in the same process and run.
 * Pure, no database. Run: `npx tsx scripts/bench/opd-match.ts [roster size] [rows]`.
 */
import { createOpdIndex, createOpdMatcher, type IndexedOpd } from '../../src/lib/import';

const SYLLABLES = ['ba', 'ci', 'du', 'ge', 'ho', 'ja', 'ki', 'lu', 'me', 'no', 'pa', 'ri', 'su'];
const ALL = [
	...SYLLABLES,
	'ta',
	'wu',
	'ya',
	'ng',
	'ra',
	'mo',
	'le',
	'si',
	'tu',
	'de',
	'ka',
	'po',
	'ne'
];

/** Distinct made-up place words (the same generator as the unit test's roster). */
function word(i: number): string {
	let n = (i * 7919 + 13) % 26 ** 5;
	let w = '';
	for (let d = 0; d < 5; d++, n = Math.floor(n / 26)) w += ALL[n % 26];
	return w;
}

function roster(size: number): IndexedOpd[] {
	const kinds = ['Dinas', 'Badan', 'Kecamatan', 'Kelurahan'];
	return Array.from({ length: size }, (_, i) => {
		const w = word(i);
		return {
			key: `opd-${i}`,
			names: [`${kinds[i % 4]} ${w[0]!.toUpperCase()}${w.slice(1)} Kota Serang`]
		};
	});
}

/** Rows: a third exact, a third upper case with "KEC."/"KEL.", a third missing a letter. */
function rows(opds: IndexedOpd[], count: number): string[] {
	return Array.from({ length: count }, (_, i) => {
		const name = opds[(1000 + i * 389) % opds.length]!.names[0]!;
		if (i % 3 === 0) return name;
		if (i % 3 === 1)
			return name.toUpperCase().replace('KECAMATAN', 'KEC.').replace('KELURAHAN', 'KEL.');
		return name.replace(
			/(\w+) Kota Serang$/,
			(_, w: string) => `${w.slice(0, 3)}${w.slice(4)} Kota Serang`
		);
	});
}

const size = Number(process.argv[2] ?? 40_000);
const count = Number(process.argv[3] ?? 100);
const opds = roster(size);
const names = rows(opds, count);

let started = performance.now();
const index = createOpdIndex(opds);
const built = performance.now() - started;
started = performance.now();
const fromIndex = names.map((n) => index.lookup(n));
const indexed = performance.now() - started;

started = performance.now();
const old = createOpdMatcher(opds.map((o) => ({ key: o.key, names: [...o.names] })));
const fromOld = names.map((n) => old(n));
const scanned = performance.now() - started;

const agree = fromIndex.filter((f, i) => f.kind === 'match' && f.key === fromOld[i]?.key).length;
console.log(
	JSON.stringify(
		{
			roster: size,
			rows: count,
			indexBuildMs: Math.round(built),
			indexLookupMs: Math.round(indexed),
			indexTotalMs: Math.round(built + indexed),
			namesScoredByIndex: index.stats.scored,
			oldMatcherMs: Math.round(scanned),
			matchedByIndex: fromIndex.filter((f) => f.kind === 'match').length,
			ambiguousByIndex: fromIndex.filter((f) => f.kind === 'ambiguous').length,
			matchedByOld: fromOld.filter((m) => m !== null).length,
			sameAnswer: agree
		},
		null,
		2
	)
);
