import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { openDb } from '../../src/lib/server/db';
import { assessments, indicators, opds, periods } from '../../src/lib/server/db/schema';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const SHOTS = process.env.E2E_SHOTS;

async function signedIn(
	username: string,
	options: { viewport: { width: number; height: number }; javaScriptEnabled?: boolean }
): Promise<Page> {
	const context = await run.browser.newContext(options);
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	if (options.javaScriptEnabled === false) {
		// The login form posts without scripts too.
		await page.goto(`${run.app.url}/login`);
		await page.fill('input[name=username]', username);
		await page.fill('input[name=password]', `${username}-dip`);
		await Promise.all([
			page.waitForURL((u) => !u.pathname.startsWith('/login')),
			page.click('button[type=submit]')
		]);
	} else await loginAs(page, run.app.url, username, `${username}-dip`);
	return page;
}

/** The verified value stored for one cell of 2022, read from the database file itself. */
async function stored(opdSlug: string, indicatorKey: string) {
	const db = openDb(run.app.databaseUrl);
	const [cell] = await db
		.select({ value: assessments.value, notApplicable: assessments.notApplicable })
		.from(assessments)
		.innerJoin(periods, eq(periods.id, assessments.periodId))
		.innerJoin(opds, eq(opds.id, assessments.opdId))
		.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
		.where(and(eq(periods.year, 2022), eq(opds.slug, opdSlug), eq(indicators.key, indicatorKey)));
	return cell ?? null;
}

const pageScroll = (page: Page) =>
	page.evaluate(() => ({
		scrollWidth: document.scrollingElement!.scrollWidth,
		innerWidth: window.innerWidth
	}));

const gridRows = (page: Page) =>
	page.locator('table[role=grid] tbody tr:not([aria-hidden]) th[scope=row]');

let opened: Promise<void> | undefined;
/** 2022 copied from 2021 and opened (once, by the first test that needs it): nothing assessed yet. */
const year2022 = () => (opened ??= openYear());
async function openYear() {
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
}

test('on a phone each OPD is a card; a tick there is saved and still there after a reload', async () => {
	await year2022();
	const page = await signedIn('demo-evaluator', { viewport: PHONE });
	await page.goto(`${run.app.url}/penilaian/2022`, { waitUntil: 'networkidle' });
	assert.equal(
		await page.locator('table[role=grid]').isVisible(),
		false,
		'the wide grid is hidden'
	);
	const scroll = await pageScroll(page);
	assert.ok(
		scroll.scrollWidth <= scroll.innerWidth,
		`page scrolls sideways: ${JSON.stringify(scroll)}`
	);
	await page.getByRole('heading', { name: 'Keterangan' }).waitFor();

	const card = page.locator('article.opd-card').first();
	const slug = (await card.getAttribute('id'))!.replace('kartu-', '');
	const cell = card.locator('li.cell').nth(1);
	const key = (await cell.getAttribute('data-indicator'))!;
	assert.equal(await stored(slug, key), null, 'nothing stored yet');
	await cell.getByRole('button', { name: 'ada', exact: true }).click();
	await page.waitForSelector(`#kartu-${slug} li.cell[data-indicator="${key}"][data-state=saved]`);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/matrix-phone.png`, fullPage: false });

	assert.deepEqual(await stored(slug, key), { value: 1, notApplicable: false });
	await page.reload({ waitUntil: 'networkidle' });
	const again = page.locator(`#kartu-${slug} li.cell[data-indicator="${key}"]`);
	assert.equal(
		await again.getByRole('button', { name: 'ada', exact: true }).getAttribute('aria-pressed'),
		'true'
	);
	assert.match(await again.locator('.now').innerText(), /^ada$/);
	await page.context().close();
});

