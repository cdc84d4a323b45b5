import { describe, expect, it } from 'vitest';
import {
	AMBIGUITY_MARGIN,
	createOpdIndex,
	nameSimilarity,
	SHORTLIST_SIZE,
	type IndexedOpd
} from './opd-index';
import { guessShortName, OPD_MATCH_THRESHOLD, opdSlug } from './opd-names';
import { customaryAliases, opdMatchKey } from './opd-normalize';

/** The 33 OPDs of the seed reports (2020 and 2021), as the planner sees them after the seed. */
const SEED_NAMES = [
	'Satuan Polisi Pamong Praja Pemerintah Kota Serang',
	'Badan Perencanaan dan Pembangunan Pemerintah Kota Serang',
	'Dinas Komunikasi dan Informatika Kota Serang',
	'Dinas Pertanian Kota Serang',
	'Dinas Pariwisata, Kepemudaan, dan Olahraga Kota Serang',
	'Badan Pengelola Keuangan Aset Daerah Kota Serang',
	'Dinas Pekerjaan Umum dan Penataan Ruang Kota Serang',
	'Dinas Perdagangan Industri Koperasi & UMKM Kota Serang',
	'Inspektorat Kota Serang',
	'Dinas Ketenagakerjaan dan Transmigrasi Kota Serang',
	'Dinas Kependudukan dan Pencatatan Sipil Kota Serang',
	'Dinas Pemberdayaan Perempuan Perlindungan Anak dan Keluarga Berencana Kota Serang',
	'Kecamatan Serang Kota Serang',
	'Kecamatan Cipocok Jaya Kota Serang',
	'Kecamatan Curug Kota Serang',
	'Kecamatan Kasemen Kota Serang',
	'Kecamatan Taktakan Kota Serang',
	'Kecamatan Walantaka Kota Serang',
	'Dinas Penanaman Modal Pelayanan Terpadu Satu Pintu Kota Serang',
	'Badan Pelayanan Barang dan Jasa Kota Serang',
	'Dinas Kesehatan Kota Serang',
	'Dinas Sosial Kota Serang',
	'Sekretariat Daerah Kota Serang',
	'Badan Kepegawaian Pengembangan Sumber Daya Manusia',
	'Dinas Lingkungan Hidup Kota Serang',
	'Dinas Perhubungan Kota Serang',
	'Dinas Pendidikan dan Kebudayaan Kota Serang',
	'Badan Penanggulangan Bencana Daerah Kota Serang',
	'Kesatuan Bangsa dan Politik Kota Serang',
	'Sekretariat DPRD Kota Serang',
	'Dinas Perumahan Rakyat dan Kawasan Permukiman Kota Serang',
	'Dinas Perpustakaan dan Arsip Daerah Kota Serang',
	'Badan Pendapatan Daerah Kota Serang',
	'Korps Pegawai Republik Indonesia Kota Serang'
];

function seedRoster(): IndexedOpd[] {
	return SEED_NAMES.map((name) => {
		const shortName = guessShortName(name);
		return {
			key: opdSlug(name),
			names: [name, shortName],
			aliases: customaryAliases(name, shortName)
		};
	});
}

describe('opdMatchKey', () => {
	it.each([
		['Kec. Walantaka', 'kecamatan walantaka'],
		['KECAMATAN  walantaka', 'kecamatan walantaka'],
		['Kecamatan Kasemen Kota', 'kecamatan kasemen'],
		['Kecamatan Kasemen Kota\nSerang', 'kecamatan kasemen'],
		['Dinas Kesehatan Kota Serang', 'dinas kesehatan'],
		['Pemkot Serang Dinas Sosial', 'dinas sosial'],
		['Badan Pengelola Keuangan & Aset Daerah', 'badan pengelola keuangan aset daerah'],
		['Satpol-PP.', 'satpol pp'],
		['Kota Serang', 'kota serang'],
		['  ', '']
	])('%j → %j', (name, key) => {
		expect(opdMatchKey(name)).toBe(key);
	});
});

