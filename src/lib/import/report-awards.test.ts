import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportAwards } from './report-awards';

const seed = (file: string) => readFileSync(`data/seeds/${file}`, 'utf8');

describe('parseReportAwards', () => {
	it('reads the numbered list of the 2021 report', () => {
		expect(parseReportAwards(seed('000_98cb80431292019a.txt'))).toEqual([
			{
				position: 1,
				title: 'OPD terbaik I',
				list: 'OPD terbaik',
				name: 'Satpol PP Kota Serang',
				points: 250
			},
			{
				position: 2,
				title: 'OPD terbaik II',
				list: 'OPD terbaik',
				name: 'BPBD Kota Serang',
				points: 219
			},
			{
				position: 3,
				title: 'OPD terbaik III',
				list: 'OPD terbaik',
				name: 'BKPSDM Kota Serang',
				points: 102
			}
		]);
	});

	it('reads the sentence of the 2020 report', () => {
		expect(parseReportAwards(seed('001_fa7482990baaa3fb.txt'))).toEqual([
			{
				position: 1,
				title: 'OPD teraktif I',
				list: 'OPD teraktif',
				name: 'Satuan Polisi Pamong Praja',
				points: 396
			},
			{
				position: 2,
				title: 'OPD teraktif II',
				list: 'OPD teraktif',
				name: 'Kecamatan Kasemen',
				points: 284
			},
			{
				position: 3,
				title: 'OPD teraktif III',
				list: 'OPD teraktif',
				name: 'Diskominfo Kota Serang',
				points: 154
			}
		]);
	});

	it('reads nothing rather than a wrong list', () => {
		expect(parseReportAwards('Tidak ada penghargaan tahun ini.')).toEqual([]);
		// The sentence announces three but names two: misread, so nothing.
		expect(
			parseReportAwards(
				'dengan 3 OPD teraktif dan perolehan nilai antara lain, Dinas A dengan 10 point & Dinas B dengan 5 point.'
			)
		).toEqual([]);
	});
});
