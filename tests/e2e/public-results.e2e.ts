import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Papa from 'papaparse';
import { useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

test('a visitor opens the 2021 results: ranking, podium, official awards and the matrix', async () => {
	const page = await run.browser.newPage();
	const response = await page.goto(`${run.app.url}/hasil/2021`);
	assert.equal(response?.status(), 200);
	await page
		.getByRole('heading', { name: /Monev Daftar Informasi Publik OPD Kota Serang 2021/ })
		.waitFor();
	// 32 OPDs in the ranking and in the matrix, 13 category columns.
	// A seed year names its annual report as the source, not the day the demo was loaded.
	const intro = await page.locator('main > p.muted').first().innerText();
	assert.match(intro, /Sumber data: Laporan Tahunan/);
	assert.doesNotMatch(intro, /diterbitkan/);
	const rankingRows = await page.locator('table:not(.matrix) tbody tr').count();
	assert.equal(rankingRows, 32);
	const matrixRows = await page.locator('table.matrix tbody tr').count();
	assert.equal(matrixRows, 32);
	assert.equal(await page.locator('table.matrix thead th.cat').count(), 13);
	// The wrapped report row is one OPD with its full name.
	await page.getByRole('rowheader', { name: 'Kecamatan Kasemen Kota Serang' }).waitFor();
	// The awards the report published stand beside the computed ranking.
	// Each line names the OPD, its title and the points the report printed, in the report's order.
	const official = await page.locator('section.official li').allInnerTexts();
	assert.deepEqual(official, [
		'Satuan Polisi Pamong Praja Pemerintah Kota Serang — OPD terbaik I, nilai 250',
		'Badan Penanggulangan Bencana Daerah Kota Serang — OPD terbaik II, nilai 219',
		'Badan Kepegawaian Pengembangan Sumber Daya Manusia — OPD terbaik III, nilai 102'
	]);
	await page.close();
});

test('the year switcher leads to 2020, which has 33 OPDs and 14 categories', async () => {
	const page = await run.browser.newPage();
	await page.goto(`${run.app.url}/hasil/2021`);
	await page.getByRole('link', { name: '2020' }).click();
	await page.waitForURL(/\/hasil\/2020$/);
	assert.equal(await page.locator('table.matrix tbody tr').count(), 33);
	assert.equal(await page.locator('table.matrix thead th.cat').count(), 14);
	await page.close();
});

test('an unpublished year is not found', async () => {
	const res = await fetch(`${run.app.url}/hasil/2019`);
	assert.equal(res.status, 404);
});

test('open data: JSON and CSV carry the same ranking, with ETag and 304, and 404 for an unpublished year', async () => {
	const list = (await (await fetch(`${run.app.url}/api/v1/periods`)).json()) as { year: number }[];
	assert.deepEqual(
		list.map((p) => p.year),
		[2020, 2021]
	);
	const res = await fetch(`${run.app.url}/api/v1/periods/2021/results`);
	assert.equal(res.status, 200);
	const etag = res.headers.get('etag');
	assert.ok(etag);
	const body = (await res.json()) as {
		results: { rank: number; opd: string; percent: number; score: number; maxScore: number }[];
	};
	assert.equal(body.results.length, 32);
	const again = await fetch(`${run.app.url}/api/v1/periods/2021/results`, {
		headers: { 'if-none-match': etag }
	});
	assert.equal(again.status, 304);

	const csv = await (await fetch(`${run.app.url}/api/v1/periods/2021/results.csv`)).text();
	const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
	assert.deepEqual(parsed.errors, []);
	assert.deepEqual(
		parsed.data.map((r) => [Number(r.rank), r.opd, Number(r.percent), Number(r.score)]),
		body.results.map((r) => [r.rank, r.opd, r.percent, r.score])
	);

	const matrix = await (await fetch(`${run.app.url}/api/v1/periods/2020/matrix.csv`)).text();
	assert.equal(matrix.trim().split(/\r?\n/).length, 34);
	assert.equal((matrix.match(/√/g) ?? []).length, body2020Ticks());

	assert.equal((await fetch(`${run.app.url}/api/v1/periods/2019/results`)).status, 404);
	assert.equal((await fetch(`${run.app.url}/api/v1/periods/2019/results.csv`)).status, 404);
});

/** Ticks in the 2020 report table, counted straight from the seed file. */
function body2020Ticks(): number {
	const text = readFileSync('data/seeds/001_fa7482990baaa3fb.txt', 'utf8');
	return text
		.split('\n')
		.filter((l) => /^\d+\t/.test(l))
		.reduce((n, l) => n + (l.match(/√/g) ?? []).length, 0);
}

test('errors speak Indonesian and help the visitor on', async () => {
	const page = await run.browser.newPage();
	const missing = await page.goto(`${run.app.url}/halaman-yang-tidak-ada`);
	assert.equal(missing?.status(), 404);
	await page.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
	assert.match(await page.locator('main').innerText(), /Halaman ini tidak ada\./);
	await page.getByRole('link', { name: 'Hasil monev per tahun' }).click();
	await page.waitForURL(/\/hasil(\/\d{4})?$/);

	const year = await page.goto(`${run.app.url}/hasil/1999`);
	assert.equal(year?.status(), 404);
	await page.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
	assert.doesNotMatch(await page.locator('main').innerText(), /Not Found/);
	await page.close();
});
