import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

/** A signed-in page with JavaScript off: both password forms are plain form posts. */
async function signedIn(username: string, password: string): Promise<Page> {
	const context = await run.browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	page.setDefaultTimeout(10_000);
	await loginAs(page, run.app.url, username, password);
	return page;
}

test('without JavaScript an admin resets a password and its owner changes it on /akun', async () => {
	const admin = await signedIn('demo-admin', 'demo-admin-dip');
	await admin.goto(`${run.app.url}/admin/pengguna`);
	await admin.fill('input[name=username]', 'penilai-sandi');
	await admin.fill('input[name=displayName]', 'Penilai Sandi');
	await admin.selectOption('select[name=role]', 'evaluator');
	await admin.fill('input[name=password]', 'sandi-awal-123');
	await admin.getByRole('button', { name: 'Tambah pengguna' }).click();
	await admin.getByText('telah dibuat').waitFor();
	await admin.getByRole('link', { name: 'penilai-sandi' }).click();

	await admin.fill('input[name=password]', 'sandi-reset-456');
	await admin.getByRole('button', { name: 'Reset kata sandi' }).click();
	await admin.getByText('Kata sandi direset. Semua sesi pengguna ini telah diakhiri.').waitFor();
	await admin.context().close();

	const owner = await signedIn('penilai-sandi', 'sandi-reset-456');
	await owner.goto(`${run.app.url}/akun`);
	const change = async (current: string, fresh: string, repeat: string) => {
		await owner.fill('input[name=currentPassword]', current);
		await owner.fill('input[name=newPassword]', fresh);
		await owner.fill('input[name=confirmPassword]', repeat);
		await owner.getByRole('button', { name: 'Ganti kata sandi' }).click();
	};
	await change('sandi-awal-123', 'sandi-baru-789', 'sandi-baru-789');
	await owner.getByText('Kata sandi saat ini salah.').waitFor();
	await change('sandi-reset-456', 'sandi-baru-789', 'sandi-baru-780');
	await owner.getByText('Ulangan kata sandi baru tidak sama.').waitFor();
	// No password is ever sent back into a field.
	assert.equal(await owner.inputValue('input[name=currentPassword]'), '');
	await change('sandi-reset-456', 'sandi-baru-789', 'sandi-baru-789');
	await owner.getByText('Kata sandi telah diganti.').waitFor();
	await owner.context().close();

	const again = await signedIn('penilai-sandi', 'sandi-baru-789');
	assert.equal(new URL(again.url()).pathname.startsWith('/login'), false);
	await again.context().close();
});
