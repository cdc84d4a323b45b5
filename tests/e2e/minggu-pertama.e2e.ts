import assert from 'node:assert/strict';
import { test } from 'node:test';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import {
	assertNoSidewaysScroll,
	copyAndOpenYear,
	loginAs,
	PROXY_SETTINGS,
	useAppAndBrowser
} from './harness';

// "Minggu pertama" (issue 11, "Done means"): the first week at a PPID as one story in Chromium,
// against the built app started the way the README starts it: no ORIGIN and no proxy headers.
// 1 sign-in without ORIGIN · 2 copy a year, ticks, template round trip · 3 publish guard ·
// 4 one tie order everywhere · 6 an operator's gaps at 390 px. (5, one key and one mark
// vocabulary, is what makes the template round trip exact.)
const run = useAppAndBrowser(PROXY_SETTINGS);

const PHONE = { width: 390, height: 844 };
const DISKOMINFO = /Komunikasi dan Informatika/;
const DISTAN = /Dinas Pertanian/;
const BAPPEDA = /Badan Perencanaan/;

/** A signed-in page of its own (own cookies); the browser runs in another zone than the app. */
async function signedIn(username: string, viewport?: { width: number; height: number }) {
	const context = await run.browser.newContext({
		timezoneId: 'America/Sao_Paulo',
		...(viewport ? { viewport } : {})
	});
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	await loginAs(page, run.app.url, username, `${username}-dip`);
	return page;
}

/** Uploads a file on /impor for `year` and waits for its preview. */
async function preview(page: Page, year: number, name: string, text: string | Buffer) {
	await page.goto(`${run.app.url}/impor`, { waitUntil: 'networkidle' });
	await page.fill('input[name=year]', String(year));
	await page.setInputFiles('input[name=file]', {
		name,
		mimeType: 'text/csv',
		buffer: Buffer.isBuffer(text) ? text : Buffer.from(text)
	});
	await page.getByRole('button', { name: 'Pratinjau' }).click();
	await page.getByRole('heading', { name: `Pratinjau impor tahun ${year}` }).waitFor();
}

/** Index of the first item whose text matches, or -1. */
const indexOf = (texts: string[], name: RegExp) => texts.findIndex((t) => name.test(t));

