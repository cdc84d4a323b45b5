import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoSidewaysScroll, loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

const PHONE = { width: 390, height: 844 };

test('the public pages fit a 390 px phone', async () => {
	const page = await run.browser.newPage({ viewport: PHONE });
	for (const path of [
		'/',
		'/hasil',
		'/hasil/2021',
		'/hasil/2020',
		'/metode/2021',
		'/data-terbuka',
		'/login'
	])
		await assertNoSidewaysScroll(page, run.app.url, path);
	await page.close();
});

test('an operator finds its gaps for the year it works on, on a phone', async () => {
	// The admin opens 2022 (copied from 2021); the operator self-assesses it.
	const admin = await run.browser.newPage();
	await loginAs(admin, run.app.url, 'demo-admin', 'demo-admin-dip');
	await admin.goto(`${run.app.url}/admin/periode`);
	await admin.fill('form.copy input[name=from]', '2021');
	await admin.fill('form.copy input[name=to]', '2022');
	await admin.getByRole('button', { name: 'Buat periode' }).click();
	await admin.getByText('Periode 2022 dibuat sebagai draf').waitFor();
	await admin.getByRole('button', { name: 'Buka periode 2022' }).click();
	await admin.getByText(/Status 2022: Dibuka/).waitFor();
	await admin.close();

	const context = await run.browser.newContext({ viewport: PHONE });
	const operator = await context.newPage();
	await loginAs(operator, run.app.url, 'demo-operator', 'demo-operator-dip');
	await assertNoSidewaysScroll(operator, run.app.url, '/opd-saya');
	await operator.getByRole('heading', { name: /OPD saya: .*Komunikasi/ }).waitFor();
	await assertNoSidewaysScroll(operator, run.app.url, '/opd-saya/2022');
	const gaps = operator.locator('section[aria-labelledby=kurang]');
	// Nothing filled in yet: every category is a gap.
	assert.equal(await gaps.locator('table.gaps tbody tr').count(), 13);
	await operator.locator('select[name^=value_]').first().selectOption('1');
	await operator.getByRole('button', { name: 'Simpan', exact: true }).click();
	await operator.getByText('1 isian disimpan.').waitFor();
	await operator.waitForFunction(
		() =>
			document.querySelectorAll('section[aria-labelledby=kurang] table.gaps tbody tr').length === 12
	);
	assert.match(await gaps.innerText(), /sementara/);
	// A published year links to the public page of the OPD.
	await assertNoSidewaysScroll(operator, run.app.url, '/opd-saya/2021');
	await operator.getByRole('link', { name: /Halaman publik OPD ini/ }).click();
	await operator.waitForURL(/\/hasil\/2021\/opd\//);
	await assertNoSidewaysScroll(operator, run.app.url, new URL(operator.url()).pathname);
	await context.close();
});
