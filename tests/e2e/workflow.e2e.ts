import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

async function signedIn(username: string): Promise<Page> {
	const context = await run.browser.newContext();
	const page = await context.newPage();
	page.setDefaultTimeout(10_000);
	await loginAs(page, run.app.url, username, `${username}-dip`);
	return page;
}

const cells = (page: Page) =>
	page.locator('table[role=grid] tbody tr:not([aria-hidden]) td[role=gridcell]');

test('an evaluator day: copy 2021 into 2022, tick by keyboard, resolve a conflict, finalize, publish', async () => {
	// The admin copies last year and opens the new period.
	const admin = await signedIn('demo-admin');
	await admin.goto(`${run.app.url}/admin/periode`);
	await admin.fill('form.copy input[name=from]', '2021');
	await admin.fill('form.copy input[name=to]', '2022');
	await admin.getByRole('button', { name: 'Buat periode' }).click();
	await admin.getByText('Periode 2022 dibuat sebagai draf').waitFor();
	await admin.getByRole('button', { name: 'Buka periode 2022' }).click();
	await admin.getByText(/Status 2022: Dibuka/).waitFor();

	// The evaluator ticks two cells with the keyboard; each shows as saved.
	const evaluator = await signedIn('demo-evaluator');
	await evaluator.goto(`${run.app.url}/penilaian/2022`);
	const first = cells(evaluator).nth(0);
	const second = cells(evaluator).nth(1);
	await first.click();
	await evaluator.keyboard.press('Space');
	await evaluator.locator('td[role=gridcell][data-state=saved]').first().waitFor();
	assert.equal((await first.innerText()).trim(), '√');
	await evaluator.keyboard.press('ArrowRight');
	await evaluator.keyboard.press('Space');
	await evaluator.waitForFunction(
		() => document.querySelectorAll('td[role=gridcell][data-state=saved]').length === 2
	);
	assert.equal((await second.innerText()).trim(), '√');
	assert.match(await evaluator.getByRole('status').first().innerText(), /^2 \/ /);

	// Meanwhile the admin changes the first cell on its own page: the evaluator's copy is stale.
	const rowLink = evaluator.locator('table[role=grid] tbody th[scope=row] a').first();
	const opdHref = await rowLink.getAttribute('href');
	const firstKey = await evaluator.evaluate(() => {
		const th = document.querySelectorAll('table[role=grid] thead th.ind')[0];
		return th?.getAttribute('title') ?? '';
	});
	assert.ok(opdHref && firstKey);
	await admin.goto(`${run.app.url}${opdHref}`);
	await admin.getByRole('link', { name: firstKey }).click();
	await admin.selectOption('select[name=value]', '0');
	await admin.getByRole('button', { name: 'Simpan' }).click();
	await admin.getByText('Tersimpan.').waitFor();

	// The evaluator saves over it: refused, the current value shown, resolved in one click.
	await first.click();
	await evaluator.keyboard.press('1');
	const conflict = evaluator.locator('.conflicts');
	await conflict.waitFor();
	assert.match(await conflict.innerText(), /diubah orang lain menjadi\s+tidak ada/);
	assert.equal(await first.getAttribute('data-state'), 'conflict');
	await conflict.getByRole('button', { name: 'Terapkan nilai saya' }).click();
	await evaluator.waitForFunction(
		() =>
			document.querySelector('td[role=gridcell]')?.getAttribute('data-state') === 'saved' &&
			!document.querySelector('.conflicts')
	);
	assert.equal((await first.innerText()).trim(), '√');

	// Finalize and publish; the public sees the result. Neither is one click: the team reads the
	// readiness summary and ticks it, and a year with empty cells is published only once the team
	// has decided them.
	const confirmSummary = () => evaluator.getByLabel('Saya sudah memeriksa ringkasan ini').check();
	await evaluator.getByRole('button', { name: 'Mulai evaluasi' }).click();
	await evaluator.getByRole('heading', { name: 'Ringkasan kesiapan' }).waitFor();
	assert.match(
		await evaluator.locator('#kesiapan ul.readiness').innerText(),
		/sel belum dinilai, di 32 OPD/
	);
	await confirmSummary();
	await evaluator.getByRole('button', { name: 'Finalkan' }).click();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).waitFor();
	await confirmSummary();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).click();
	await evaluator
		.getByRole('alert')
		.getByText(/belum dinilai: putuskan dulu/)
		.waitFor();
	// One OPD the team could not assess is left out of the ranking, with a reason.
	await evaluator.getByText('Sel belum dinilai per OPD').click();
	const leftOut = evaluator.locator('form.not-rated').first();
	await leftOut.locator('input[name=reason]').fill('Situs OPD tidak dapat diakses');
	await leftOut.getByRole('button', { name: 'Tidak dinilai' }).click();
	await evaluator.getByText('Keputusan penilaian OPD disimpan.').waitFor();
	await evaluator.getByRole('heading', { name: 'OPD tidak dinilai' }).waitFor();
	await evaluator.fill(
		'form.decide input[name=reason]',
		'Rapat tim: sel kosong dihitung tidak ada'
	);
	await evaluator.getByLabel('Hitung sebagai "tidak ada"').check();
	await evaluator.getByRole('button', { name: 'Putuskan sel kosong' }).click();
	await evaluator.getByText(/sel yang belum dinilai kini dihitung "tidak ada"/).waitFor();
	await confirmSummary();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).click();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).waitFor({ state: 'detached' });
	await evaluator.getByText('Dipublikasikan').first().waitFor();
	const visitor = await run.browser.newPage();
	const response = await visitor.goto(`${run.app.url}/hasil/2022`);
	assert.equal(response?.status(), 200);
	await visitor.getByRole('heading', { name: /2022/ }).first().waitFor();
	assert.equal(await visitor.locator('table:not(.matrix) tbody tr').count(), 31);
	await visitor.getByRole('heading', { name: 'OPD tidak dinilai' }).waitFor();
	assert.match(
		await visitor.locator('#tidak-dinilai + p + ul').innerText(),
		/Situs OPD tidak dapat diakses/
	);
});

