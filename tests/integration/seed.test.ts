import { and, count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import {
	assessments,
	auditEvents,
	indicators,
	opds,
	periodOpds,
	periods,
	publishedSnapshots
} from '../../src/lib/server/db/schema';
import { seedDemo, seedDemoIfEmpty } from '../../src/lib/server/db/seed';
import { awardListsOfYear } from '../../src/lib/server/awards/awards';
import { createTestDb } from './helpers/test-db';
import { naiveSeedMatrix, SEED_FILES } from './helpers/seed-reader';

let db: DB;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
});
afterEach(async () => cleanup());

async function dbMatrix(year: number) {
	const [period] = await db.select().from(periods).where(eq(periods.year, year));
	const rows = await db
		.select({
			number: periodOpds.displayNumber,
			sortOrder: indicators.sortOrder,
			value: assessments.value
		})
		.from(assessments)
		.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
		.innerJoin(
			periodOpds,
			and(eq(periodOpds.opdId, assessments.opdId), eq(periodOpds.periodId, assessments.periodId))
		)
		.where(eq(assessments.periodId, period!.id));
	return { period: period!, rows };
}

describe('demo seed from the two Kota Serang reports', () => {
	it.each([
		[2020, 33, 14],
		[2021, 32, 13]
	] as const)(
		'loads %i with %i OPDs × %i categories, cell for cell as in the file',
		async (year, nOpds, nInd) => {
			await seedDemo('data/seeds', db);
			const expected = naiveSeedMatrix(SEED_FILES[year]);
			const { period, rows } = await dbMatrix(year);
			expect(period.status).toBe('published');
			expect(expected.rows.size).toBe(nOpds);
			expect(expected.headers).toHaveLength(nInd);
			expect(rows).toHaveLength(nOpds * nInd);
			for (const row of rows) {
				const want = expected.rows.get(row.number)?.[row.sortOrder - 1];
				expect(want, `row ${row.number} column ${row.sortOrder}`).toBeDefined();
				expect(row.value, `${year} row ${row.number} column ${row.sortOrder}`).toBe(want ? 1 : 0);
			}
			const labels = await db
				.select({ label: indicators.label })
				.from(indicators)
				.where(eq(indicators.periodId, period.id))
				.orderBy(indicators.sortOrder);
			expect(labels.map((l) => l.label)).toEqual(expected.headers);
		}
	);

	it('loads 878 cells in all, keeps OPD identity across years and records the awards as published', async () => {
		await seedDemo('data/seeds', db);
		const [cells] = await db.select({ n: count() }).from(assessments);
		expect(cells!.n).toBe(878);
		// One identity per OPD across years: 31 in both, BPBJ and Korpri only in 2020, Bapenda only in 2021.
		const years = await db
			.select({ slug: opds.slug, year: periods.year })
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.innerJoin(periods, eq(periods.id, periodOpds.periodId));
		const bySlug = new Map<string, number[]>();
		for (const y of years) bySlug.set(y.slug, [...(bySlug.get(y.slug) ?? []), y.year].sort());
		expect(bySlug.size).toBe(34);
		expect([...bySlug.values()].filter((ys) => ys.length === 2)).toHaveLength(31);
		expect(
			[...bySlug]
				.filter(([, ys]) => ys.length === 1)
				.map(([slug, ys]) => [slug, ys[0]])
				.sort()
		).toEqual([
			['badan-pelayanan-barang-dan-jasa', 2020],
			['badan-pendapatan-daerah', 2021],
			['korps-pegawai-republik-indonesia', 2020]
		]);
		// The award lists are read from each report's text into the award tables, one list a year.
		const lists = await Promise.all([2020, 2021].map((y) => awardListsOfYear(db, y)));
		expect(lists.map((l) => l.map((x) => [x.title, x.sourceNote]))).toEqual([
			[
				[
					'OPD teraktif',
					expect.stringContaining('Laporan Tahunan PPID Pemerintah Kota Serang 2020')
				]
			],
			[['OPD terbaik', expect.stringContaining('Laporan Tahunan PPID Pemerintah Kota Serang 2021')]]
		]);
		const awards = lists.flatMap((l, i) =>
			l.flatMap((x) => x.entries.map((e) => ({ year: 2020 + i, ...e, name: e.opdName })))
		);
		expect(awards.map((a) => [a.year, a.position, a.points, a.name])).toEqual([
			[2020, 1, 396, 'Satuan Polisi Pamong Praja Pemerintah Kota Serang'],
			[2020, 2, 284, 'Kecamatan Kasemen Kota Serang'],
			[2020, 3, 154, 'Dinas Komunikasi dan Informatika Kota Serang'],
			[2021, 1, 250, 'Satuan Polisi Pamong Praja Pemerintah Kota Serang'],
			[2021, 2, 219, 'Badan Penanggulangan Bencana Daerah Kota Serang'],
			[2021, 3, 102, 'Badan Kepegawaian Pengembangan Sumber Daya Manusia']
		]);
		const [snapshots] = await db.select({ n: count() }).from(publishedSnapshots);
		expect(snapshots!.n).toBe(2);
		const events = await db
			.select({ action: auditEvents.action, actor: auditEvents.actor })
			.from(auditEvents);
		expect(events.filter((e) => e.action === 'period.import')).toHaveLength(2);
		expect(events.filter((e) => e.action === 'period.publish')).toHaveLength(2);
		expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['seed']));
	});

	it('matches indicators across years by key: 13 shared, "dikecualikan" only in 2020', async () => {
		await seedDemo('data/seeds', db);
		const rows = await db
			.select({ year: periods.year, key: indicators.key })
			.from(indicators)
			.innerJoin(periods, eq(periods.id, indicators.periodId));
		const keys2020 = new Set(rows.filter((r) => r.year === 2020).map((r) => r.key));
		const keys2021 = new Set(rows.filter((r) => r.year === 2021).map((r) => r.key));
		expect([...keys2021].every((k) => keys2020.has(k))).toBe(true);
		expect([...keys2020].filter((k) => !keys2021.has(k))).toEqual([
			'daftar-informasi-yang-dikecualikan'
		]);
		expect(keys2021.has('renja')).toBe(true);
	});

	it('seeds only an empty database', async () => {
		expect(await seedDemoIfEmpty(db, 'data/seeds')).toBe(true);
		expect(await seedDemoIfEmpty(db, 'data/seeds')).toBe(false);
		const [cells] = await db.select({ n: count() }).from(assessments);
		expect(cells!.n).toBe(878);
	});

	it('leaves the database empty when a seed file is missing', async () => {
		await expect(seedDemo('data/no-such-dir', db)).rejects.toThrow();
		const [n] = await db.select({ n: count() }).from(periods);
		expect(n!.n).toBe(0);
	});
});
