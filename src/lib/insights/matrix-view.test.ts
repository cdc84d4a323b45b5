import { describe, expect, it } from 'vitest';
import {
	filterBySearch,
	marksFor,
	matchesSearch,
	opdCards,
	pageOf,
	readPage,
	readSearch,
	searchWords,
	type Searchable
} from './matrix-view';

const opd = (name: string, slug: string) => ({ name, slug });
const rows = [
	opd('Dinas Kesehatan', 'dinas-kesehatan'),
	opd('Dinas Komunikasi, Informatika, Statistik dan Persandian', 'dinas-komunikasi-informatika'),
	opd('Kecamatan Walantaka', 'kecamatan-walantaka'),
	opd('Badan Pengelolaan Keuangan & Aset Daerah', 'bpkad'),
	opd('Satuan Polisi Pamong Praja', 'satpol-pp'),
	opd('Sekretariat Daerah Kota Serang', 'sekretariat-daerah')
];

describe('matchesSearch', () => {
	it.each([
		['', 'every row', 6],
		['   ', 'blank is no filter', 6],
		['dinas', 'a word', 2],
		['DINAS', 'any case', 2],
		['kes', 'a word start', 1],
		['dinas kes', 'two words', 1],
		['kes dinas', 'in any order', 1],
		['kec. walantaka', 'kec. spelled out', 1],
		['kec walantaka', 'kec without a dot', 1],
		['walantaka', 'the place alone', 1],
		['keuangan dan aset', '& as dan', 1],
		['keuangan & aset', '& in the search too', 1],
		['bpkad', 'the slug', 1],
		['satpol', 'a slug word', 1],
		['kota serang', 'the city words are part of a name', 1],
		['informatika,', 'punctuation ignored', 1],
		['lantaka', 'inside a word is not a start', 0],
		['dinas walantaka', 'every word must match', 0],
		['kesehatan-', 'trailing punctuation', 1]
	])('%j (%s) → %i rows', (search, _why, count) => {
		expect(filterBySearch(rows, search)).toHaveLength(count);
	});

	it('keeps the roster order', () => {
		expect(filterBySearch(rows, 'a').map((r) => r.slug)).toEqual(
			rows.filter((r) => matchesSearch(r, 'a')).map((r) => r.slug)
		);
	});

	it('also finds an OPD by one of its aliases (short or former names)', () => {
		const [dinkes, kominfo, walantaka, bpkad] = rows as [
			Searchable,
			Searchable,
			Searchable,
			Searchable
		];
		const withAliases: Searchable[] = [
			{ ...dinkes, aliases: ['Dinkes', 'Dinas Kesehatan Kota Serang'] },
			{ ...kominfo, aliases: ['Diskominfo', 'Kominfo'] },
			{ ...bpkad, aliases: ['DPPKAD'] },
			walantaka
		];
		const found = (search: string) => filterBySearch(withAliases, search).map((r) => r.slug);
		expect(found('dinkes')).toEqual(['dinas-kesehatan']);
		expect(found('KOMINFO')).toEqual(['dinas-komunikasi-informatika']);
		expect(found('diskom')).toEqual(['dinas-komunikasi-informatika']);
		expect(found('dppkad')).toEqual(['bpkad']);
		// Every word must answer the name or one alias: not a mix of two aliases.
		expect(found('dinkes kominfo')).toEqual([]);
		expect(found('walantaka')).toEqual(['kecamatan-walantaka']);
		expect(found('dinkes')).toHaveLength(filterBySearch(rows, 'dinkes').length + 1);
	});

	it('normalises the search like an OPD name', () => {
		expect(searchWords(' Kec.  Walantaka ')).toEqual(['kecamatan', 'walantaka']);
		expect(searchWords('—')).toEqual([]);
	});
});

