import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { extractText, getDocumentProxy } from 'unpdf';
import { useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

/** The report tables of the seed files: ticks, and the last category's header, per year. */
const SEEDS = {
	2020: 'data/seeds/001_fa7482990baaa3fb.txt',
	2021: 'data/seeds/000_98cb80431292019a.txt'
};
function seedTicks(year: 2020 | 2021): number {
	return readFileSync(SEEDS[year], 'utf8')
		.split('\n')
		.filter((l) => /^\d+\t/.test(l))
		.reduce((n, l) => n + (l.match(/√/g) ?? []).length, 0);
}

/** Prints a page as the visitor would on A4 landscape and returns the PDF's text. */
async function printedText(path: string): Promise<string> {
	const page = await run.browser.newPage();
	try {
		const response = await page.goto(`${run.app.url}${path}`);
		assert.equal(response?.status(), 200, path);
		const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
		const doc = await getDocumentProxy(new Uint8Array(pdf));
		const { text } = await extractText(doc, { mergePages: true });
		return text;
	} finally {
		await page.close();
	}
}

const squash = (text: string) => text.replace(/\s+/g, '');

for (const year of [2020, 2021] as const) {
	test(`the printed ${year} report keeps every column on A4 landscape`, async () => {
		const expected = seedTicks(year);
		assert.equal(expected, year === 2020 ? 199 : 266);
		const text = await printedText(`/laporan/${year}`);
		assert.equal((text.match(/√/g) ?? []).length, expected);
		// The last category's header is printed (its words may wrap, so compare without blanks).
		const periods = (await (
			await fetch(`${run.app.url}/api/v1/periods/${year}/results`)
		).json()) as {
			rubric: { indicators: { label: string; order: number }[] };
		};
		const labels = [...periods.rubric.indicators].sort((a, b) => a.order - b.order);
		assert.ok(squash(text).includes(squash(labels.at(-1)!.label)), labels.at(-1)!.label);
		// Printed links carry their full address.
		assert.ok(squash(text).includes(`${run.app.url}/metode/${year}`), 'full method link');
		assert.ok(squash(text).includes(`${run.app.url}/laporan/${year}`), 'full report link');
		// The full print has the app's ranking, bands and computed podium.
		assert.match(text, /Kualifikasi/);
		assert.match(text, /dihitung aplikasi/);
	});
}

test('"hanya tabel" prints the report table and the official awards only', async () => {
	const page = await run.browser.newPage();
	await page.goto(`${run.app.url}/laporan/2021`);
	await page.getByRole('link', { name: 'hanya tabel laporan' }).click();
	await page.waitForURL(/hanya=tabel/);
	await page.close();

	const text = await printedText('/laporan/2021?hanya=tabel');
	assert.equal((text.match(/√/g) ?? []).length, 266);
	for (const word of [
		'Peringkat',
		'Kualifikasi',
		'Informatif',
		'dihitung aplikasi',
		'belum ditetapkan',
		'Terbaik I'
	]) {
		assert.ok(!text.includes(word), `"${word}" is not printed`);
	}
	assert.match(text, /Penghargaan resmi yang diumumkan PPID/);
	assert.match(text, /OPD terbaik I: Satuan Polisi Pamong Praja Pemerintah Kota Serang/);
	assert.ok(squash(text).includes(`${run.app.url}/laporan/2021?hanya=tabel`));
});

/** The bytes of a public file, with its status and content type checked. */
async function download(path: string, type: RegExp): Promise<Uint8Array> {
	const res = await fetch(`${run.app.url}${path}`);
	assert.equal(res.status, 200, path);
	assert.match(res.headers.get('content-type') ?? '', type);
	return new Uint8Array(await res.arrayBuffer());
}

/** CSV and .xlsx cells compared as text: numbers as written, blanks as ''. */
const asText = (rows: unknown[][]) => rows.map((r) => r.map((c) => (c == null ? '' : String(c))));

for (const name of ['results', 'matrix'] as const) {
	test(`${name}.csv starts with a BOM and its .xlsx imports back to the same rows`, async () => {
		for (const year of [2020, 2021] as const) {
			const bytes = await download(`/api/v1/periods/${year}/${name}.csv`, /^text\/csv/);
			assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
			const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
			const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
			assert.deepEqual(parsed.errors, []);
			const csvRows = parsed.data;
			assert.equal(csvRows.length, 1 + (year === 2020 ? 33 : 32));
			if (name === 'matrix') {
				const ticks = csvRows.flat().filter((c) => c === '√').length;
				assert.equal(ticks, seedTicks(year));
			}

			// The ETag names the body with its BOM: a revalidation answers 304.
			const first = await fetch(`${run.app.url}/api/v1/periods/${year}/${name}.csv`);
			const etag = first.headers.get('etag')!;
			await first.arrayBuffer();
			const again = await fetch(`${run.app.url}/api/v1/periods/${year}/${name}.csv`, {
				headers: { 'if-none-match': etag }
			});
			assert.equal(again.status, 304);

			const xlsx = await download(`/api/v1/periods/${year}/${name}.xlsx`, /spreadsheetml\.sheet/);
			const sheet = await readSheet(xlsx.buffer as ArrayBuffer);
			assert.deepEqual(asText(sheet), csvRows, `${year} ${name}.xlsx = ${name}.csv`);
		}
	});
}

test('the open-data page and the period list link the workbooks', async () => {
	const list = (await (await fetch(`${run.app.url}/api/v1/periods`)).json()) as Record<
		string,
		unknown
	>[];
	const y2021 = list.find((p) => p.year === 2021)!;
	assert.equal(y2021.resultsXlsx, `${run.app.url}/api/v1/periods/2021/results.xlsx`);
	assert.equal(y2021.matrixXlsx, `${run.app.url}/api/v1/periods/2021/matrix.xlsx`);

	const page = await run.browser.newPage();
	await page.goto(`${run.app.url}/data-terbuka`);
	const link = page.locator('a[href="/api/v1/periods/2020/matrix.xlsx"]');
	assert.equal(await link.count(), 1);
	const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
	assert.equal(dl.suggestedFilename(), 'monev-dip-2020-matriks.xlsx');
	await page.close();
	assert.equal((await fetch(`${run.app.url}/api/v1/periods/2019/matrix.xlsx`)).status, 404);
});
