import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { and, eq } from 'drizzle-orm';
import { parseReportTable } from '../../src/lib/import';
import { openDb } from '../../src/lib/server/db';
import { assessments, indicators, opds, periods } from '../../src/lib/server/db/schema';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { shippedJs } from '../../scripts/bench/js-size';
import { naiveSeedMatrix, SEED_FILES } from '../integration/helpers/seed-reader';
import { launchBrowser, loginAs, startApp, type RunningApp } from './harness';

let app: RunningApp;
let browser: Browser;

before(async () => {
	app = await startApp();
	browser = await launchBrowser();
	mkdirSync('test-results', { recursive: true });
});
after(async () => {
	await browser?.close();
	await app?.stop();
});

/** Whether a canvas has any painted (non-transparent) pixel. */
async function paintedPixels(page: Page, selector: string): Promise<number[]> {
	return page.$$eval(selector, (canvases) =>
		(canvases as HTMLCanvasElement[]).map((c) => {
			const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
			let painted = 0;
			for (let i = 3; data && i < data.length; i += 4) if (data[i]! > 0) painted += 1;
			return painted;
		})
	);
}

test('leadership opens the dashboard: the charts render with their numbers beside them', async () => {
	const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
	await loginAs(page, app.url, 'demo-pimpinan', 'demo-pimpinan-dip');
	await page.goto(`${app.url}/dasbor`);
	await page.waitForURL(/\/dasbor\/2021$/);
	await page.getByRole('heading', { name: /Dasbor Monev/ }).waitFor();
	// Ranking, bands, coverage and trend are drawn by Chart.js once it has loaded.
	await page.waitForFunction(() => document.querySelectorAll('canvas[data-rendered]').length === 4);
	const painted = await paintedPixels(page, 'canvas');
	assert.equal(painted.length, 4);
	for (const n of painted) assert.ok(n > 1000, `a chart is blank (${n} painted pixels)`);
	await page.screenshot({ path: 'test-results/dashboard-2021.png', fullPage: true });

	// The ranking chart's numbers are one click away.
	await page.getByText('Tabel peringkat').click();
	const rows = page.locator('details.numbers table:has(caption:text("Peringkat OPD")) tbody tr');
	assert.equal(await rows.count(), 32);
	// Year-over-year: the 2020 category that 2021 does not have is named as not comparable.
	assert.match(
		await page.locator('#perbandingan + .card').innerText(),
		/Daftar Informasi yang Dikecualikan — hanya 2020/
	);
	// From the client-rendered dashboard to a static public page (no JavaScript there).
	await page.getByRole('link', { name: 'cara penilaian', exact: true }).click();
	await page.getByRole('heading', { name: 'Cara penilaian 2021' }).waitFor();
	assert.match(await page.locator('ol.worked').innerText(), /Nilai akhir: \d+,\d\d/);
	await page.close();
});

test('the dashboard filters work without JavaScript, through the query string', async () => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await loginAs(page, app.url, 'demo-evaluator', 'demo-evaluator-dip');
	await page.goto(`${app.url}/dasbor/2021`);
	// Year over year compares the year before with this one, and says which way a rank moved.
	const moves = (await page.locator('table.yoy tbody tr td:nth-child(7)').allTextContents()).map(
		(t) => t.trim()
	);
	assert.ok(moves.length > 20, `${moves.length} OPDs compared`);
	for (const move of moves) assert.match(move, /^(naik \d+|turun \d+|tetap)$/);
	assert.ok(moves.some((m) => m.startsWith('naik')) && moves.some((m) => m.startsWith('turun')));
	await page.goto(`${app.url}/dasbor/2020`);
	assert.match((await page.locator('table.yoy thead').textContent()) ?? '', /% 2020[\s\S]*% 2021/);
	await page.goto(`${app.url}/dasbor/2021`);
	await page.selectOption('select[name=jenis]', 'kecamatan');
	await Promise.all([page.waitForURL(/jenis=kecamatan/), page.click('form.filters button')]);
	const rows = page.locator('table:has(caption:text("Peringkat OPD")) tbody tr');
	assert.equal(await rows.count(), 6);
	assert.equal(await page.locator('table.heat tbody tr').count(), 6);
	await context.close();
});