describe('readSearch / readPage', () => {
	it.each([
		[null, ''],
		[undefined, ''],
		['  dinkes ', 'dinkes'],
		['x'.repeat(200), 'x'.repeat(80)]
	])('search %j → %j', (raw, expected) => expect(readSearch(raw)).toBe(expected));
	it.each([
		[null, 1],
		['', 1],
		['3', 3],
		['0', 1],
		['-2', 1],
		['2.5', 1],
		['abc', 1]
	])('page %j → %i', (raw, expected) => expect(readPage(raw)).toBe(expected));
});

describe('marksFor', () => {
	it.each([
		[
			{ kind: 'check' as const },
			['1', '0', 'na', ''],
			['ada', 'tidak ada', 'tidak berlaku', 'belum dinilai']
		],
		[
			{ kind: 'scale' as const, maxLevel: 2, levelLabels: ['Tidak ada', 'Sebagian', 'Lengkap'] },
			['0', '1', '2', 'na', ''],
			['Tidak ada', 'Sebagian', 'Lengkap', 'tidak berlaku', 'belum dinilai']
		],
		[
			{ kind: 'scale' as const, maxLevel: 1 },
			['0', '1', 'na', ''],
			['level 0', 'level 1', 'tidak berlaku', 'belum dinilai']
		],
		[{ kind: 'count' as const }, ['na', ''], ['tidak berlaku', 'belum dinilai']]
	])('%j', (ind, fields, labels) => {
		const marks = marksFor(ind);
		expect(marks.map((m) => m.field)).toEqual(fields);
		expect(marks.map((m) => m.label)).toEqual(labels);
	});
	it('gives each field its compact value', () => {
		expect(marksFor({ kind: 'check' }).map((m) => m.value)).toEqual([1, 0, -1, null]);
		expect(marksFor({ kind: 'check' }).map((m) => m.symbol)).toEqual(['√', '✗', 'TB', '–']);
	});
});

describe('pageOf', () => {
	const items = Array.from({ length: 23 }, (_, i) => i);
	it.each([
		[1, [0, 9], 3, 1],
		[2, [10, 19], 3, 2],
		[3, [20, 22], 3, 3],
		[9, [20, 22], 3, 3],
		[0, [0, 9], 3, 1]
	])('page %i', (page, [first, last], pages, current) => {
		const p = pageOf(items, page, 10);
		expect([p.items[0], p.items.at(-1), p.pages, p.page]).toEqual([first, last, pages, current]);
		expect(p.from).toBe(first);
	});
	it('an empty list is one empty page', () => {
		expect(pageOf([], 4)).toEqual({ items: [], page: 1, pages: 1, from: 0 });
	});
});

describe('opdCards', () => {
	const indicators = [{ id: 10 }, { id: 11 }, { id: 12 }];
	const matrix = [
		{ id: 1, slug: 'a', name: 'A', v: [1, null, -1], ver: [2, 0, 1], s: [1, 1, null] },
		{ id: 2, slug: 'b', name: 'B', v: [null, null, null], ver: [0, 0, 0], s: [null, null, null] }
	];
	it('lists each OPD’s indicators with value, version, self-assessment and lock', () => {
		const cards = opdCards(matrix, indicators, (opd, ind) =>
			opd === 2 && ind === 12 ? 'Terkunci' : null
		);
		expect(cards.map((c) => [c.slug, c.assessed])).toEqual([
			['a', 2],
			['b', 0]
		]);
		expect(
			cards[0]!.cells.map((c) => [c.indicator.id, c.value, c.version, c.self, c.differs, c.lock])
		).toEqual([
			[10, 1, 2, 1, false, null],
			[11, null, 0, 1, true, null],
			[12, -1, 1, null, false, null]
		]);
		expect(cards[1]!.cells.map((c) => c.lock)).toEqual([null, null, 'Terkunci']);
	});
	it('lays local edits over the loaded values', () => {
		const cards = opdCards(matrix, indicators, undefined, (row, c) =>
			row.id === 1 && c === 1 ? 1 : (row.v[c] ?? null)
		);
		expect(cards[0]!.cells[1]!.value).toBe(1);
		expect(cards[0]!.cells[1]!.differs).toBe(false);
		expect(cards[0]!.assessed).toBe(3);
	});
});
