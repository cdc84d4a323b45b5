import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { createClient } from '@libsql/client';
import { loginAs, useAppAndBrowser } from './harness';

/**
 * Issue 15 §1 in the built app: a petugas records an information request on /layanan/2021 with
 * JavaScript off (a plain form post), then, with JavaScript on, opens it and records its refusal.
 */
const run = useAppAndBrowser();
const PASSWORD = 'petugas-uji-rahasia';

test('a petugas adds a request without JavaScript and edits it with JavaScript', async () => {
	execFileSync(
		process.execPath,
		[
			'--import',
			'tsx',
			'scripts/monev.ts',
			'user',
			'add',
			'--username',
			'petugas-uji',
			'--role',
			'petugas'
		],
		{
			env: { ...process.env, DATABASE_URL: run.app.databaseUrl, MONEV_PASSWORD: PASSWORD },
			stdio: 'pipe'
		}
	);

	const plain = await run.browser.newContext({ javaScriptEnabled: false });
	const page = await plain.newPage();
	await loginAs(page, run.app.url, 'petugas-uji', PASSWORD);
	await page.goto(`${run.app.url}/layanan/2021`);
	await page.getByLabel('Tanggal diterima').fill('2021-09-01');
	await page.getByLabel('Nama pemohon').fill('Pemohon Uji Peramban');
	await page.getByLabel('Jenis pemohon').selectOption('badan_hukum');
	await page.getByLabel('Sarana').selectOption('surat');
	await page.getByLabel('Informasi yang diminta').fill('Dokumen RKPD 2022');
	await page.getByLabel('Keputusan').selectOption('diterima');
	await page.getByLabel('Tanggal dijawab').fill('2021-09-10');
	await page.getByLabel('Biaya (Rp)').fill('5.000');
	await Promise.all([
		page.waitForURL(/\/layanan\/2021/),
		page.getByRole('button', { name: 'Simpan', exact: true }).click()
	]);
	await page.getByText('Permohonan dicatat.').waitFor();
	const row = page.locator('tr', { hasText: 'Pemohon Uji Peramban' });
	assert.match(await row.innerText(), /Dokumen RKPD 2022[\s\S]*Diterima[\s\S]*7/);
	await plain.close();

	const scripted = await run.browser.newContext();
	const js = await scripted.newPage();
	await loginAs(js, run.app.url, 'petugas-uji', PASSWORD);
	await js.goto(`${run.app.url}/layanan/2021`, { waitUntil: 'networkidle' });
	await Promise.all([
		js.waitForURL(/\/layanan\/2021\/permohonan\/\d+$/),
		js
			.locator('tr', { hasText: 'Pemohon Uji Peramban' })
			.getByRole('link', { name: 'Ubah' })
			.click()
	]);
	await js.waitForLoadState('networkidle');
	assert.equal(await js.getByLabel('Nama pemohon').inputValue(), 'Pemohon Uji Peramban');
	await js.getByLabel('Keputusan').selectOption('ditolak');
	await js.getByLabel('Alasan penolakan', { exact: true }).selectOption('dikecualikan');
	await js.getByRole('button', { name: 'Simpan perubahan' }).click();
	// Refused in place (no page load): the exemption ground is missing.
	await js.getByText(/isi dasar pengecualiannya/).waitFor();
	await js.getByLabel('Dasar pengecualian (UU 14/2008 Pasal 17)').fill('Pasal 17 huruf i');
	await js.getByRole('button', { name: 'Simpan perubahan' }).click();
	await js.getByText('Perubahan disimpan.').waitFor();
	await scripted.close();

	const client = createClient({ url: run.app.databaseUrl });
	const stored = await client.execute(
		"SELECT decision, refusal_reason, exemption_ground, working_days, cost FROM service_requests WHERE applicant_name = 'Pemohon Uji Peramban'"
	);
	const audit = await client.execute(
		"SELECT action FROM audit_events WHERE action LIKE 'registers.permohonan.%' ORDER BY id"
	);
	client.close();
	assert.deepEqual(
		stored.rows.map((r) => [
			r.decision,
			r.refusal_reason,
			r.exemption_ground,
			r.working_days,
			r.cost
		]),
		[['ditolak', 'dikecualikan', 'Pasal 17 huruf i', 7, 5000]]
	);
	assert.deepEqual(
		audit.rows.map((r) => r.action),
		['registers.permohonan.add', 'registers.permohonan.update']
	);
});
