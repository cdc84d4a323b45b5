import { describe, expect, it } from 'vitest';
import { pickTrend, TREND_CHOICES, type TrendChoice } from './trend-pick';

const line = (name: string, rank: number | null, earlier: number | null = 3) => ({
	opd: name.toLowerCase(),
	name,
	totals: [50, rank === null ? null : 100 - rank],
	ranks: [earlier, rank]
});

// Twelve OPDs ranked 1..11 in the latest year (two share 4th), one missing from it.
const lines = [
	line('Lima', 5),
	line('Satu', 1),
	line('Dua', 2),
	line('Tiga', 3),
	line('Empat B', 4),
	line('Empat A', 4),
	line('Tujuh', 7),
	line('Delapan', 8),
	line('Sembilan', 9),
	line('Sepuluh', 10),
	line('Sebelas', 11),
	line('Absen', null, 1)
];

describe('pickTrend', () => {
	it.each<[TrendChoice, string[]]>([
		['top5', ['Satu', 'Dua', 'Tiga', 'Empat A', 'Empat B']],
		[
			'top10',
			[
				'Satu',
				'Dua',
				'Tiga',
				'Empat A',
				'Empat B',
				'Lima',
				'Tujuh',
				'Delapan',
				'Sembilan',
				'Sepuluh'
			]
		],
		['bottom5', ['Tujuh', 'Delapan', 'Sembilan', 'Sepuluh', 'Sebelas']],
		[
			'all',
			[
				'Satu',
				'Dua',
				'Tiga',
				'Empat A',
				'Empat B',
				'Lima',
				'Tujuh',
				'Delapan',
				'Sembilan',
				'Sepuluh',
				'Sebelas',
				'Absen'
			]
		]
	])('%s', (choice, names) => {
		expect(pickTrend(lines, choice).map((l) => l.name)).toEqual(names);
	});

	it('takes what there is when there are fewer OPDs than asked', () => {
		expect(pickTrend(lines.slice(0, 3), 'top10').map((l) => l.name)).toEqual([
			'Satu',
			'Dua',
			'Lima'
		]);
		expect(pickTrend([], 'bottom5')).toEqual([]);
	});

	it('ranks by the year the dashboard shows when told', () => {
		// In the first column every OPD has rank 3 except "Absen" (1): it leads, the rest by name.
		expect(pickTrend(lines, 'top5', 0).map((l) => l.name)).toEqual([
			'Absen',
			'Delapan',
			'Dua',
			'Empat A',
			'Empat B'
		]);
	});

	it('does not change the input order', () => {
		const before = lines.map((l) => l.name);
		pickTrend(lines, 'top5');
		expect(lines.map((l) => l.name)).toEqual(before);
	});

	it('offers the ten best first', () => {
		expect(TREND_CHOICES[0]).toEqual({ value: 'top10', label: '10 teratas' });
	});
});
