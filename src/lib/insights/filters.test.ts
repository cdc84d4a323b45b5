import { describe, expect, it } from 'vitest';
import { saqRubric } from '../../../tests/support/scoring/fixtures';
import { FIVE } from './fixtures';
import {
	aspectOptions,
	filterQuery,
	kindOptions,
	parseFilter,
	pickYears,
	restrictionOf
} from './filters';

const q = (text: string) => new URLSearchParams(text);
const roster = [
	{ slug: 'a', kind: 'kecamatan' },
	{ slug: 'b', kind: 'dinas' },
	{ slug: 'c', kind: 'kecamatan' },
	{ slug: 'd', kind: 'kelurahan' }
];

describe('options', () => {
	it('lists the kinds present with counts, known kinds first, unknown by name', () => {
		expect(kindOptions(roster).map((o) => [o.value, o.count])).toEqual([
			['dinas', 1],
			['kecamatan', 2],
			['kelurahan', 1]
		]);
		expect(kindOptions(roster)[2]?.label).toBe('kelurahan');
	});

	it('lists the indicator groups that hold indicators', () => {
		expect(aspectOptions(saqRubric()).map((o) => o.value)).toEqual([
			'jenis',
			'digitalisasi',
			'kualitas',
			'pelayanan',
			'komitmen',
			'sarana',
			'visitasi'
		]);
	});
});

describe('parseFilter', () => {
	const kinds = kindOptions(roster);
	it.each([
		['', saqRubric(), { kind: null, aspect: null }],
		['jenis=dinas&aspek=jenis', saqRubric(), { kind: 'dinas', aspect: 'jenis' }],
		['jenis=kota&aspek=nope', saqRubric(), { kind: null, aspect: null }],
		// One group: nothing to filter by.
		['aspek=dip', FIVE, { kind: null, aspect: null }]
	])('reads %j', (text, rubric, expected) => {
		expect(parseFilter(q(text), kinds, aspectOptions(rubric))).toEqual(expected);
	});

	it('turns a kind into the set of its OPDs', () => {
		expect([...(restrictionOf({ kind: 'kecamatan', aspect: null }, roster).opds ?? [])]).toEqual([
			'a',
			'c'
		]);
		expect(restrictionOf({ kind: null, aspect: 'x' }, roster)).toEqual({ opds: null, aspect: 'x' });
	});

	it('writes the query string back', () => {
		expect(filterQuery({ kind: null, aspect: null })).toBe('');
		expect(filterQuery({ kind: 'dinas', aspect: null }, { before: 2020, after: 2021 })).toBe(
			'?jenis=dinas&dari=2020&ke=2021'
		);
	});
});

describe('pickYears', () => {
	it.each([
		['', [2021, 2019, 2020], { before: 2020, after: 2021 }],
		['dari=2019&ke=2021', [2019, 2020, 2021], { before: 2019, after: 2021 }],
		['dari=2021&ke=2019', [2019, 2020, 2021], { before: 2020, after: 2021 }],
		['dari=2018&ke=2021', [2019, 2020, 2021], { before: 2020, after: 2021 }],
		['', [2021], null]
	])('%j of %j', (text, years, expected) => {
		expect(pickYears(q(text), years)).toEqual(expected);
	});

	it.each([
		// The dashboard of 2021 compares 2020 → 2021 even when 2022 exists.
		[2021, [2019, 2020, 2021, 2022], { before: 2020, after: 2021 }],
		[2022, [2019, 2020, 2021, 2022], { before: 2021, after: 2022 }],
		// The earliest year has no previous one: it is compared with the next.
		[2019, [2019, 2020, 2021], { before: 2019, after: 2020 }]
	])(
		'by default the dashboard of %i compares the year before it (%j)',
		(current, years, expected) => {
			expect(pickYears(q(''), years, current)).toEqual(expected);
		}
	);
});