describe('matching real spellings against the seed OPDs', () => {
	const index = createOpdIndex(seedRoster());

	it.each([
		['Dinkes', 'dinas-kesehatan'],
		['DINKES', 'dinas-kesehatan'],
		['Dinas Kesehatan', 'dinas-kesehatan'],
		['Dinas Kesehatan Kota Serang', 'dinas-kesehatan'],
		['Dinas Kesehatan (Dinkes)', 'dinas-kesehatan'],
		['Setda', 'sekretariat-daerah'],
		['Sekretariat Daerah Pemerintah Kota Serang', 'sekretariat-daerah'],
		['Setwan', 'sekretariat-dprd'],
		['Sekwan', 'sekretariat-dprd'],
		['Sekretariat DPRD', 'sekretariat-dprd'],
		['Disdikbud', 'dinas-pendidikan-dan-kebudayaan'],
		['Dindikbud', 'dinas-pendidikan-dan-kebudayaan'],
		['Dinas Pendidikan & Kebudayaan', 'dinas-pendidikan-dan-kebudayaan'],
		['Bappeda', 'badan-perencanaan-dan-pembangunan'],
		['Badan Perencanaan Pembangunan Daerah', 'badan-perencanaan-dan-pembangunan'],
		['BPBD', 'badan-penanggulangan-bencana-daerah'],
		['bpbd kota serang', 'badan-penanggulangan-bencana-daerah'],
		['Satpol PP', 'satuan-polisi-pamong-praja'],
		['SATPOL-PP', 'satuan-polisi-pamong-praja'],
		['Satuan Polisi Pamong Praja', 'satuan-polisi-pamong-praja'],
		['Kec. Walantaka', 'kecamatan-walantaka'],
		['Kecamatan Walantaka', 'kecamatan-walantaka'],
		['kec walantaka', 'kecamatan-walantaka'],
		['Kecamatan Kasemen Kota', 'kecamatan-kasemen'],
		['Kecamatan Kasemen Kota Serang', 'kecamatan-kasemen'],
		['Kecamatn Curug', 'kecamatan-curug'],
		['Diskominfo', 'dinas-komunikasi-dan-informatika'],
		['Dinas Kominfo Kota Serang', 'dinas-komunikasi-dan-informatika'],
		['Kominfo', 'dinas-komunikasi-dan-informatika'],
		['Dinas Komunikasi dan Informatka', 'dinas-komunikasi-dan-informatika'],
		['Dinas PUPR', 'dinas-pekerjaan-umum-dan-penataan-ruang'],
		['Dukcapil', 'dinas-kependudukan-dan-pencatatan-sipil'],
		['Disnaker', 'dinas-ketenagakerjaan-dan-transmigrasi'],
		['Dinas Tenaga Kerja dan Transmigrasi', 'dinas-ketenagakerjaan-dan-transmigrasi'],
		['Badan Pengelolaan Keuangan dan Aset Daerah', 'badan-pengelola-keuangan-aset-daerah'],
		['BKPSDM', 'badan-kepegawaian-pengembangan-sumber-daya-manusia'],
		['Bakesbangpol', 'kesatuan-bangsa-dan-politik'],
		['Dispusip', 'dinas-perpustakaan-dan-arsip-daerah'],
		['Disperkim', 'dinas-perumahan-rakyat-dan-kawasan-permukiman'],
		['Inspektorat Daerah', 'inspektorat'],
		['Korpri', 'korps-pegawai-republik-indonesia']
	])('%j → %s', (name, key) => {
		const found = index.lookup(name);
		expect(found).toMatchObject({ kind: 'match', key });
	});

	it.each([
		['Kecamatan Serang', 'kecamatan-serang'],
		['Kecamatan Kasemen', 'kecamatan-kasemen'],
		['Kecamatan Taktakan', 'kecamatan-taktakan'],
		['Dinas Perhubungan', 'dinas-perhubungan'],
		['Dinas Pertanian', 'dinas-pertanian']
	])('near-miss: %j goes to its own OPD only (%s)', (name, key) => {
		expect(index.lookup(name)).toMatchObject({ kind: 'match', key, exact: true });
	});

	it.each([
		'Kecamatan Karang Tanjung',
		'Kecamatan Serang Baru',
		'Dinas Perikanan',
		'Dinas Pemadam Kebakaran',
		'Badan Pendidikan',
		'Kasemen',
		'RSUD',
		'Kota Serang',
		''
	])('near-miss: %j matches no OPD', (name) => {
		expect(index.lookup(name).kind).toBe('none');
	});

	it.each([
		['Sekretariat', ['sekretariat-daerah', 'sekretariat-dprd']],
		['Sekretariat Kota Serang', ['sekretariat-daerah', 'sekretariat-dprd']],
		[
			'Badan Daerah',
			[
				'badan-pengelola-keuangan-aset-daerah',
				'badan-penanggulangan-bencana-daerah',
				'badan-pendapatan-daerah'
			]
		]
	])('ambiguous: %j names its candidates', (name, keys) => {
		const found = index.lookup(name);
		expect(found.kind).toBe('ambiguous');
		if (found.kind === 'ambiguous') {
			expect([...found.keys].sort()).toEqual([...keys].sort());
			expect(found.count).toBe(keys.length);
		}
	});

	it.each([
		['Dinas Perdagangan', 'dinas-perdagangan-industri-koperasi-dan-umkm'],
		['Kec. Cipocok', 'kecamatan-cipocok-jaya'],
		['Kecamatan Kasemenn Baru', 'kecamatan-kasemen']
	])('%j is not matched but suggests %s', (name, key) => {
		const found = index.lookup(name);
		expect(found.kind).toBe('none');
		if (found.kind === 'none') expect(found.suggestions.slice(0, 3)).toContain(key);
	});
});

