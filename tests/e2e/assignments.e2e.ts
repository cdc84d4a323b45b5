import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient } from '@libsql/client';
import { loginAs, useAppAndBrowser } from './harness';

/**
 * Issue 13 §1 in the built app, with JavaScript off: the admin assigns an evaluator one OPD on
 * /penilaian/[year]/penugasan (a plain form), the evaluator's matrix opens on "Tugas saya" with
 * that OPD, and a save outside the assignment through the per-OPD form is refused with the reason.
 */
const run = useAppAndBrowser();

test('assign an OPD without JavaScript; the evaluator works on "Tugas saya"', async () => {
	// The demo years are published; reopen 2021 for evaluation (test setup, as a reopen would).
	const client = createClient({ url: run.app.databaseUrl });
	await client.execute('PRAGMA busy_timeout = 5000');
	await client.execute("UPDATE periods SET status = 'evaluation' WHERE year = 2021");
	const opds = await client.execute(
		'SELECT o.slug, r.display_name AS name FROM period_opds r JOIN opds o ON o.id = r.opd_id ' +
			'JOIN periods p ON p.id = r.period_id WHERE p.year = 2021 ORDER BY r.display_number LIMIT 2'
	);
	client.close();
	const [first, other] = opds.rows.map((r) => ({ slug: String(r.slug), name: String(r.name) }));

	const adminContext = await run.browser.newContext({ javaScriptEnabled: false });
	const admin = await adminContext.newPage();
	await loginAs(admin, run.app.url, 'demo-admin', 'demo-admin-dip');
	await admin.goto(`${run.app.url}/penilaian/2021/penugasan`);
	const card = admin.locator('details[data-assign="demo-evaluator"]');
	await card.locator('summary').click();
	await card.getByLabel(first!.name, { exact: true }).check();
	await Promise.all([
		admin.waitForURL(/penugasan/),
		card.getByRole('button', { name: 'Simpan penugasan Evaluator Demo' }).click()
	]);
	await admin.getByText('Penugasan disimpan.').waitFor();
	const row = admin.locator('tr[data-evaluator="demo-evaluator"]');
	assert.match(await row.innerText(), new RegExp(first!.name));
	await adminContext.close();

	const context = await run.browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await loginAs(page, run.app.url, 'demo-evaluator', 'demo-evaluator-dip');
	await page.goto(`${run.app.url}/penilaian/2021`);
	await page.getByText('Tugas saya (1 OPD)').waitFor();
	await page.getByRole('link', { name: /Semua OPD/ }).waitFor();

	// The per-OPD form (no JavaScript) of an OPD outside the assignment: refused with the reason.
	await page.goto(`${run.app.url}/penilaian/2021/opd/${other!.slug}`);
	const select = page.locator('form select, form input[type=number]').first();
	const tag = await select.evaluate((el) => el.tagName);
	if (tag === 'SELECT') {
		const options = await select
			.locator('option')
			.evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
		const current = await select.inputValue();
		await select.selectOption(options.find((v) => v !== current && v !== '') ?? options[0]!);
	} else await select.fill('1');
	await page.locator('form button[type=submit]').last().click();
	await page.getByText(`${other!.name} bukan OPD yang ditugaskan kepada Anda`).first().waitFor();
	await context.close();
});
