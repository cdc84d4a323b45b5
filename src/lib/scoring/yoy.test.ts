import { describe, expect, it } from 'vitest';
import { scorePeriod } from './score';
import {
	DIP_2020,
	dipRubric,
	participants,
	ticks,
	ticksExcept
} from '../../../tests/support/scoring/fixtures';
import type { Cell } from './types';
import { compareYears, trend } from './yoy';

// 2020: 14 categories. 2021: 13 — LHKPN and Pengadaan dropped, Maklumat Pelayanan added.
const rubric2020 = dipRubric(DIP_2020);
const rubric2021 = dipRubric([
	...DIP_2020.filter(([key]) => key !== 'lhkpn' && key !== 'pengadaan'),
	['maklumat', 'Maklumat Pelayanan']
]);
const FIRST_SEVEN = ['profil', 'struktur', 'renstra', 'renja', 'lakip', 'lkpd', 'rka'];

const result2020 = scorePeriod(
	rubric2020,
	participants(['satpol-pp', 'Satpol PP'], ['bpbd', 'BPBD'], ['kasemen', 'Kecamatan Kasemen']),
	[
		// 14 of 14 = 100
		...ticksExcept(rubric2020, 'satpol-pp', []),
		// 7 of 14 = 50
		...ticks(rubric2020, 'bpbd', FIRST_SEVEN)
		// kasemen: no cells, 0, rank 3
	]
);
const result2021 = scorePeriod(
	rubric2021,
	participants(['satpol-pp', 'Satpol PP'], ['bpbd', 'BPBD'], ['bkpsdm', 'BKPSDM']),
	[
		// LKPD not applicable this year, Renja missing: 11 of 12 = 91.67
		...ticksExcept(rubric2021, 'satpol-pp', ['renja']).filter((c) => c.indicator !== 'lkpd'),
		{ opd: 'satpol-pp', indicator: 'lkpd', value: null, notApplicable: true } satisfies Cell,
		// 13 of 13 = 100
		...ticksExcept(rubric2021, 'bpbd', [])
		// bkpsdm: no cells, 0, rank 3
	]
);

describe('compareYears', () => {
	const yoy = compareYears(result2020, result2021);

	it('compares only the indicators both rubrics share', () => {
		expect(yoy.comparable).toEqual([
			'profil',
			'struktur',
			'renstra',
			'renja',
			'lakip',
			'lkpd',
			'rka',
			'dpa',
			'sop',
			'standar-pelayanan',
			'program',
			'regulasi'
		]);
		expect(yoy.onlyBefore).toEqual(['lhkpn', 'pengadaan']);
		expect(yoy.onlyAfter).toEqual(['maklumat']);
	});

	it('lists OPDs in both years by gain, then new, then gone', () => {
		expect(yoy.opds.map((o) => [o.opd, o.status, o.totalDelta, o.rankDelta])).toEqual([
			// 50 → 100, rank 2 → 1
			['bpbd', 'both', 50, 1],
			// 100 → 91.67, rank 1 → 2
			['satpol-pp', 'both', -8.33, -1],
			['bkpsdm', 'new', null, null],
			['kasemen', 'gone', null, null]
		]);
	});

	it('reports comparable indicators gained and lost, never through not-applicable', () => {
		const [bpbd, satpol, bkpsdm, kasemen] = yoy.opds;
		// Maklumat is new in 2021, so it is met but not "gained"
		expect(bpbd?.gained).toEqual(['dpa', 'sop', 'standar-pelayanan', 'program', 'regulasi']);
		expect(bpbd?.lost).toEqual([]);
		// LKPD was met in 2020 and is not applicable in 2021: not lost
		expect(satpol?.lost).toEqual(['renja']);
		expect(satpol?.gained).toEqual([]);
		expect(satpol?.before).toEqual({ rank: 1, displayTotal: 100, indicatorsMet: 14 });
		expect(satpol?.after).toEqual({ rank: 2, displayTotal: 91.67, indicatorsMet: 11 });
		expect(bkpsdm).toMatchObject({ before: null, gained: [], lost: [] });
		expect(kasemen).toMatchObject({ after: null, gained: [], lost: [] });
	});
});

describe('trend', () => {
	const years = [
		{ year: 2021, result: result2021 },
		{ year: 2020, result: result2020 }
	];

	it.each([
		[
			'satpol-pp',
			[
				{ year: 2020, displayTotal: 100, rank: 1, participants: 3 },
				{ year: 2021, displayTotal: 91.67, rank: 2, participants: 3 }
			]
		],
		[
			'kasemen',
			[
				{ year: 2020, displayTotal: 0, rank: 3, participants: 3 },
				{ year: 2021, displayTotal: null, rank: null, participants: 3 }
			]
		]
	])('follows %s oldest year first', (opd, expected) => {
		expect(trend(years, opd)).toEqual(expected);
	});
});
