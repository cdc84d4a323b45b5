import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClient } from '@libsql/client';
import type { Page } from 'playwright-core';
import { copyAndOpenYear, loginAs, useAppAndBrowser } from './harness';

/**
 * Issue 13 §2 in the built app, from assignment to settled publication: the admin makes 2022
 * double scored and assigns two evaluators to one OPD; each scores it blind on the OPD form (the
 * other's value and note are not on the page), both submit; the lead settles the one difference
 * with a reason; the period is finalised and published, and /hasil counts the settled value.
 */
const run = useAppAndBrowser();

async function signedIn(username: string, password: string): Promise<Page> {
	const context = await run.browser.newContext();
	const page = await context.newPage();
	await loginAs(page, run.app.url, username, password);
	return page;
}

/** Fills every value of the OPD form: 1 everywhere, `first` on the first cell; then saves. */
async function scoreAll(page: Page, slug: string, first: string, note: string) {
	await page.goto(`${run.app.url}/penilaian/2022/opd/${slug}`, { waitUntil: 'networkidle' });
	const fields = page.locator('form[action="?/save"] [name^=value_]');
	const count = await fields.count();
	for (let i = 0; i < count; i++) {
		const field = fields.nth(i);
		const value = i === 0 ? first : '1';
		if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
		else await field.fill(value);
	}
	await page.locator('textarea[name^=note_], input[name^=note_]').first().fill(note);
	await page
		.getByRole('button', { name: /Simpan/ })
		.first()
		.click();
	await page.getByText(`${count} sel disimpan.`).waitFor();
	return count;
}

test('two blind raters, a settled disagreement, published', async () => {
	const admin = await signedIn('demo-admin', 'demo-admin-dip');
	await copyAndOpenYear(admin, run.app.url, 2021, 2022);
	// Test setup: one OPD in the 2022 roster, so the two raters can finish the whole year.
	const client = createClient({ url: run.app.databaseUrl });
	await client.execute('PRAGMA busy_timeout = 5000');
	const [opd] = (
		await client.execute(
			'SELECT o.slug, r.display_name AS name, r.opd_id FROM period_opds r JOIN opds o ON o.id = r.opd_id ' +
				'JOIN periods p ON p.id = r.period_id WHERE p.year = 2022 ORDER BY r.display_number LIMIT 1'
		)
	).rows.map((r) => ({ slug: String(r.slug), name: String(r.name), id: Number(r.opd_id) }));
	await client.execute({
		sql: 'DELETE FROM period_opds WHERE opd_id <> ? AND period_id = (SELECT id FROM periods WHERE year = 2022)',
		args: [opd!.id]
	});
	client.close();

	// A second evaluator.
	await admin.goto(`${run.app.url}/admin/pengguna`);
	await admin.fill('input[name=username]', 'penilai-kedua');
	await admin.fill('input[name=displayName]', 'Penilai Kedua');
	await admin.selectOption('select[name=role]', 'evaluator');
	await admin.fill('input[name=password]', 'penilai-kedua-123');
	await admin.getByRole('button', { name: 'Tambah pengguna' }).click();
	await admin.getByText('telah dibuat').waitFor();

	// The period setting: double scored, blind to the self-assessment, the demo evaluator leads.
	await admin.goto(`${run.app.url}/admin/periode/2022`);
	await admin.getByLabel('Dinilai dua penilai').check();
	await admin.getByLabel(/tidak melihat penilaian mandiri/).check();
	await admin.getByLabel('Penilai utama').selectOption({ label: 'Evaluator Demo' });
	await admin.getByRole('button', { name: 'Simpan pengaturan dua penilai' }).click();
	await admin.getByText('Pengaturan dua penilai disimpan.').waitFor();

	// Both evaluators assigned to the OPD.
	await admin.goto(`${run.app.url}/penilaian/2022/penugasan`);
	for (const [username, name] of [
		['demo-evaluator', 'Evaluator Demo'],
		['penilai-kedua', 'Penilai Kedua']
	]) {
		const card = admin.locator(`details[data-assign="${username}"]`);
		await card.locator('summary').click();
		await card.getByLabel(opd!.name, { exact: true }).check();
		await card.getByRole('button', { name: `Simpan penugasan ${name}` }).click();
		await admin.getByText('Penugasan disimpan.').waitFor();
	}

	// Each scores blind: the first cell differs (1 against 0), each writes a note of their own.
	const ani = await signedIn('demo-evaluator', 'demo-evaluator-dip');
	const cells = await scoreAll(ani, opd!.slug, '1', 'catatan-rahasia-pertama');
	const budi = await signedIn('penilai-kedua', 'penilai-kedua-123');
	await budi.goto(`${run.app.url}/penilaian/2022/opd/${opd!.slug}`);
	assert.doesNotMatch(await budi.content(), /catatan-rahasia-pertama/);
	assert.equal(await budi.locator('form [name^=value_]').first().inputValue(), '');
	await scoreAll(budi, opd!.slug, '0', 'catatan-rahasia-kedua');
	await ani.reload();
	assert.doesNotMatch(await ani.content(), /catatan-rahasia-kedua/);
	assert.equal(await ani.locator('form [name^=value_]').first().inputValue(), '1');

	// Both submit.
	await ani.getByRole('button', { name: 'Kirim penilaian saya' }).click();
	await ani.getByText(/Menunggu penilai lainnya/).waitFor();
	await budi.getByRole('button', { name: 'Kirim penilaian saya' }).click();
	await budi.getByText(`${cells - 1} sel sepakat, 1 selisih`, { exact: false }).waitFor();

	// The lead settles the difference with a reason.
	await ani.goto(`${run.app.url}/penilaian/2022/selisih`);
	const open = ani.locator('section.card').first();
	assert.match(await open.innerText(), /Penilai Evaluator Demo: ada/);
	assert.match(await open.innerText(), /Penilai Penilai Kedua: tidak ada/);
	await open.getByLabel('tidak ada').check();
	await open.getByLabel('Alasan keputusan').fill('Dokumen tidak ditemukan di laman PPID');
	await open.getByRole('button', { name: 'Putuskan' }).click();
	await ani.getByText('Selisih diputuskan.').waitFor();
	await ani.getByText('Tidak ada selisih yang menunggu keputusan.').waitFor();

	// Finalise and publish after reading the readiness summary.
	await ani.goto(`${run.app.url}/penilaian/2022`);
	const confirm = () => ani.getByLabel('Saya sudah memeriksa ringkasan ini').check();
	await ani.getByRole('button', { name: 'Mulai evaluasi' }).click();
	await confirm();
	await ani.getByRole('button', { name: 'Finalkan' }).click();
	await ani.getByRole('button', { name: 'Publikasikan' }).waitFor();
	await confirm();
	await ani.getByRole('button', { name: 'Publikasikan' }).click();
	await ani.getByRole('button', { name: 'Publikasikan' }).waitFor({ state: 'detached' });

	// The public results count the settled value: every category but the settled one is met.
	const visitor = await run.browser.newPage();
	const response = await visitor.goto(`${run.app.url}/hasil/2022`);
	assert.equal(response?.status(), 200);
	const row = visitor.locator('table:not(.matrix) tbody tr', { hasText: opd!.name }).first();
	assert.match(await row.innerText(), new RegExp(`${cells - 1} / ${cells}`));
});
