import { describe, expect, it } from 'vitest';
import { parseAwardCsv } from './award-csv';
import { readPoints } from './points';

describe('parseAwardCsv', () => {
	it('reads rows after an optional header, with Indonesian decimals and notes', () => {
		const text =
			'\uFEFFdaftar;posisi;opd;nilai;catatan\n' +
			'OPD terbaik;1;Satpol PP;250;\n\n' +
			'OPD terbaik;2;BPBD;"87,5";naik dari 2020\n' +
			'Website terbaik;1;Diskominfo;;\n';
		expect(parseAwardCsv(text)).toEqual({
			errors: [],
			rows: [
				{
					line: 2,
					list: 'OPD terbaik',
					position: 1,
					opdName: 'Satpol PP',
					points: 250,
					note: null
				},
				{
					line: 4,
					list: 'OPD terbaik',
					position: 2,
					opdName: 'BPBD',
					points: 87.5,
					note: 'naik dari 2020'
				},
				{
					line: 5,
					list: 'Website terbaik',
					position: 1,
					opdName: 'Diskominfo',
					points: null,
					note: null
				}
			]
		});
	});

	it('names every bad row and what is wrong with it', () => {
		const { errors } = parseAwardCsv(
			'OPD terbaik,1,Satpol PP,250\n,0,,banyak\nOPD terbaik,2,satpol pp,1\n'
		);
		expect(errors).toEqual([
			{
				line: 2,
				message:
					'judul daftar kosong; posisi "0" bukan bilangan bulat 1 atau lebih; nama OPD kosong; nilai "banyak" bukan angka'
			},
			{ line: 3, message: 'OPD "satpol pp" sudah ada di daftar "OPD terbaik" pada baris 1' }
		]);
		expect(parseAwardCsv('daftar,posisi,opd\n').errors).toEqual([
			{ line: 0, message: 'berkas tidak berisi baris penghargaan' }
		]);
	});

	it.each([
		['250', 250],
		['87,5', 87.5],
		['1.250,5', 1250.5],
		['12.5', 12.5],
		['dua', null],
		['1,2,3', null]
	])('reads points %s as %s', (text, value) => {
		expect(readPoints(text)).toBe(value);
	});
});