test('without JavaScript a card cell saves by a plain form post and the search works', async () => {
	await year2022();
	const page = await signedIn('demo-evaluator', { viewport: PHONE, javaScriptEnabled: false });
	await page.goto(`${run.app.url}/penilaian/2022`);
	await page.fill('form[role=search] input[name=cari]', 'kecamatan');
	await Promise.all([
		page.waitForURL(/cari=kecamatan/),
		page.press('form[role=search] input[name=cari]', 'Enter')
	]);
	const cards = page.locator('article.opd-card');
	const names = await cards.locator('h2').allInnerTexts();
	assert.ok(names.length > 0 && names.every((n) => /kecamatan/i.test(n)), names.join(', '));

	const card = cards.first();
	const slug = (await card.getAttribute('id'))!.replace('kartu-', '');
	const cell = card.locator('li.cell').first();
	const key = (await cell.getAttribute('data-indicator'))!;
	await Promise.all([
		page.waitForURL((u) => u.hash === `#kartu-${slug}`),
		cell.getByRole('button', { name: 'tidak berlaku', exact: true }).click()
	]);
	const after = page.locator(`#kartu-${slug} li.cell[data-indicator="${key}"]`);
	assert.equal(await after.getByRole('status').innerText(), 'Tersimpan.');
	assert.equal(
		await after
			.getByRole('button', { name: 'tidak berlaku', exact: true })
			.getAttribute('aria-pressed'),
		'true'
	);
	assert.deepEqual(await stored(slug, key), { value: null, notApplicable: true });
	// The search is kept across the post.
	assert.match(page.url(), /cari=kecamatan/);
	assert.ok(
		(await page.locator('article.opd-card h2').allInnerTexts()).every((n) => /kecamatan/i.test(n))
	);
	await page.context().close();
});

test('on a laptop the header and OPD column stay in view and the search narrows the rows', async () => {
	await year2022();
	const page = await signedIn('demo-evaluator', { viewport: LAPTOP });
	await page.goto(`${run.app.url}/penilaian/2022`, { waitUntil: 'networkidle' });
	assert.equal(await page.locator('section.cards').isVisible(), false, 'no cards on a laptop');
	const total = await page.locator('table[role=grid]').getAttribute('aria-rowcount');

	// Full indicator names: no header cuts its label short.
	const clipped = await page.evaluate(() =>
		[...document.querySelectorAll('table[role=grid] thead th.ind')]
			.filter((th) => {
				const range = document.createRange();
				range.selectNodeContents(th);
				const text = range.getBoundingClientRect();
				const cell = th.getBoundingClientRect();
				return text.bottom > cell.bottom + 1 || text.right > cell.right + 1 || text.width === 0;
			})
			.map((th) => th.textContent)
	);
	assert.deepEqual(clipped, []);

	// Scroll the matrix down and right: the header row and the OPD column stay where they were.
	const box = await page.locator('.scroller').boundingBox();
	await page.locator('.scroller').evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
	await page.waitForTimeout(200);
	const header = await page.locator('table[role=grid] thead th.opd').boundingBox();
	assert.ok(box && header);
	assert.ok(Math.abs(header.y - box.y) <= 2, `header at ${header.y}, box at ${box.y}`);
	const lastRow = gridRows(page).last();
	const lastBox = await lastRow.boundingBox();
	assert.ok(lastBox && Math.abs(lastBox.x - box.x) <= 2, 'the OPD column stays at the left edge');
	assert.ok(await lastRow.isVisible());
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/matrix-laptop-scrolled.png` });
	await page.locator('.scroller').evaluate((el) => el.scrollTo(0, 0));

	// The search narrows the rows as one types, and the address keeps it.
	await page.fill('form[role=search] input[name=cari]', 'kec');
	await page.waitForFunction(
		(t) => document.querySelector('table[role=grid]')?.getAttribute('aria-rowcount') !== t,
		total
	);
	const names = await gridRows(page).allInnerTexts();
	assert.ok(names.length > 0 && names.length < Number(total) - 1, `${names.length} rows`);
	assert.ok(
		names.every((n) => /kecamatan/i.test(n)),
		names.join(', ')
	);
	assert.match(page.url(), /cari=kec/);
	assert.match(
		await page.locator('form[role=search] .found').innerText(),
		new RegExp(`^${names.length} dari`)
	);

	// The keyboard still works on the narrowed grid.
	const first = page
		.locator('table[role=grid] tbody tr:not([aria-hidden]) td[role=gridcell]')
		.first();
	await first.click();
	await page.keyboard.press('Space');
	await page.locator('td[role=gridcell][data-state=saved]').first().waitFor();
	assert.equal((await first.innerText()).trim(), '√');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('n');
	await page.waitForFunction(
		() => document.querySelectorAll('td[role=gridcell][data-state=saved]').length === 2
	);
	// The detail panel links the focused cell: its OPD and indicator, stored as not applicable.
	const detail = await page.getByRole('link', { name: /Bukti, catatan/ }).getAttribute('href');
	const [slug, key] = detail!.split('/').slice(-2) as [string, string];
	assert.ok(slug.startsWith('kecamatan'), slug);
	assert.deepEqual(await stored(slug, key), { value: null, notApplicable: true });
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/matrix-laptop-search.png` });
	await page.context().close();
});