test('minggu pertama: sign in without ORIGIN, copy a year, tick, round-trip the template, publish with care, one order, operator gaps on a phone', async () => {
	// 1. No ORIGIN, no proxy header: signing in works (no 403), API links use the client's address.
	const periods = (await (await fetch(`${run.app.url}/api/v1/periods`)).json()) as {
		results: string;
	}[];
	assert.ok(periods.length > 0);
	for (const p of periods) assert.ok(p.results.startsWith(`${run.app.url}/api/v1/`), p.results);
	// With JavaScript off too: the plain form post is not refused as cross-site.
	const plain = await run.browser.newContext({ javaScriptEnabled: false });
	const reader = await plain.newPage();
	await reader.goto(`${run.app.url}/login`);
	await reader.fill('input[name=username]', 'demo-pimpinan');
	await reader.fill('input[name=password]', 'demo-pimpinan-dip');
	const [answer] = await Promise.all([
		reader.waitForResponse((r) => r.request().method() === 'POST'),
		reader.click('button[type=submit]')
	]);
	assert.notEqual(answer.status(), 403, 'sign-in refused as a cross-site post');
	await reader.waitForURL((u) => !u.pathname.startsWith('/login'));
	await plain.close();
	const admin = await signedIn('demo-admin');

	// 2a. The admin copies 2021 into 2022, opens it, and opens its matrix.
	await copyAndOpenYear(admin, run.app.url, 2021, 2022);
	await admin.goto(`${run.app.url}/penilaian/2022`);
	await admin.getByRole('heading', { name: /2022/ }).first().waitFor();

	// 2b. The evaluator ticks two cells with the keyboard; both are saved.
	const evaluator = await signedIn('demo-evaluator');
	await evaluator.goto(`${run.app.url}/penilaian/2022`, { waitUntil: 'networkidle' });
	await evaluator
		.locator('table[role=grid] tbody tr:not([aria-hidden]) td[role=gridcell]')
		.first()
		.click();
	await evaluator.keyboard.press('Space');
	await evaluator.keyboard.press('ArrowRight');
	await evaluator.keyboard.press('Space');
	await evaluator.waitForFunction(
		() => document.querySelectorAll('td[role=gridcell][data-state=saved]').length === 2
	);

	// 6. The operator finds its OPD's gaps for the open year on a 390 px phone, no sideways scroll.
	const operator = await signedIn('demo-operator', PHONE);
	await assertNoSidewaysScroll(operator, run.app.url, '/opd-saya');
	await operator.getByRole('heading', { name: /OPD saya: .*Komunikasi/ }).waitFor();
	await assertNoSidewaysScroll(operator, run.app.url, '/opd-saya/2022');
	const gaps = operator.locator('section[aria-labelledby=kurang] table.gaps tbody tr');
	assert.ok((await gaps.count()) >= 11, 'nothing of Diskominfo is assessed yet: many gaps');
	await operator.context().close();

	// 2c. The template of the year in progress, imported back unchanged: 0 changes.
	const exported = await admin.request.get(`${run.app.url}/api/v1/periods/2022/ekspor/templat.csv`);
	assert.equal(exported.status(), 200);
	const original = Buffer.from(await exported.body());
	await preview(admin, 2022, 'templat-2022.csv', original);
	await admin.getByText('Tidak ada sel yang berubah.').waitFor();
	assert.match(await admin.locator('.kinds').innerText(), /0 → ada, 0 → tidak ada/);

	// Edited: Diskominfo has everything, Distan and Bappeda miss one category each (a tie).
	const table = Papa.parse<string[]>(original.toString('utf8').replace(/^\uFEFF/, ''), {
		skipEmptyLines: true
	}).data;
	const edited = table.map((row) => [...row]);
	const edit = (name: RegExp, missing: number) => {
		const row = edited.find((r) => name.test(r[1] ?? ''));
		assert.ok(row, `no row for ${name}`);
		for (let c = 2; c < row.length; c++) row[c] = c - 2 === missing ? 'tidak' : '√';
	};
	edit(DISKOMINFO, -1);
	edit(DISTAN, 0);
	edit(BAPPEDA, 1);
	let changed = 0;
	for (const [r, row] of edited.entries())
		for (const [c, text] of row.entries()) if (text !== table[r]![c]) changed++;
	assert.ok(changed >= 30, `${changed} cells edited`);
	await preview(admin, 2022, 'templat-2022-diedit.csv', Papa.unparse(edited, { newline: '\r\n' }));
	const counts = admin.locator('ul.counts');
	assert.match(await counts.innerText(), new RegExp(`${changed} sel berubah`));
	assert.match(await admin.locator('.kinds').innerText(), /2 → tidak ada, 0 → tidak berlaku/);
	if (await admin.locator('input[name=ackAbsent]').isVisible())
		await admin.locator('input[name=ackAbsent]').check();
	await admin.getByRole('button', { name: 'Impor ke 2022' }).click();
	const done = admin.getByRole('status').filter({ hasText: 'Impor tahun 2022 selesai' });
	await done.waitFor();
	assert.match(await done.innerText(), new RegExp(`${changed} sel`));

	// Times read the same rendered on the server and after hydration, in the app's zone (WIB),
	// though this browser runs in São Paulo.
	await admin.goto(`${run.app.url}/impor`, { waitUntil: 'networkidle' });
	const history = admin.locator('section', { hasText: 'Riwayat impor' }).locator('tbody tr');
	const shown = (await history.first().locator('td').nth(1).innerText()).trim();
	assert.match(shown, /^\d{1,2} \p{L}+ \d{4} pukul \d\d\.\d\d WIB$/u);
	const served = await (await admin.request.get(`${run.app.url}/impor`)).text();
	assert.ok(served.includes(shown), `the server wrote another time than "${shown}"`);

	// 3. Publishing with cells not assessed: the summary first, then a refusal until decided.
	const confirmSummary = () => evaluator.getByLabel('Saya sudah memeriksa ringkasan ini').check();
	await evaluator.goto(`${run.app.url}/penilaian/2022`, { waitUntil: 'networkidle' });
	await evaluator.getByRole('button', { name: 'Mulai evaluasi' }).click();
	await evaluator.getByRole('heading', { name: 'Ringkasan kesiapan' }).waitFor();
	const summary = evaluator.locator('#kesiapan ul.readiness');
	assert.match(await summary.innerText(), /sel belum dinilai, di \d+ OPD/);
	assert.match(await summary.innerText(), /posisi podium masih seri tanpa keputusan urutan/);
	await confirmSummary();
	await evaluator.getByRole('button', { name: 'Finalkan' }).click();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).waitFor();
	await confirmSummary();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).click();
	await evaluator
		.getByRole('alert')
		.getByText(/belum dinilai: putuskan dulu/)
		.waitFor();
	assert.ok(
		await evaluator.getByRole('button', { name: 'Publikasikan' }).isVisible(),
		'still final'
	);

	// Decided: one OPD "tidak dinilai" with a reason, the other empty cells count as "tidak ada".
	await evaluator.getByText('Sel belum dinilai per OPD').click();
	const leftOut = evaluator.locator('form.not-rated').first();
	const leftOutSlug = await leftOut.locator('input[name=opd]').inputValue();
	await leftOut.locator('input[name=reason]').fill('Situs OPD tidak dapat diakses');
	await leftOut.getByRole('button', { name: 'Tidak dinilai' }).click();
	await evaluator.getByText('Keputusan penilaian OPD disimpan.').waitFor();
	await evaluator.fill(
		'form.decide input[name=reason]',
		'Rapat tim: sel kosong dihitung tidak ada'
	);
	await evaluator.getByLabel('Hitung sebagai "tidak ada"').check();
	await evaluator.getByRole('button', { name: 'Putuskan sel kosong' }).click();
	await evaluator.getByText(/sel yang belum dinilai kini dihitung "tidak ada"/).waitFor();

	// 4. The team puts Distan above Bappeda (against the alphabet) in their tie for second.
	await evaluator.goto(`${run.app.url}/penilaian/2022/juara`, { waitUntil: 'networkidle' });
	const tie = evaluator.locator('section', { hasText: 'Seri pada posisi' });
	// The form names them by their short names.
	await tie.getByLabel(/^Distan: urutan/).fill('1');
	await tie.getByLabel(/^Bappeda: urutan/).fill('2');
	await tie.getByLabel('Alasan keputusan tim').fill('Presentasi lebih lengkap');
	await tie.getByRole('button', { name: 'Catat keputusan' }).click();
	await evaluator.getByText('Keputusan dicatat.').waitFor();

	await evaluator.goto(`${run.app.url}/penilaian/2022`, { waitUntil: 'networkidle' });
	await confirmSummary();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).click();
	await evaluator.getByRole('button', { name: 'Publikasikan' }).waitFor({ state: 'detached' });

	// One order everywhere: the ranking table, the podium, the API and the CSV.
	const visitor = await run.browser.newPage();
	assert.equal((await visitor.goto(`${run.app.url}/hasil/2022`))?.status(), 200);
	const ranking = await visitor
		.locator('table:not(.matrix) tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()))
		);
	assert.deepEqual(
		ranking.slice(0, 3).map((cells) => [cells[0], cells[6]]),
		[
			['1', 'Terbaik I'],
			['2', 'Terbaik II'],
			['3', 'Terbaik III']
		]
	);
	const names = ranking.map((cells) => cells[1] ?? '');
	assert.deepEqual(
		[DISKOMINFO, DISTAN, BAPPEDA].map((n) => indexOf(names, n)),
		[0, 1, 2]
	);
	const podium = await visitor.locator('ol.podium .who').allInnerTexts();
	assert.deepEqual(podium.slice(0, 3), ['Diskominfo', 'Distan', 'Bappeda']);
	const api = (await (await fetch(`${run.app.url}/api/v1/periods/2022/results`)).json()) as {
		results: Record<string, unknown>[];
	};
	const apiRows = api.results.map((r) => JSON.stringify(r));
	const slugOrder = [/komunikasi/i, /pertanian/i, /perencanaan/i].map((n) => indexOf(apiRows, n));
	assert.deepEqual(slugOrder, [0, 1, 2], 'API order');
	const csv = (await (await fetch(`${run.app.url}/api/v1/periods/2022/results.csv`)).text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split(/\r?\n/)
		.slice(1);
	assert.deepEqual(
		[/komunikasi/i, /pertanian/i, /perencanaan/i].map((n) => indexOf(csv, n)),
		[0, 1, 2],
		'CSV order'
	);
	assert.equal(api.results.length, ranking.length, 'the left-out OPD is in neither');

	// The OPD left out has a public page saying so, with the reason and no score.
	const response = await visitor.goto(`${run.app.url}/hasil/2022/opd/${leftOutSlug}`);
	assert.equal(response?.status(), 200);
	const main = await visitor.locator('main').innerText();
	assert.match(main, /tidak dinilai/);
	assert.match(main, /Situs OPD tidak dapat diakses/);
	assert.doesNotMatch(main, /dari \d+ OPD|kategori terpenuhi/);
	await visitor.close();
	await evaluator.context().close();
	await admin.context().close();
});
