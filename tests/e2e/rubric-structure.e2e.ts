import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

async function admin(javaScriptEnabled: boolean): Promise<Page> {
	const context = await run.browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	page.setDefaultTimeout(10_000);
	await loginAs(page, run.app.url, 'demo-admin', 'demo-admin-dip');
	return page;
}

const stageLabels = (page: Page) =>
	page
		.locator('input[name^=stageLabel_]')
		.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).filter(Boolean));

test('the admin gives a draft the KIP stages, adds an aspect and uses it for an indicator', async () => {
	const page = await admin(true);
	await page.goto(`${run.app.url}/admin/periode`);
	await page.fill('form.copy input[name=from]', '2021');
	await page.fill('form.copy input[name=to]', '2022');
	await page.getByRole('button', { name: 'Buat periode' }).click();
	await page.getByText('Periode 2022 dibuat sebagai draf').waitFor();
	await page.goto(`${run.app.url}/admin/periode/2022`, { waitUntil: 'networkidle' });

	await page.getByRole('button', { name: 'Pakai tahapan monev KIP' }).click();
	await page.getByText('Tahapan monev KIP diisikan').waitFor();
	assert.deepEqual(await stageLabels(page), [
		'Monitoring website',
		'Penilaian mandiri (SAQ)',
		'Visitasi',
		'Uji publik'
	]);
	await page.getByRole('button', { name: 'Simpan struktur rubrik' }).click();
	await page.getByText('Struktur rubrik disimpan.').waitFor();
	// Three stages have no aspect yet: the draft says so, and cannot open.
	await page.getByText('Rubrik belum lengkap').waitFor();

	// A new aspect in the SAQ stage, then an indicator moved into it.
	await page.fill('input[name^=aspectLabel_][placeholder^="Aspek baru"]', 'Jenis informasi');
	await page.selectOption('select[name^=aspectStage_]:last-of-type >> nth=-1', 'saq');
	await page.getByRole('button', { name: 'Simpan struktur rubrik' }).click();
	// The indicator editor offers the new aspect, named with its stage.
	await page
		.locator('select[name=aspect_0] option', {
			hasText: 'Jenis informasi (Penilaian mandiri (SAQ))'
		})
		.waitFor({ state: 'attached' });
	await page.selectOption('select[name=aspect_0]', 'jenis-informasi');
	await page.getByRole('button', { name: 'Simpan rubrik' }).click();
	await page.getByText('Rubrik disimpan.', { exact: true }).waitFor();
	// The aspect now has an indicator, so it cannot be removed.
	assert.equal(
		await page.getByRole('checkbox', { name: 'Hapus aspek Jenis informasi' }).isDisabled(),
		true
	);
	// With JavaScript each table can grow by more than its one empty row, and posts its new size.
	const bandInputs = page.locator('input[name^=bandLabel_]');
	const bands = await bandInputs.count();
	await page.getByRole('button', { name: 'Tambah baris kualifikasi' }).click();
	assert.equal(await bandInputs.count(), bands + 1);
	assert.equal(await page.inputValue('input[name=bandRows]'), String(bands + 1));
	assert.equal(
		await page.getAttribute(`input[name=bandLabel_${bands}]`, 'placeholder'),
		'Kualifikasi baru…'
	);
});

test('without JavaScript a bad share is refused naming the row, and the typed rows come back', async () => {
	const page = await admin(false);
	await page.goto(`${run.app.url}/admin/periode/2022`);
	await page.fill('input[name=stageShare_1]', 'tiga puluh');
	await page.getByRole('button', { name: 'Simpan struktur rubrik' }).click();
	await page.getByText('Tahap baris 2 (Penilaian mandiri (SAQ)): bobot harus angka.').waitFor();
	assert.equal(await page.inputValue('input[name=stageShare_1]'), 'tiga puluh');
	await page.fill('input[name=stageShare_1]', '40');
	await page.getByRole('button', { name: 'Simpan struktur rubrik' }).click();
	await page.getByText('Bobot tahap berjumlah 110, seharusnya 100.').waitFor();
});