describe('ambiguity is reported, never picked', () => {
	it('one alias on two OPDs (a roster that allowed it) is ambiguous', () => {
		const index = createOpdIndex([
			{ key: 'a', names: ['Dinas Sosial'], aliases: ['Dinsos'] },
			{ key: 'b', names: ['Dinas Sosial Lama'], aliases: ['Dinsos'] }
		]);
		expect(index.lookup('DINSOS')).toEqual({ kind: 'ambiguous', keys: ['a', 'b'], count: 2 });
	});

	it('two names equally close to a typo are ambiguous', () => {
		const index = createOpdIndex([
			{ key: 'kasemen', names: ['Kelurahan Kasemen'] },
			{ key: 'kasemin', names: ['Kelurahan Kasemin'] }
		]);
		const found = index.lookup('Kelurahan Kasemen Baru');
		expect(found.kind).not.toBe('match');
		expect(index.lookup('Kelurahan Kasemen')).toMatchObject({ kind: 'match', key: 'kasemen' });
	});

	it('an alias decides over a fuzzy look-alike, and marks how it matched', () => {
		const index = createOpdIndex([
			{ key: 'dinkes', names: ['Dinas Kesehatan'], aliases: ['Dinas Kesehatan Masyarakat'] },
			{ key: 'dinsos', names: ['Dinas Sosial'] }
		]);
		expect(index.lookup('Dinas Kesehatan Masyarakat')).toMatchObject({
			kind: 'match',
			key: 'dinkes',
			via: 'alias',
			exact: true
		});
	});
});

/**
 * Distinct made-up words of five syllables, spread over the alphabet: word i is the base-26
 * number (i · 7919 + 13) mod 26⁵ spelled in syllables (7919 is coprime to 26, so no repeats).
 */
function syllableWords(count: number): string[] {
	const syllables = ['ba', 'ci', 'du', 'ge', 'ho', 'ja', 'ki', 'lu', 'me', 'no', 'pa', 'ri', 'su'];
	const more = ['ta', 'wu', 'ya', 'ng', 'ra', 'mo', 'le', 'si', 'tu', 'de', 'ka', 'po', 'ne'];
	const all = [...syllables, ...more];
	return Array.from({ length: count }, (_, i) => {
		let n = (i * 7919 + 13) % 26 ** 5;
		let word = '';
		for (let d = 0; d < 5; d++, n = Math.floor(n / 26)) word += all[n % 26];
		return word;
	});
}

/** A 40,000-OPD roster: the seed OPDs plus synthetic dinas, badan, kecamatan and kelurahan. */
function bigRoster(size = 40_000): IndexedOpd[] {
	const roster = seedRoster();
	const words = syllableWords(size);
	const kinds = ['Dinas', 'Badan', 'Kecamatan', 'Kelurahan'];
	for (let i = roster.length; i < size; i++) {
		const word = words[i]!;
		const name = `${kinds[i % 4]} ${word[0]!.toUpperCase()}${word.slice(1)} Kota Serang`;
		roster.push({ key: `opd-${i}`, names: [name] });
	}
	return roster;
}

/** The all-pairs answer for a fuzzy row: every OPD scored, the same threshold and margin. */
function scanAll(
	roster: { key: string; words: string[] }[],
	name: string
): { kind: string; keys: string[] } {
	const words = opdMatchKey(name).split(' ');
	const scored = roster
		.map((opd) => ({ key: opd.key, score: nameSimilarity(words, opd.words) }))
		.sort((a, b) => b.score - a.score);
	const best = scored[0]!;
	if (best.score < OPD_MATCH_THRESHOLD) return { kind: 'none', keys: [] };
	const close = scored.filter((s) => best.score - s.score < AMBIGUITY_MARGIN);
	return { kind: close.length === 1 ? 'match' : 'ambiguous', keys: close.map((s) => s.key).sort() };
}

