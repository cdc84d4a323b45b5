import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

const FIXTURE = 'tests/fixtures/import/template-2022.csv';
// A new year (a new period, new OPDs) and a draft period are the admin's to import.

test('an admin imports a CSV for a new year: preview, one corrected match, confirm, matrix', async () => {
	const page = await run.browser.newPage();
	await loginAs(page, run.app.url, 'demo-admin', 'demo-admin-dip');
	await page.goto(`${run.app.url}/impor`);
	await page.fill('input[name=year]', '2022');
	await page.setInputFiles('input[name=file]', FIXTURE);
	await page.getByRole('button', { name: 'Pratinjau' }).click();
	await page.getByRole('heading', { name: 'Pratinjau impor tahun 2022' }).waitFor();

	// Recognised under another name, and a row the matcher could not place.
	const kasemen = page.getByRole('row', { name: /Kec\. Kasemen/ });
	assert.equal(await kasemen.locator('select').inputValue(), 'kecamatan-kasemen');
	const setda = page.getByRole('row', { name: /Bagian Umum Sekretariat Daerah/ });
	assert.match(await setda.innerText(), /baru/);

	// The admin knows better: it is the Sekretariat Daerah. The preview refreshes.
	await setda.locator('select').selectOption('sekretariat-daerah');
	await setda.getByText('dipilih pengguna').waitFor();

	await page.getByRole('button', { name: 'Impor ke 2022' }).click();
	const done = page.getByRole('status').filter({ hasText: 'Impor tahun 2022 selesai' });
	await done.waitFor();
	assert.match(await done.innerText(), /periode baru dibuat, 1 OPD baru, 104 sel ditulis/);

	// The matrix of the new year shows the file's cells.
	const matrix = page.locator('table.matrix');
	assert.equal(await matrix.locator('tbody tr').count(), 8);
	const ticks = readFileSync(FIXTURE, 'utf8').match(/√/g)?.length ?? 0;
	assert.equal(await matrix.locator('td.tick[data-met="1"]').count(), ticks);
	await matrix.getByRole('rowheader', { name: 'Bagian Umum Sekretariat Daerah' }).waitFor();

	// The import is listed and can be undone.
	await page.goto(`${run.app.url}/impor`);
	assert.match(
		await page.locator('section', { hasText: 'Riwayat impor' }).innerText(),
		/template-2022\.csv/
	);
	await page.close();
});

test('the same import works without JavaScript (server-side preview, hidden plan token)', async () => {
	const context = await run.browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await loginAs(page, run.app.url, 'demo-admin', 'demo-admin-dip');
	await page.goto(`${run.app.url}/impor`);
	await page.fill('input[name=year]', '2023');
	await page.setInputFiles('input[name=file]', 'tests/fixtures/import/semicolon-2022.csv');
	await page.getByRole('button', { name: 'Pratinjau' }).click();
	await page.getByRole('heading', { name: 'Pratinjau impor tahun 2023' }).waitFor();
	// Known since the 2022 import; the admin says this one is a different body.
	const cipare = page.getByRole('row', { name: /Kelurahan Cipare/ });
	assert.match(await cipare.innerText(), /persis/);
	await cipare.locator('select').selectOption('new');
	await page.getByRole('button', { name: 'Perbarui pratinjau' }).click();
	await page
		.getByRole('row', { name: /Kelurahan Cipare/ })
		.getByText('dipilih pengguna')
		.waitFor();
	await page.getByRole('button', { name: 'Impor ke 2023' }).click();
	const done = page.getByRole('status').filter({ hasText: 'Impor tahun 2023 selesai' });
	assert.match(await done.innerText(), /1 OPD baru/);
	assert.equal(await page.locator('table.matrix tbody tr').count(), 8);
	await context.close();
});

test('the template of a year exported and imported back changes nothing; undo asks first', async () => {
	const page = await run.browser.newPage();
	await loginAs(page, run.app.url, 'demo-admin', 'demo-admin-dip');
	const csv = await page.request.get(`${run.app.url}/api/v1/periods/2022/ekspor/templat.csv`);
	assert.equal(csv.status(), 200);
	await page.goto(`${run.app.url}/impor`);
	await page.fill('input[name=year]', '2022');
	await page.setInputFiles('input[name=file]', {
		name: 'templat-2022.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(await csv.body())
	});
	await page.getByRole('button', { name: 'Pratinjau' }).click();
	await page.getByRole('heading', { name: 'Pratinjau impor tahun 2022' }).waitFor();
	await page.getByText('Tidak ada sel yang berubah.').waitFor();
	assert.match(await page.locator('.kinds').innerText(), /0 → ada, 0 → tidak ada/);
	// The status in Indonesian, and the year kept after the preview.
	assert.match(await page.locator('.preview').innerText(), /\(Draf\) akan diperbarui/);
	assert.equal(await page.inputValue('input[name=year]'), '2022');

	// Switching empty cells to "tidak ada" shows the consequence at once.
	await page.locator('input[name=empty][value=absent]').check();
	await page.locator('.kinds', { hasText: /[1-9]\d* → tidak ada/ }).waitFor();
	assert.ok(await page.locator('input[name=ackAbsent]').isVisible());

	// Undo of the import that created 2022 asks first, with the number of cells.
	await page.goto(`${run.app.url}/impor`);
	const first = page
		.locator('section', { hasText: 'Riwayat impor' })
		.locator('tbody tr', { hasText: 'template-2022.csv' });
	await first.getByRole('button', { name: 'Batalkan impor' }).click();
	const ask = page.getByRole('alertdialog');
	await ask.waitFor();
	assert.match(await ask.innerText(), /akan dihapus beserta 104 selnya/);
	await page.close();
});

test("an evaluator's preview of a new year says it is the admin's, and cannot be confirmed", async () => {
	const page = await run.browser.newPage();
	await loginAs(page, run.app.url, 'demo-evaluator', 'demo-evaluator-dip');
	await page.goto(`${run.app.url}/impor`);
	await page.fill('input[name=year]', '2030');
	// One OPD no import has created yet.
	const text =
		readFileSync(FIXTURE, 'utf8') + '9,Kelurahan Banjaragung Kota Serang,√,,,,,,,,,,,,\r\n';
	await page.setInputFiles('input[name=file]', {
		name: 'baru-2030.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});
	await page.getByRole('button', { name: 'Pratinjau' }).click();
	await page.getByRole('heading', { name: 'Pratinjau impor tahun 2030' }).waitFor();
	const issues = await page.locator('.issues').innerText();
	assert.match(issues, /Membuat periode baru hanya dapat dilakukan admin/);
	assert.match(issues, /Membuat OPD baru hanya dapat dilakukan admin/);
	assert.ok(await page.getByRole('button', { name: 'Impor ke 2030' }).isDisabled());
	await page.close();
});

test('a year typed before the page has loaded its script is kept when the script takes over', async () => {
	const page = await run.browser.newPage();
	await loginAs(page, run.app.url, 'demo-admin', 'demo-admin-dip');
	// A slow phone: the page's script arrives only after the user has typed the year.
	let scriptsArrive!: () => void;
	const arrived = new Promise<void>((resolve) => (scriptsArrive = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await arrived;
		await route.continue();
	});
	await page.goto(`${run.app.url}/impor`, { waitUntil: 'commit' });
	const year = page.locator('input[name=year]');
	assert.notEqual(await year.inputValue(), '2031');
	await year.fill('2031');
	scriptsArrive();
	await page.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'));
	assert.equal(await year.inputValue(), '2031');
	await page.close();
});