test('without JavaScript ?cari= narrows the matrix on a laptop', async () => {
	await year2022();
	const page = await signedIn('demo-evaluator', { viewport: LAPTOP, javaScriptEnabled: false });
	const response = await page.goto(
		`${run.app.url}/penilaian/2022?cari=${encodeURIComponent('Kec. Walantaka')}`
	);
	assert.equal(response?.status(), 200);
	assert.deepEqual(await gridRows(page).allInnerTexts(), ['Kecamatan Walantaka Kota Serang']);
	assert.equal(
		await page.locator('form[role=search] input[name=cari]').inputValue(),
		'Kec. Walantaka'
	);
	await page.goto(`${run.app.url}/penilaian/2022?cari=tidak-ada-opd-begini`);
	assert.equal(await gridRows(page).count(), 0);
	await page.context().close();
});

test('the rubric editor fits a 1366 px screen without sideways scrolling', async () => {
	await year2022();
	const page = await signedIn('demo-admin', { viewport: LAPTOP });
	await page.goto(`${run.app.url}/admin/periode/2022`, { waitUntil: 'networkidle' });
	const scroll = await pageScroll(page);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/rubric-1366.png`, fullPage: true });
	assert.ok(
		scroll.scrollWidth <= scroll.innerWidth,
		`page scrolls sideways: ${JSON.stringify(scroll)}`
	);
	await page.context().close();
});

test('history bars on an OPD page are as long as their values', async () => {
	const page = await run.browser.newPage({ viewport: LAPTOP });
	await page.goto(`${run.app.url}/hasil/2021`);
	const href = await page.locator('a[href^="/hasil/2021/opd/"]').first().getAttribute('href');
	await page.goto(`${run.app.url}${href}`);
	const bars = await page.locator('table.history tbody tr').evaluateAll((rows) =>
		rows
			.map((row) => {
				const track = row.querySelector('.track');
				const bar = row.querySelector('.bar');
				if (!track || !bar) return null;
				const value = Number(
					(bar.closest('td')?.textContent ?? '').trim().replace(/\./g, '').replace(',', '.')
				);
				return {
					value,
					share: bar.getBoundingClientRect().width / track.getBoundingClientRect().width
				};
			})
			.filter((b) => b !== null)
	);
	assert.ok(bars.length >= 2, `${bars.length} history bars`);
	for (const bar of bars)
		assert.ok(Math.abs(bar.share * 100 - bar.value) < 1.5, `bar ${JSON.stringify(bar)}`);
	// Different values, different lengths.
	const values = new Set(bars.map((b) => b.value));
	if (values.size > 1) assert.ok(new Set(bars.map((b) => b.share.toFixed(3))).size > 1);
	await page.close();
});

test('the trend chart draws a chosen few; without JavaScript the tables show instead', async () => {
	const page = await signedIn('demo-evaluator', { viewport: LAPTOP });
	await page.goto(`${run.app.url}/dasbor/2021`, { waitUntil: 'networkidle' });
	const trend = page.getByRole('img', { name: /^Tren nilai akhir/ });
	assert.match((await trend.getAttribute('aria-label'))!, /Tren nilai akhir 10 OPD/);
	await page.getByLabel('Garis yang digambar').selectOption({ label: '5 teratas' });
	await page.getByRole('img', { name: /Tren nilai akhir 5 OPD/ }).waitFor();
	assert.equal(await page.locator('canvas').first().getAttribute('data-rendered'), 'true');
	if (SHOTS) await trend.screenshot({ path: `${SHOTS}/trend.png` });
	await page.context().close();

	const plain = await signedIn('demo-evaluator', { viewport: LAPTOP, javaScriptEnabled: false });
	await plain.goto(`${run.app.url}/dasbor/2021`);
	// No empty chart boxes; every numbers table is readable without a click.
	const charts = plain.locator('.chart');
	assert.ok((await charts.count()) > 0);
	for (const chart of await charts.all()) assert.equal(await chart.isVisible(), false);
	const tables = plain.locator('details.numbers table');
	assert.ok((await tables.count()) > 0);
	for (const table of await tables.all()) assert.equal(await table.isVisible(), true);
	assert.equal(await plain.getByLabel('Garis yang digambar').isVisible(), false);
	if (SHOTS) await plain.screenshot({ path: `${SHOTS}/dashboard-nojs.png` });
	await plain.context().close();
});