describe('a 100-row file against a 40,000-OPD roster (pure, no database)', () => {
	const roster = bigRoster();
	const index = createOpdIndex(roster);
	const rows = Array.from({ length: 100 }, (_, i) => {
		const opd = roster[1000 + i * 389]!;
		const name = opd.names[0]!;
		// A third exact, a third upper case with "Kec."/"Kel.", a third missing a letter.
		const written =
			i % 3 === 0
				? name
				: i % 3 === 1
					? name.toUpperCase().replace('KECAMATAN', 'KEC.').replace('KELURAHAN', 'KEL.')
					: name.replace(
							/(\w+) Kota Serang$/,
							(_, w: string) => `${w.slice(0, 3)}${w.slice(4)} Kota Serang`
						);
		return { name: written, key: opd.key, typo: i % 3 === 2 };
	});

	it('finds every exact row, and the seed names, looking at few candidates per row', () => {
		const before = index.stats.scored;
		const clean = [
			...rows.filter((r) => !r.typo),
			{ name: 'Dinkes', key: 'dinas-kesehatan' },
			{ name: 'Kec. Walantaka', key: 'kecamatan-walantaka' }
		];
		const wrong = clean
			.map((row) => ({ ...row, found: index.lookup(row.name) }))
			.filter(({ key, found }) => found.kind !== 'match' || found.key !== key);
		expect(wrong).toEqual([]);
		expect(index.stats.scored - before).toBe(0);
	});

	it('answers each misspelt row as a scan of all 40,000 OPDs would, scoring at most 40 names', () => {
		const typos = rows.filter((r) => r.typo);
		const rosterWords = roster.map((o) => ({
			key: o.key,
			words: opdMatchKey(o.names[0]!).split(' ')
		}));
		const before = index.stats.scored;
		let matched = 0;
		for (const row of typos) {
			const found = index.lookup(row.name);
			const keys =
				found.kind === 'match' ? [found.key] : found.kind === 'ambiguous' ? found.keys : [];
			// The full scan is slow (that is the point): check it on every third row.
			if (typos.indexOf(row) % 3 === 0)
				expect({ kind: found.kind, keys: [...keys].sort() }).toEqual(
					scanAll(rosterWords, row.name)
				);
			// Right or reported as ambiguous with the right OPD named: never another OPD silently.
			expect(keys).toContain(row.key);
			if (found.kind === 'match') matched++;
		}
		expect(matched).toBeGreaterThan(typos.length * 0.8);
		expect(index.stats.scored - before).toBeLessThanOrEqual(typos.length * SHORTLIST_SIZE);
	});
});

describe('names outside ASCII, and the index built on first need', () => {
	const CYRILLIC: Record<string, string> = Object.fromEntries(
		[...'abcdeghijklmnoprstuwy'].map((c, i) => [c, 'абцдегхийклмнопрстувы'[i]!])
	);
	const cyrillic = (word: string) => [...word].map((c) => CYRILLIC[c] ?? c).join('');

	it('answers misspelt names in another script as a scan of every OPD would', () => {
		const words = syllableWords(3000);
		const roster: IndexedOpd[] = words.map((w, i) => ({
			key: `opd-${i}`,
			names: [`Dinas ${cyrillic(w)} Kota Serang`]
		}));
		const index = createOpdIndex(roster);
		const rosterWords = roster.map((o) => ({
			key: o.key,
			words: opdMatchKey(o.names[0]!).split(' ')
		}));
		for (let i = 7; i < 3000; i += 97) {
			const w = cyrillic(words[i]!);
			const typo = `Dinas ${w.slice(0, 4)}${w.slice(5)}`;
			const found = index.lookup(typo);
			const keys =
				found.kind === 'match' ? [found.key] : found.kind === 'ambiguous' ? found.keys : [];
			expect({ kind: found.kind, keys: [...keys].sort() }).toEqual(scanAll(rosterWords, typo));
			expect(keys).toContain(`opd-${i}`);
		}
	});

	it('gives the same answers whichever kind of lookup comes first', () => {
		const names = [
			'Dinas Kesehatan Kota Serang',
			'Dinas Kesehatn',
			'Satpol PP',
			'Dinkes',
			'Sekretariat',
			'Kec. Walantaka',
			'Badan Antariksa',
			'Kecamatan Kasemenn Baru'
		];
		const forward = createOpdIndex(seedRoster());
		const backward = createOpdIndex(seedRoster());
		const answers = names.map((n) => forward.lookup(n));
		const reversed = [...names].reverse().map((n) => backward.lookup(n));
		expect(reversed.reverse()).toEqual(answers);
		expect(answers.map((a) => a.kind)).toEqual([
			'match',
			'match',
			'match',
			'match',
			'ambiguous',
			'match',
			'none',
			'none'
		]);
	});
});
