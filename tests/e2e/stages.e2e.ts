import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { openDb } from '../../src/lib/server/db';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { copyPeriod } from '../../src/lib/server/workflow/period-copy';
import { makeTwoStages } from '../integration/helpers/workflow';
import { launchBrowser, loginAs, startApp, type RunningApp } from './harness';

let app: RunningApp;
let browser: Browser;

/**
 * 2022 copied from 2021 with a two-stage rubric (website monitoring with a minimum of 50, then
 * visitasi), under evaluation. Building the rubric through its editor has its own browser test
 * (rubric-structure.e2e.ts); here the set-up goes straight to the app's database.
 */
before(async () => {
	app = await startApp();
	browser = await launchBrowser();
	const db = openDb(app.databaseUrl);
	try {
		const { periodId } = await copyPeriod(2021, 2022, SYSTEM_ACTORS.seed, db);
		await makeTwoStages(db, periodId);
		const mover = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };
		await transition(periodId, 'open', mover, '', db);
		await transition(periodId, 'evaluation', mover, '', db);
	} finally {
		db.$client.close();
	}
});
after(async () => {
	await browser?.close();
	await app?.stop();
});

async function signedIn(username: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	page.setDefaultTimeout(10_000);
	await loginAs(page, app.url, username, `${username}-dip`);
	return page;
}

const stageCard = (page: Page, label: string) =>
	page.locator('li.stage', { has: page.getByRole('heading', { name: label }) });

test('a staged period: start a stage, fill only its cells, announce, the operator sees its score and may appeal', async () => {
	const evaluator = await signedIn('demo-evaluator');

	// Nothing runs yet: the matrix says so and takes no value.
	await evaluator.goto(`${app.url}/penilaian/2022`, { waitUntil: 'networkidle' });
	await evaluator.getByText('Belum ada tahap yang berjalan').waitFor();

	// The evaluator starts the first stage on the stage page.
	await evaluator.goto(`${app.url}/penilaian/2022/tahap`);
	await evaluator.getByRole('button', { name: 'Mulai tahap Monitoring website' }).click();
	await evaluator.getByText('Tahap dimulai.').waitFor();
	await stageCard(evaluator, 'Monitoring website').getByText('Berjalan').waitFor();

	// In the matrix the operator's OPD gets a tick in the first column (a website-stage indicator);
	// a visitasi column is locked and says why.
	await evaluator.goto(`${app.url}/penilaian/2022`, { waitUntil: 'networkidle' });
	await evaluator.getByText(/sedang berjalan; hanya indikator tahap ini/).waitFor();
	const row = evaluator.locator('table[role=grid] tbody tr', {
		has: evaluator.getByRole('link', { name: 'Dinas Komunikasi dan Informatika Kota Serang' })
	});
	const cells = row.locator('td[role=gridcell]');
	await cells.nth(0).click();
	await evaluator.keyboard.press('Space');
	await row.locator('td[role=gridcell][data-state=saved]').waitFor();
	assert.equal((await cells.nth(0).innerText()).trim(), '√');
	assert.match((await cells.nth(8).getAttribute('class')) ?? '', /locked/);
	await cells.nth(8).click();
	await evaluator.keyboard.press('Space');
	await evaluator
		.getByText(/bukan bagian tahap "Monitoring website"/)
		.first()
		.waitFor();
	assert.equal((await cells.nth(8).innerText()).trim(), '');

	// Results announced: the appeal window opens.
	await evaluator.goto(`${app.url}/penilaian/2022/tahap`);
	await evaluator.getByRole('button', { name: 'Umumkan hasil tahap Monitoring website' }).click();
	await evaluator.getByText('Hasil tahap diumumkan; masa sanggah dibuka.').waitFor();
	// 1 of 6 website indicators: 16,67 < 50, the OPD does not go on.
	await evaluator.getByRole('row', { name: /Dinas Komunikasi dan Informatika.*16,67/ }).waitFor();

	// The operator reads its stage score, why it stopped, and may appeal a website-stage cell.
	const operator = await signedIn('demo-operator');
	await operator.goto(`${app.url}/opd-saya/2022`);
	await operator.getByRole('heading', { name: 'Tahap penilaian' }).waitFor();
	const alert = await operator.getByRole('alert').first().innerText();
	assert.match(alert, /nilai tahap "Monitoring website" 16,67 di bawah batas minimum 50,00/);
	const options = await operator.locator('select[name=indicatorId] option').count();
	assert.equal(options, 6, 'only the six website-stage indicators can be appealed');
	await operator.fill('textarea[name=reason]', 'Dokumen kami sudah terbit di situs sejak Maret');
	await operator.fill('input[name=requestedValue]', '1');
	await operator.getByRole('button', { name: 'Ajukan sanggahan' }).click();
	await operator.getByText('Sanggahan terkirim ke tim monev.').waitFor();

	// The stage cannot close while the appeal waits.
	await evaluator.reload();
	await stageCard(evaluator, 'Monitoring website')
		.getByRole('link', { name: '1 sanggahan menunggu jawaban' })
		.waitFor();
	assert.equal(
		await evaluator.getByRole('button', { name: 'Tutup tahap Monitoring website' }).count(),
		0
	);
});

test('an admin schedules a stage and assigns its evaluator; dates that run backwards are refused', async () => {
	const admin = await signedIn('demo-admin');
	await admin.goto(`${app.url}/penilaian/2022/tahap`, { waitUntil: 'networkidle' });
	const visit = stageCard(admin, 'Visitasi');
	await visit.getByText('Jadwal dan penilai').click();
	await visit.locator('input[name=startsOn]').fill('2022-06-10');
	await visit.locator('input[name=endsOn]').fill('2022-06-01');
	await visit.getByRole('button', { name: 'Simpan jadwal' }).click();
	await admin
		.getByRole('alert')
		.filter({ hasText: 'Tanggal selesai tahap tidak boleh sebelum tanggal mulainya.' })
		.waitFor();

	await visit.locator('input[name=endsOn]').fill('2022-06-30');
	await visit.getByRole('checkbox', { name: /demo-evaluator/ }).check();
	await visit.getByRole('button', { name: 'Simpan jadwal' }).click();
	await admin.getByText('Jadwal tahap disimpan.').waitFor();
	const summary = await stageCard(admin, 'Visitasi').innerText();
	assert.match(summary, /2022-06-10 s\.d\. 2022-06-30/);
	assert.match(summary, /penilai: Evaluator Demo/);
});
