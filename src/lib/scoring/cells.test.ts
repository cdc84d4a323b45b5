import { describe, expect, it } from 'vitest';
import { checkCells } from './cells';
import { flatRubric } from './rubric';
import { participants } from '../../../tests/support/scoring/fixtures';
import type { Cell } from './types';

const rubric = flatRubric([
	{ key: 'renja', label: 'Renja' },
	{ key: 'kualitas', label: 'Kualitas', kind: 'scale', weight: 3, maxLevel: 4 },
	{ key: 'berita', label: 'Berita', kind: 'count', weight: 2, pointsPerUnit: 0.5, cap: 2 }
]);
const list = participants(['bpbd', 'BPBD']);

describe('checkCells', () => {
	it.each<[string, Cell, string[]]>([
		['a present check', { opd: 'bpbd', indicator: 'renja', value: 1 }, []],
		['a not assessed check', { opd: 'bpbd', indicator: 'renja', value: null }, []],
		['a top scale level', { opd: 'bpbd', indicator: 'kualitas', value: 4 }, []],
		['a count above the cap', { opd: 'bpbd', indicator: 'berita', value: 12 }, []],
		[
			'a check of 2',
			{ opd: 'bpbd', indicator: 'renja', value: 2 },
			['OPD "bpbd", indikator "renja": nilai harus 0 (tidak ada) atau 1 (ada) (tercatat 2).']
		],
		[
			'a scale level of 1.5',
			{ opd: 'bpbd', indicator: 'kualitas', value: 1.5 },
			['OPD "bpbd", indikator "kualitas": level harus bilangan bulat 0 sampai 4 (tercatat 1,5).']
		],
		[
			'a scale level above the top',
			{ opd: 'bpbd', indicator: 'kualitas', value: 5 },
			['OPD "bpbd", indikator "kualitas": level harus bilangan bulat 0 sampai 4 (tercatat 5).']
		],
		[
			'a negative count',
			{ opd: 'bpbd', indicator: 'berita', value: -1 },
			['OPD "bpbd", indikator "berita": jumlah tidak boleh negatif (tercatat -1).']
		],
		[
			'an unknown OPD',
			{ opd: 'dinkes', indicator: 'renja', value: 1 },
			['OPD "dinkes", indikator "renja": OPD tidak terdaftar pada periode ini.']
		],
		[
			'an unknown indicator',
			{ opd: 'bpbd', indicator: 'lhkpn', value: 7 },
			['OPD "bpbd", indikator "lhkpn": indikator tidak ada di rubrik.']
		]
	])('reports %s', (_name, cell, problems) => {
		expect(checkCells(rubric, list, [cell])).toEqual(problems);
	});

	it('reports duplicate cells and participants', () => {
		const cells: Cell[] = [
			{ opd: 'bpbd', indicator: 'renja', value: 1 },
			{ opd: 'bpbd', indicator: 'renja', value: 0 }
		];
		expect(checkCells(rubric, [...list, ...list], cells)).toEqual([
			'OPD "bpbd" terdaftar lebih dari sekali.',
			'OPD "bpbd", indikator "renja": dinilai lebih dari sekali; yang terakhir dipakai.'
		]);
	});
});
