import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

test('an evaluator records a second award list without JavaScript; /hasil and /laporan show it', async () => {
	const context = await run.browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await loginAs(page, run.app.url, 'demo-evaluator', 'demo-evaluator-dip');
	await page.goto(`${run.app.url}/admin/penghargaan/2021`);
	await page.getByRole('heading', { name: 'OPD terbaik' }).waitFor();

	// A new list, then an OPD on it with Indonesian decimals.
	await page.fill('input[name=title][placeholder="OPD terbaik monev website"]', 'Website terbaik');
	await page.fill('input[name=sourceNote][placeholder^="mis. SK"]', 'SK uji 2021');
	await Promise.all([page.waitForURL(/createList/), page.click('text=Buat daftar')]);
	await page.getByRole('status').filter({ hasText: 'Daftar "Website terbaik" dibuat.' }).waitFor();
	const list = page.locator('section.list', {
		has: page.getByRole('heading', { name: 'Website terbaik' })
	});
	await list
		.locator('select[name=opdId]')
		.last()
		.selectOption({ label: 'Dinas Komunikasi dan Informatika Kota Serang' });
	await list.locator('form[action="?/addEntry"] input[name=points]').fill('87,5');
	await Promise.all([
		page.waitForURL(/addEntry/),
		list.getByRole('button', { name: 'Tambah OPD' }).click()
	]);
	await page.getByRole('status').filter({ hasText: 'OPD ditambahkan' }).waitFor();

	// A bad value comes back with a message, nothing saved.
	const again = page.locator('section.list', {
		has: page.getByRole('heading', { name: 'Website terbaik' })
	});
	await again
		.locator('form[action="?/addEntry"] select[name=opdId]')
		.selectOption({ label: 'Badan Penanggulangan Bencana Daerah Kota Serang' });
	await again.locator('form[action="?/addEntry"] input[name=points]').fill('banyak');
	await Promise.all([
		page.waitForURL(/addEntry/),
		again.getByRole('button', { name: 'Tambah OPD' }).click()
	]);
	assert.match(await page.getByRole('alert').innerText(), /Nilai harus angka/);
	await context.close();

	const visitor = await run.browser.newPage();
	await visitor.goto(`${run.app.url}/hasil/2021`);
	const official = await visitor.locator('section.official li').allInnerTexts();
	assert.deepEqual(official.slice(3), [
		'Dinas Komunikasi dan Informatika Kota Serang — Website terbaik I, nilai 87,5'
	]);
	assert.match(await visitor.locator('section.official').innerText(), /Sumber: SK uji 2021/);
	// The computed ranking is untouched: still 32 rows.
	assert.equal(await visitor.locator('table:not(.matrix) tbody tr').count(), 32);
	await visitor.goto(`${run.app.url}/laporan/2021?hanya=tabel`);
	assert.match(
		await visitor.locator('main').innerText(),
		/Website terbaik I: Dinas Komunikasi dan Informatika Kota Serang dengan nilai 87,5/
	);
	await visitor.close();
});
