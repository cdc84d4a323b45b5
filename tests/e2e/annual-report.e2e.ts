import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();
const squash = (text: string) => text.replace(/\s+/g, '');

test('the composer saves a section without JavaScript and the A4 print holds the 2021 tables', async () => {
	const context = await run.browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		// The login form works without JavaScript too.
		await loginAs(page, run.app.url, 'demo-petugas', 'demo-petugas-dip');
		await page.goto(`${run.app.url}/layanan/2021/laporan-tahunan`);
		const form = page.locator('form', {
			has: page.locator('input[name=key][value=kendala_eksternal]')
		});
		await form.locator('textarea').fill('Kendala eksternal uji cetak: jaringan internet terputus.');
		await Promise.all([page.waitForLoadState('load'), form.locator('button').click()]);
		await page.getByText('Bagian disimpan.').first().waitFor();

		const response = await page.goto(`${run.app.url}/layanan/2021/laporan-tahunan/cetak`);
		assert.equal(response?.status(), 200);
		// A page to print: no script, and the report is not sent again as the page's data.
		const html = await response!.text();
		assert.ok(!html.includes('<script'), 'the print page ships no script');
		assert.equal(html.split('Lembaga PAKKSA').length - 1, 1, 'the report once, as the page');
		const pdf = await page.pdf({ format: 'A4', printBackground: true });
		const { text, totalPages } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), {
			mergePages: true
		});
		assert.ok(totalPages >= 8, `Bagian I–VII over several A4 pages (${totalPages})`);
		assert.equal((text.match(/√/g) ?? []).length, 266, 'the DIP matrix of 2.3');
		for (const value of [
			'Rp 75.904.000',
			'130356',
			'92812',
			'45 (empat puluh lima)',
			'Lembaga PAKKSA',
			'Lembaga Swadaya Masyarakat',
			'Perwal No 24 tahun 2011',
			'ARIE RAHMAN HAKIM',
			'jaringan internet terputus'
		])
			// Narrow cells wrap: compare without blanks.
			assert.ok(squash(text).includes(squash(value)), value);
		assert.ok(!text.includes('Sopandri'), 'no applicant names without ?pribadi=1');

		const docx = await context.request.get(
			`${run.app.url}/layanan/2021/laporan-tahunan/unduh?format=docx`
		);
		assert.equal(docx.status(), 200);
		assert.equal((await docx.body()).subarray(0, 2).toString(), 'PK');
	} finally {
		await context.close();
	}
});

test('an anonymous visitor is sent to log in, not shown the report', async () => {
	const response = await fetch(`${run.app.url}/layanan/2021/laporan-tahunan/cetak`, {
		redirect: 'manual'
	});
	assert.ok([302, 303, 307].includes(response.status), String(response.status));
});
