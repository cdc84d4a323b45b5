import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReportTable } from '../../src/lib/import';
import { awardParagraphs, buildDashboard, opdGaps, reportTable } from '../../src/lib/insights';
import type { DB } from '../../src/lib/server/db';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { publishedView } from '../../src/lib/server/results/results';
import { dashboardYearViews, publishedYearViews } from '../../src/lib/server/results/year-views';
import { naiveSeedMatrix, SEED_FILES } from './helpers/seed-reader';
import { createTestDb } from './helpers/test-db';
import { everyYearView } from './helpers/year-views';

let db: DB;
let cleanup: () => Promise<void>;

beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterAll(async () => cleanup());

/** The printed name of each numbered row, read naively (a wrapped name keeps its first line). */
function seedNames(file: string): Map<number, string> {
	const names = new Map<number, string>();
	const lines = readFileSync(file, 'utf8').split(/\r?\n/);
	const start = lines.findIndex((l) => /^NO\tNAMA OPD/.test(l));
	for (const line of lines.slice(start)) {
		if (/^(## )?\**2\.4/.test(line)) break;
		const m = /^(\d+)\t([^\t]+)\t/.exec(line);
		if (m) names.set(Number(m[1]), m[2]!.trim());
	}
	return names;
}

describe('the annual report table', () => {
	it.each([2020, 2021] as const)('reproduces the %i seed table cell for cell', async (year) => {
		const view = await publishedView(year, db);
		const table = reportTable(view!.result, view!.roster);
		const seed = naiveSeedMatrix(SEED_FILES[year]);
		const names = seedNames(SEED_FILES[year]);
		expect(table.columns).toEqual(seed.headers);
		expect(table.rows.map((r) => r.number)).toEqual([...seed.rows.keys()]);
		for (const row of table.rows) {
			expect(
				row.marks.map((m) => m === '√'),
				`row ${row.number}`
			).toEqual(seed.rows.get(row.number));
			expect(row.marks.every((m) => m === '√' || m === '')).toBe(true);
			const printed = names.get(row.number) ?? '';
			expect(row.name === printed || row.name.startsWith(`${printed} `), row.name).toBe(true);
		}
	});

	it('names the official 2021 awards apart from the computed podium', async () => {
		const view = await publishedView(2021, db);
		const names = new Map(view!.roster.map((r) => [r.slug, r.shortName]));
		const text = awardParagraphs(2021, view!.result, names, view!.officialAwards);
		expect(text.computed).toContain('6 OPD bernilai sama 100,00');
		expect(text.official).toMatch(/OPD terbaik I: .*Satuan Polisi Pamong Praja.* 250/);
		expect(text.official).toMatch(/219.*102/);
	});
});

describe('year views for the dashboard', () => {
	it('reads published years from their snapshots and computes the others live', async () => {
		const text = readFileSync(SEED_FILES[2021], 'utf8');
		const parsed = parseReportTable(text);
		if (!parsed.ok) throw new Error('seed 2021 did not parse');
		const outcome = await importMatrix(
			{
				year: 2022,
				matrix: parsed.matrix,
				actor: { userId: null, name: 'test' },
				source: 'test'
			},
			db
		);
		expect(outcome.ok).toBe(true);
		const all = await everyYearView(db);
		expect(all.map((v) => [v.year, v.status])).toEqual([
			[2020, 'published'],
			[2021, 'published'],
			[2022, 'draft']
		]);
		expect((await publishedYearViews(db)).map((v) => v.year)).toEqual([2020, 2021]);
	});

	it('compares 2020 with 2021 honestly: 13 categories, one not comparable, OPDs new and gone', async () => {
		const views = (await everyYearView(db)).filter((v) => v.year <= 2021);
		const d = buildDashboard(views, 2021, new URLSearchParams())!;
		expect(d.ranking).toHaveLength(32);
		expect(d.bands.reduce((n, b) => n + b.count, 0)).toBe(32);
		expect(d.yoy?.comparability.comparable).toBe(13);
		expect(d.yoy?.comparability.onlyBefore.map((c) => c.label)).toEqual([
			'Daftar Informasi yang Dikecualikan'
		]);
		expect(d.yoy?.rows.filter((r) => r.status === 'new').map((r) => r.opd)).toEqual([
			'badan-pendapatan-daerah'
		]);
		expect(
			d.yoy?.rows
				.filter((r) => r.status === 'gone')
				.map((r) => r.opd)
				.sort()
		).toEqual(['badan-pelayanan-barang-dan-jasa', 'korps-pegawai-republik-indonesia']);
		const kecamatan = buildDashboard(views, 2021, new URLSearchParams('jenis=kecamatan'))!;
		expect(kecamatan.ranking).toHaveLength(6);
	});

	it('a dashboard scores only the years it shows: a year of other OPDs is listed, not computed', async () => {
		const outcome = await importMatrix(
			{
				year: 2039,
				matrix: {
					headers: ['Kategori A'],
					rows: [1, 2, 3].map((n) => ({
						number: n,
						name: `OPD Wilayah Lain ${n}`,
						line: n + 2,
						cells: [{ value: 1 as const, notApplicable: false }]
					}))
				},
				actor: { userId: null, name: 'test' },
				source: 'test'
			},
			db
		);
		expect(outcome.ok).toBe(true);
		const params = new URLSearchParams();
		const shown = (await dashboardYearViews(2021, params, db))!;
		expect(shown.views.map((v) => v.year)).toEqual([2020, 2021, 2022]);
		expect(shown.listed.map((y) => y.year).sort()).toEqual([2020, 2021, 2022, 2039]);
		const d = buildDashboard(shown.views, 2021, params, shown.listed)!;
		expect(d).toEqual(buildDashboard(await everyYearView(db), 2021, params));
		expect(d.years.map((y) => y.year)).toContain(2039);
		// A comparison asked for with that year computes it, and only then.
		const asked = new URLSearchParams('dari=2021&ke=2039');
		const withIt = (await dashboardYearViews(2021, asked, db))!;
		expect(withIt.views.map((v) => v.year)).toEqual([2020, 2021, 2022, 2039]);
		expect(buildDashboard(withIt.views, 2021, asked, withIt.listed)?.yoy?.after).toBe(2039);
		expect(await dashboardYearViews(2019, params, db)).toBeNull();
	});

	it('tells Diskominfo what it misses in 2021 and how far the next band is', async () => {
		const view = await publishedView(2021, db);
		const gaps = opdGaps(view!.result, 'dinas-komunikasi-dan-informatika')!;
		expect(gaps.current).toMatchObject({ displayTotal: 76.92, qualification: 'Cukup Informatif' });
		expect(gaps.gaps).toHaveLength(3);
		expect(gaps.next).toEqual({ label: 'Menuju Informatif', min: 80, missing: 3.08 });
		expect(gaps.gaps[0]?.ifFixed).toMatchObject({
			displayTotal: 84.62,
			qualification: 'Menuju Informatif'
		});
	});
});
