import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import type { YearResult } from './dashboard';
import { resultOf } from './fixtures';
import { buildOpdPage, isHttpUrl } from './opd-page';

const rubric = flatRubric([
	{ key: 'a', label: 'A' },
	{ key: 'b', label: 'B' },
	{ key: 'c', label: 'C' },
	{ key: 'd', label: 'D' }
]);
const year = (y: number, rows: [string, string, string[]][]): YearResult => ({
	year: y,
	title: `Monev ${y}`,
	status: 'published',
	roster: rows.map(([slug, name], i) => ({
		slug,
		kind: 'dinas',
		shortName: slug.toUpperCase(),
		displayName: `${name} ${y}`,
		displayNumber: i + 1
	})),
	result: resultOf(rubric, rows)
});
const years = [
	year(2019, [['p', 'P', ['a']]]),
	year(2021, [
		['p', 'P', ['a', 'b', '-d']],
		['q', 'Q', ['a', 'b', 'c', 'd']]
	]),
	year(2020, [['q', 'Q', []]])
];

describe('buildOpdPage', () => {
	it('is null for an OPD or year not in the data', () => {
		expect(buildOpdPage(years, 2021, 'nobody')).toBeNull();
		expect(buildOpdPage(years, 2020, 'p')).toBeNull();
		expect(buildOpdPage(years, 2018, 'p')).toBeNull();
	});

	it('summarises the year with the printed name, cells, gaps and explanation', () => {
		const page = buildOpdPage(years, 2021, 'p', [
			{
				indicator: 'c',
				evidenceUrl: null,
				note: 'Tautan mati',
				selfEvidenceUrl: 'https://x.go.id',
				selfNote: null
			}
		])!;
		expect(page.name).toBe('P 2021');
		expect(page.summary).toMatchObject({ rank: 2, displayTotal: 66.67, indicatorsApplicable: 3 });
		expect(page.cells.map((c) => [c.key, c.met, c.notApplicable])).toEqual([
			['a', true, false],
			['b', true, false],
			['c', false, false],
			['d', false, true]
		]);
		expect(page.cells[2]?.detail?.note).toBe('Tautan mati');
		expect(page.cells[0]?.detail).toBeNull();
		expect(page.gaps.gaps.map((g) => g.key)).toEqual(['c']);
		expect(page.explanation.at(-1)).toMatch(/^Nilai akhir: 66,67/);
	});

	it('gives the history across every year, null where the OPD was absent', () => {
		const page = buildOpdPage(years, 2021, 'p')!;
		expect(page.history.map((h) => [h.year, h.displayTotal, h.rank, h.qualification])).toEqual([
			[2019, 25, 1, 'Tidak Informatif'],
			[2020, null, null, null],
			[2021, 66.67, 2, 'Cukup Informatif']
		]);
		expect(page.years).toEqual([2019, 2021]);
	});

	it('adds the years known only by their size as rows without the OPD, in year order', () => {
		const shown = years.filter((y) => y.year !== 2020);
		const page = buildOpdPage(shown, 2021, 'p', [], [{ year: 2020, participants: 7 }])!;
		expect(page).toEqual({
			...buildOpdPage(years, 2021, 'p')!,
			history: buildOpdPage(years, 2021, 'p')!.history.map((h) =>
				h.year === 2020 ? { ...h, participants: 7 } : h
			)
		});
		expect(page.history[1]).toEqual({
			year: 2020,
			displayTotal: null,
			rank: null,
			participants: 7,
			qualification: null,
			indicatorsMet: null
		});
	});
});

describe('isHttpUrl', () => {
	it.each([
		['https://ppid.serangkota.go.id/dip', true],
		['http://x.go.id', true],
		['javascript:alert(1)', false],
		['JAVASCRIPT:alert(1)', false],
		['data:text/html,hi', false],
		['ppid.serangkota.go.id', false],
		['', false],
		[null, false]
	])('%s → %s', (url, expected) => {
		expect(isHttpUrl(url)).toBe(expected);
	});
});
