import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

const PHONE = { width: 390, height: 844 };

/** The page itself never scrolls sideways; a wide table scrolls inside its own box. */
async function assertNoSidewaysScroll(page: Page, path: string) {
	const response = await page.goto(`${run.app.url}${path}`);
	assert.equal(response?.status(), 200, path);
	const overflow = await page.evaluate(() => {
		const doc = document.documentElement;
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
			.filter((el) => !el.closest('.table-wrap, .chart-wrap, [data-scrolls]'))
			.slice(0, 3)
			.map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
		return { scroll: doc.scrollWidth - doc.clientWidth, wide };
	});
	assert.ok(
		overflow.scroll <= 0,
		`${path} scrolls sideways by ${overflow.scroll}px: ${overflow.wide}`
	);
}

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
		await assertNoSidewaysScroll(page, path);
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
	await assertNoSidewaysScroll(operator, '/opd-saya');
	await operator.getByRole('heading', { name: /OPD saya: .*Komunikasi/ }).waitFor();
	await assertNoSidewaysScroll(operator, '/opd-saya/2022');
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
	await assertNoSidewaysScroll(operator, '/opd-saya/2021');
	await operator.getByRole('link', { name: /Halaman publik OPD ini/ }).click();
	await operator.waitForURL(/\/hasil\/2021\/opd\//);
	await assertNoSidewaysScroll(operator, new URL(operator.url()).pathname);
	await context.close();
});