test('an operator self-assesses its own OPD; the evaluator sees the difference and accepts it', async () => {
	const admin = await signedIn('demo-admin');
	await admin.goto(`${run.app.url}/admin/periode`);
	await admin.fill('form.copy input[name=from]', '2021');
	await admin.fill('form.copy input[name=to]', '2023');
	await admin.getByRole('button', { name: 'Buat periode' }).click();
	await admin.getByText('Periode 2023 dibuat sebagai draf').waitFor();
	await admin.getByRole('button', { name: 'Buka periode 2023' }).click();
	await admin.getByText(/Status 2023: Dibuka/).waitFor();

	const operator = await signedIn('demo-operator');
	await operator.goto(`${run.app.url}/opd-saya/2023`);
	const firstValue = operator.locator('select[name^=value_]').first();
	await firstValue.selectOption('1');
	await operator
		.locator('input[name^=evidenceUrl_]')
		.first()
		.fill('https://diskominfo.serangkota.go.id/struktur');
	await operator.getByRole('button', { name: 'Simpan', exact: true }).click();
	await operator.getByText('1 isian disimpan.').waitFor();
	// The rubric says what counts, beside each indicator (the seed's default definitions).
	await operator.getByText('Apa yang dihitung?').first().click();
	await operator.getByText(/Bagan struktur organisasi OPD/).waitFor();
	// The check before sending: the blank indicators are listed, each linking to its row, and the
	// server refuses the submission while they are blank.
	const check = operator.locator('section[aria-labelledby=periksa]');
	const blanks = (await operator.locator('select[name^=value_]').count()) - 1;
	assert.equal(await check.locator('li.blocks').count(), blanks);
	const firstBlank = check.locator('li.blocks a').first();
	assert.match((await firstBlank.getAttribute('href')) ?? '', /^#indikator-\d+$/);
	await operator.getByRole('button', { name: 'Kirim untuk verifikasi' }).click();
	await check.getByText(`Belum dapat dikirim: ${blanks} isian harus dilengkapi`).waitFor();
	for (const select of await operator.locator('select[name^=value_]').all())
		if ((await select.inputValue()) === '') await select.selectOption('0');
	await operator.getByRole('button', { name: 'Simpan', exact: true }).click();
	await operator.getByText(`${blanks} isian disimpan.`).waitFor();
	await check.getByText('Semua indikator terisi').waitFor();
	await operator.getByRole('button', { name: 'Kirim untuk verifikasi' }).click();
	await operator.getByText('Terkirim ke tim monev').waitFor();

	const evaluator = await signedIn('demo-evaluator');
	await evaluator.goto(`${run.app.url}/notifikasi`);
	await evaluator.getByText(/mengirim penilaian mandiri 2023/).waitFor();
	// The participation board counts the submission; the others get a reminder.
	await evaluator.goto(`${run.app.url}/penilaian/2023/partisipasi`);
	assert.match(
		await evaluator.locator('tr[data-opd=dinas-komunikasi-dan-informatika]').innerText(),
		/Dikirim untuk verifikasi/
	);
	await evaluator.getByRole('button', { name: /Kirim pengingat ke semua yang belum/ }).click();
	await evaluator.getByText(/Pengingat dikirim ke \d+ OPD/).waitFor();
	assert.equal(
		await evaluator.locator('tr[data-opd=dinas-komunikasi-dan-informatika] td').last().innerText(),
		'–'
	);
	await evaluator.goto(`${run.app.url}/penilaian/2023`);
	await evaluator.getByLabel('Berbeda dengan penilaian mandiri').check();
	const rows = evaluator.locator('table[role=grid] tbody tr:not([aria-hidden])');
	await evaluator.waitForFunction(
		() => document.querySelectorAll('table[role=grid] tbody tr:not([aria-hidden])').length === 1
	);
	assert.match(await rows.first().innerText(), /Komunikasi/);
	const cell = cells(evaluator).first();
	assert.equal(await cell.evaluate((el) => el.classList.contains('differs')), true);
	await cell.click();
	await evaluator.keyboard.press('a');
	// The other cells ("Tidak", filled in to submit) still differ from the empty verified ones.
	await evaluator.waitForFunction(
		() =>
			!document
				.querySelector('table[role=grid] tbody tr:not([aria-hidden]) td[role=gridcell]')
				?.classList.contains('differs')
	);
	await operator.goto(`${run.app.url}/opd-saya/2023`);
	assert.match(
		await operator.locator('form[action="?/save"] tbody tr').first().innerText(),
		/Ya\s*$/
	);
	// The public method page of a published year carries the definitions too.
	const visitor = await run.browser.newPage();
	await visitor.goto(`${run.app.url}/metode/2021`);
	await visitor
		.locator('#definisi-renja + dd')
		.getByText(/Rencana Kerja \(Renja\)/)
		.waitFor();
});