test('an operator sees only its own OPD', async () => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await loginAs(page, app.url, 'demo-operator', 'demo-operator-dip');
	const own = await page.goto(`${app.url}/opd/dinas-komunikasi-dan-informatika`);
	assert.equal(own?.status(), 200);
	assert.match(page.url(), /\/opd\/dinas-komunikasi-dan-informatika\/2021$/);
	await page.getByRole('heading', { name: 'Yang belum dipenuhi' }).waitFor();
	assert.match(await page.locator('p.next').innerText(), /3,08 poin lagi ke kualifikasi/);
	assert.ok(await page.getByRole('columnheader', { name: 'Catatan evaluator' }).isVisible());
	const other = await page.goto(`${app.url}/opd/satuan-polisi-pamong-praja/2021`);
	assert.equal(other?.status(), 403);
	const dashboard = await page.goto(`${app.url}/dasbor/2021`);
	assert.equal(dashboard?.status(), 403);
	await context.close();
});

test('a visitor sees an OPD page without notes, and is sent to sign in for the internal one', async () => {
	const page = await browser.newPage();
	const res = await page.goto(`${app.url}/hasil/2021/opd/kecamatan-kasemen`);
	assert.equal(res?.status(), 200);
	await page.getByRole('heading', { name: 'Kecamatan Kasemen Kota Serang' }).waitFor();
	assert.equal(await page.getByRole('columnheader', { name: 'Catatan evaluator' }).count(), 0);
	await page.goto(`${app.url}/opd/kecamatan-kasemen/2021`);
	assert.match(page.url(), /\/login/);
	await page.close();
});

test('a visitor downloads the ranking CSV from the results page', async () => {
	const context = await browser.newContext({ acceptDownloads: true });
	const page = await context.newPage();
	await page.goto(`${app.url}/hasil/2021`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'peringkat (CSV)' }).click()
	]);
	assert.equal(download.suggestedFilename(), 'monev-dip-2021-hasil.csv');
	const text = readFileSync((await download.path())!, 'utf8');
	const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
	assert.deepEqual(parsed.errors, []);
	assert.equal(parsed.data.length, 32);
	await context.close();
});

for (const year of [2020, 2021] as const) {
	test(`the printable ${year} report table matches the seed file cell for cell`, async () => {
		const page = await browser.newPage();
		const res = await page.goto(`${app.url}/laporan/${year}`);
		assert.equal(res?.status(), 200);
		const seed = naiveSeedMatrix(SEED_FILES[year]);
		const headers = await page.$$eval('table.report-matrix thead tr:nth-child(2) th', (ths) =>
			ths.map((th) => th.textContent?.trim() ?? '')
		);
		assert.deepEqual(headers, seed.headers);
		const rows = await page.$$eval('table.report-matrix tbody tr', (trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''))
		);
		assert.deepEqual(
			rows.map((cells) => Number(cells[0])),
			[...seed.rows.keys()]
		);
		for (const cells of rows) {
			const ticks = cells.slice(2).map((c) => c === '√');
			assert.deepEqual(ticks, seed.rows.get(Number(cells[0])), `row ${cells[0]}`);
			assert.ok(
				cells.slice(2).every((c) => c === '√' || c === ''),
				`row ${cells[0]}`
			);
		}
		const caption = await page.locator('.matrix-page h1').innerText();
		assert.equal(
			caption,
			'Daftar Informasi Organisasi Perangkat Daerah (OPD) di Lingkungan Pemerintah Kota Serang'
		);
		await page.close();
	});
}

