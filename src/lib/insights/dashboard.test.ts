import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import { buildDashboard, type YearResult } from './dashboard';
import { resultOf } from './fixtures';

const roster = (entries: [string, string][]) =>
	entries.map(([slug, kind], i) => ({
		slug,
		kind,
		shortName: slug.toUpperCase(),
		displayName: `OPD ${slug}`,
		displayNumber: i + 1
	}));

const y2020: YearResult = {
	year: 2020,
	title: '2020',
	status: 'published',
	roster: roster([
		['p', 'dinas'],
		['q', 'kecamatan'],
		['gone', 'dinas']
	]),
	result: resultOf(
		flatRubric([
			{ key: 'a', label: 'A' },
			{ key: 'b', label: 'B' },
			{ key: 'x', label: 'X 2020' }
		]),
		[
			['p', 'OPD p', ['a']],
			['q', 'OPD q', ['a', 'b', 'x']],
			['gone', 'OPD gone', []]
		]
	)
};
const y2021: YearResult = {
	year: 2021,
	title: '2021',
	status: 'evaluation',
	roster: roster([
		['p', 'dinas'],
		['q', 'kecamatan'],
		['r', 'kecamatan']
	]),
	result: resultOf(
		flatRubric([
			{ key: 'a', label: 'A' },
			{ key: 'b', label: 'B' }
		]),
		[
			['p', 'OPD p', ['a', 'b']],
			['q', 'OPD q', ['a']],
			['r', 'OPD r', []]
		]
	)
};
const params = (text = '') => new URLSearchParams(text);

describe('buildDashboard', () => {
	it('is null for a year it does not have', () => {
		expect(buildDashboard([y2020, y2021], 2019, params())).toBeNull();
	});

	it('shows the ranking, bands, coverage and heat map of the year', () => {
		const d = buildDashboard([y2021, y2020], 2021, params())!;
		expect(d.years).toEqual([
			{ year: 2020, status: 'published' },
			{ year: 2021, status: 'evaluation' }
		]);
		expect(d.ranking.map((r) => [r.slug, r.rank, r.percent])).toEqual([
			['p', 1, 100],
			['q', 2, 50],
			['r', 3, 0]
		]);
		expect(d.average).toBe(50);
		expect(d.bands.map((b) => b.count)).toEqual([1, 0, 0, 1, 1]);
		expect(d.coverage.map((c) => [c.key, c.met])).toEqual([
			['b', 1],
			['a', 2]
		]);
		expect(d.heatmap.rows).toHaveLength(3);
		expect(d.awards[0]?.opds).toEqual(['p']);
	});

	it('compares the last two years by default, with gone and new OPDs', () => {
		const d = buildDashboard([y2020, y2021], 2021, params())!;
		expect(d.yoy?.before).toBe(2020);
		expect(d.yoy?.rows.map((r) => [r.opd, r.status, r.totalDelta, r.rankDelta])).toEqual([
			['p', 'both', 66.67, 1],
			['q', 'both', -50, -1],
			['r', 'new', null, null],
			['gone', 'gone', null, null]
		]);
		expect(d.yoy?.improved.map((r) => r.opd)).toEqual(['p']);
		expect(d.yoy?.declined.map((r) => r.opd)).toEqual(['q']);
		expect(d.yoy?.comparability.onlyBefore).toEqual([{ key: 'x', label: 'X 2020' }]);
		expect(d.trend).toEqual({
			years: [2020, 2021],
			series: [
				{ opd: 'gone', name: 'GONE', totals: [0, null], ranks: [3, null] },
				{ opd: 'p', name: 'P', totals: [33.33, 100], ranks: [2, 1] },
				{ opd: 'q', name: 'Q', totals: [100, 50], ranks: [1, 2] },
				{ opd: 'r', name: 'R', totals: [null, 0], ranks: [null, 3] }
			]
		});
	});

	it('applies the OPD kind filter to every part, ranks included', () => {
		const d = buildDashboard([y2020, y2021], 2021, params('jenis=kecamatan'))!;
		expect(d.filter).toEqual({ kind: 'kecamatan', aspect: null });
		expect(d.ranking.map((r) => [r.slug, r.rank])).toEqual([
			['q', 1],
			['r', 2]
		]);
		expect(d.bands.reduce((n, b) => n + b.count, 0)).toBe(2);
		expect(d.coverage.find((c) => c.key === 'a')?.applicable).toBe(2);
		expect(d.heatmap.rows.map((r) => r.opd)).toEqual(['q', 'r']);
		expect(d.yoy?.rows.map((r) => r.opd)).toEqual(['q', 'r']);
		expect(d.trend.series.map((s) => s.opd)).toEqual(['q', 'r']);
	});

	it('leaves out of the trend a year sharing no OPD with the year shown, but lists it', () => {
		const elsewhere: YearResult = {
			...y2021,
			year: 2039,
			roster: roster([['far', 'dinas']]),
			result: resultOf(flatRubric([{ key: 'a', label: 'A' }]), [['far', 'OPD far', ['a']]])
		};
		const d = buildDashboard([y2020, y2021, elsewhere], 2021, params())!;
		expect(d.trend.years).toEqual([2020, 2021]);
		expect(d.trend.series.map((s) => s.opd)).not.toContain('far');
		// The server passes only the years shown, with every year listed for the picker.
		const listed = [...[y2020, y2021, elsewhere].map((y) => ({ year: y.year, status: y.status }))];
		const shown = buildDashboard([y2020, y2021], 2021, params(), listed)!;
		expect(shown.years.map((y) => y.year)).toEqual([2020, 2021, 2039]);
		expect(shown.trend).toEqual(d.trend);
		expect(shown.yoy?.rows).toEqual(d.yoy?.rows);
	});
});
