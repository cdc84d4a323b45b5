import { describe, expect, it } from 'vitest';
import { parseCellFields, readCellValue } from './cell';
import { parseId } from './form';

describe('parseCellFields', () => {
	it.each([
		[
			{ value: '1', version: '3' },
			{ value: 1, notApplicable: false, expectedVersion: 3 }
		],
		[
			{ value: '', version: '0' },
			{ value: null, notApplicable: false, expectedVersion: 0 }
		],
		[
			{ value: 'NA', version: '2' },
			{ value: null, notApplicable: true, expectedVersion: 2 }
		],
		[
			{ value: '2', version: '1', evidenceUrl: ' https://x.go.id ', note: '' },
			{ value: 2, evidenceUrl: 'https://x.go.id', note: null }
		]
	])('parses %j', (input, expected) => {
		const parsed = parseCellFields(input);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.cell).toMatchObject(expected);
	});

	it.each([
		[{ value: '1', version: '' }],
		[{ value: '1', version: '-1' }],
		[{ value: 'ya', version: '1' }],
		[{ value: '1.5', version: '1' }]
	])('refuses %j', (input) => {
		expect(parseCellFields(input).ok).toBe(false);
	});

	it.each([
		[{ value: '1', version: 'x' }, 'Versi sel tidak valid: muat ulang halaman.'],
		[{ value: '1', version: '99999999999999999999' }, 'Versi sel tidak valid: muat ulang halaman.'],
		// The version is checked first: a stale form is reloaded before its values matter.
		[{ value: 'ya', version: '' }, 'Versi sel tidak valid: muat ulang halaman.'],
		[{ value: ' YA ', version: '1' }, 'Nilai "ya" bukan bilangan bulat.'],
		[
			{ value: '1', version: '1', evidenceUrl: 'ftp://x.go.id' },
			'Tautan bukti harus alamat http:// atau https:// ("ftp://x.go.id" bukan).'
		],
		[
			{ value: 'ya', version: '1', evidenceUrl: 'ftp://x.go.id' },
			'Nilai "ya" bukan bilangan bulat.'
		]
	])('refuses %j with the message of its first bad field', (input, message) => {
		expect(parseCellFields(input)).toEqual({ ok: false, message });
	});

	it('reads suffixed fields of the per-OPD form and leaves absent ones undefined', () => {
		const parsed = parseCellFields({ value_7: '1', version_7: '0' }, '_7');
		expect(parsed).toEqual({
			ok: true,
			cell: {
				value: 1,
				notApplicable: false,
				expectedVersion: 0,
				evidenceUrl: undefined,
				note: undefined,
				reason: undefined
			}
		});
	});
});

describe('readCellValue', () => {
	it.each([
		['', { ok: true, value: null }],
		[' NA ', { ok: true, value: -1 }],
		['3', { ok: true, value: 3 }],
		[' Ya', { ok: false, message: 'Nilai "ya" bukan bilangan bulat.' }],
		['-1', { ok: false, message: 'Nilai "-1" bukan bilangan bulat.' }]
	])('%j → %j', (raw, expected) => expect(readCellValue(raw)).toEqual(expected));
});

describe('length limits', () => {
	const link = (n: number) => 'https://x.go.id/' + 'a'.repeat(n - 16);
	it.each([
		[{ note: 'n'.repeat(2001) }, 'Catatan terlalu panjang: 2.001 karakter, paling banyak 2.000.'],
		[
			{ reason: 'r'.repeat(2001) },
			'Alasan perubahan terlalu panjang: 2.001 karakter, paling banyak 2.000.'
		],
		[{ evidenceUrl: link(2049) }, /^Tautan bukti paling panjang 2048 karakter/],
		[{ evidenceUrl: 'x'.repeat(9 * 1024 * 1024) }, /^Tautan bukti terlalu panjang/]
	])('refuses %#', (fields, message) => {
		const parsed = parseCellFields({ value: '1', version: '1', ...fields });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.message).toMatch(message);
	});

	it('accepts text at the limit', () => {
		const parsed = parseCellFields({
			value: '1',
			version: '1',
			note: 'n'.repeat(2000),
			reason: 'r'.repeat(2000),
			evidenceUrl: `${link(2048)}\n${link(2048)}`
		});
		expect(parsed.ok).toBe(true);
	});
});

describe('parseId', () => {
	it.each([
		['5', 5],
		['0', null],
		['x', null],
		['1e1', null],
		['-3', null],
		[' 7 ', 7],
		[undefined, null]
	])('%j → %j', (raw, expected) => expect(parseId(raw)).toBe(expected));
});