test('JavaScript shipped: the public results page ships none, the dashboard loads Chart.js', async () => {
	const publicJs = await shippedJs(browser, `${app.url}/hasil/2021`);
	const context = await browser.newContext();
	await loginAs(await context.newPage(), app.url, 'demo-pimpinan', 'demo-pimpinan-dip');
	const cookies = (await context.cookies()).map((c) => ({
		name: c.name,
		value: c.value,
		url: app.url
	}));
	await context.close();
	const dashboardJs = await shippedJs(browser, `${app.url}/dasbor/2021`, cookies);
	const kb = (n: number) => (n / 1024).toFixed(1);
	const report = {
		'/hasil/2021': { gzipKB: kb(publicJs.gzipBytes), files: publicJs.files },
		'/dasbor/2021': { gzipKB: kb(dashboardJs.gzipBytes), files: dashboardJs.files }
	};
	writeFileSync('test-results/js-size.json', `${JSON.stringify(report, null, 2)}\n`);
	console.log('gzipped JS shipped:', JSON.stringify(report));
	// The public results page is static HTML (csr = false): no script at all, far under 40 KB.
	assert.equal(publicJs.files, 0);
	assert.ok(publicJs.gzipBytes <= 40 * 1024);
	// The dashboard pulls Chart.js on demand: clearly more than the framework alone.
	assert.ok(dashboardJs.gzipBytes > 60 * 1024, 'the dashboard did not load Chart.js');
});

test('unpublished years and evaluator notes stay internal', async () => {
	// Behind the app's back: a 2022 draft (the 2021 table again) and a note on a Diskominfo cell.
	const db = openDb(app.databaseUrl);
	const parsed = parseReportTable(readFileSync(SEED_FILES[2021], 'utf8'));
	assert.ok(parsed.ok);
	const outcome = await importMatrix(
		{ year: 2022, matrix: parsed.matrix, actor: { userId: null, name: 'e2e' }, source: 'e2e' },
		db
	);
	assert.ok(outcome.ok);
	const [cell] = await db
		.select({ id: assessments.id })
		.from(assessments)
		.innerJoin(opds, eq(opds.id, assessments.opdId))
		.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
		.innerJoin(periods, eq(periods.id, assessments.periodId))
		.where(
			and(
				eq(opds.slug, 'dinas-komunikasi-dan-informatika'),
				eq(indicators.key, 'pengadaan-barang-dan-jasa'),
				eq(periods.year, 2021)
			)
		);
	assert.ok(cell);
	await db
		.update(assessments)
		.set({ note: 'Tautan bukti pengadaan mati', evidenceUrl: 'javascript:alert(1)' })
		.where(eq(assessments.id, cell.id));
	db.$client.close();

	const context = await browser.newContext();
	const page = await context.newPage();
	await loginAs(page, app.url, 'demo-pimpinan', 'demo-pimpinan-dip');
	const draft = await page.goto(`${app.url}/dasbor/2022`);
	assert.equal(draft?.status(), 200);
	assert.match(await page.locator('main > p.muted').first().innerText(), /Belum dipublikasikan/);
	assert.equal(
		(await page.goto(`${app.url}/opd/dinas-komunikasi-dan-informatika/2022`))?.status(),
		200
	);
	await page.goto(`${app.url}/opd/dinas-komunikasi-dan-informatika/2021`);
	const row = page.locator('table.cells tr', { hasText: 'Pengadaan Barang & Jasa' });
	assert.match(await row.innerText(), /Tautan bukti pengadaan mati/);
	// A recorded evidence "link" that is not http(s) is shown as text, never as a link.
	assert.equal(await row.locator('a').count(), 0);
	await context.close();

	const operator = await browser.newContext();
	const op = await operator.newPage();
	await loginAs(op, app.url, 'demo-operator', 'demo-operator-dip');
	assert.equal(
		(await op.goto(`${app.url}/opd/dinas-komunikasi-dan-informatika/2022`))?.status(),
		404
	);
	await op.goto(`${app.url}/opd/dinas-komunikasi-dan-informatika/2021`);
	assert.match(await op.locator('table.cells').innerText(), /Tautan bukti pengadaan mati/);
	await operator.close();

	for (const path of [
		'/hasil/2022',
		'/metode/2022',
		'/laporan/2022',
		'/hasil/2022/opd/dinas-komunikasi-dan-informatika'
	]) {
		assert.equal((await fetch(`${app.url}${path}`)).status, 404, path);
	}
	const publicPage = await (
		await fetch(`${app.url}/hasil/2021/opd/dinas-komunikasi-dan-informatika`)
	).text();
	assert.doesNotMatch(publicPage, /Tautan bukti pengadaan mati/);
});
