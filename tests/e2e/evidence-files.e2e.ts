import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { copyAndOpenYear, loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

/** A real 1×1 PNG. */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('an operator uploads a tiny PNG on /opd-saya and downloads it as an attachment; a renamed HTML is refused without JavaScript', async () => {
	const admin = await (await run.browser.newContext()).newPage();
	admin.setDefaultTimeout(15_000);
	await loginAs(admin, run.app.url, 'demo-admin', 'demo-admin-dip');
	await copyAndOpenYear(admin, run.app.url, 2021, 2022);
	await admin.context().close();

	const context = await run.browser.newContext({ acceptDownloads: true });
	const page = await context.newPage();
	page.setDefaultTimeout(15_000);
	await loginAs(page, run.app.url, 'demo-operator', 'demo-operator-dip');
	await page.goto(`${run.app.url}/opd-saya/2022`, { waitUntil: 'networkidle' });
	const upload = page.locator('form[action="?/uploadFile"]');
	await upload
		.locator('input[type=file]')
		.setInputFiles({ name: 'bukti-kecil.png', mimeType: 'image/png', buffer: PNG });
	await upload.getByRole('button', { name: 'Unggah' }).click();
	await page
		.getByText(`Berkas "bukti-kecil.png" diunggah (SHA-256 ${sha256(PNG).slice(0, 12)}`)
		.waitFor();

	const link = page.getByRole('link', { name: 'bukti-kecil.png' });
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	assert.equal(download.suggestedFilename(), 'bukti-kecil.png');
	assert.deepEqual(await readFile((await download.path())!), PNG);

	const href = await link.getAttribute('href');
	const res = await page.request.get(`${run.app.url}${href}`);
	assert.equal(res.status(), 200);
	assert.equal(res.headers()['content-type'], 'image/png');
	assert.match(
		res.headers()['content-disposition'] ?? '',
		/^attachment; filename="bukti-kecil.png"/
	);
	assert.equal(res.headers()['x-content-type-options'], 'nosniff');
	assert.equal(res.headers()['x-evidence-sha256'], sha256(PNG));
	assert.deepEqual(Buffer.from(await res.body()), PNG);

	// The public gets no file: sent to sign in.
	const anonymous = await run.browser.newContext();
	const refused = await anonymous.request.get(`${run.app.url}${href}`, { maxRedirects: 0 });
	assert.equal(refused.status(), 303);
	assert.match(refused.headers()['location'] ?? '', /^\/login/);
	await anonymous.close();
	await context.close();

	// Without JavaScript the same form posts as multipart; an HTML page named .pdf is refused.
	const plain = await (await run.browser.newContext({ javaScriptEnabled: false })).newPage();
	plain.setDefaultTimeout(15_000);
	await loginAs(plain, run.app.url, 'demo-operator', 'demo-operator-dip');
	await plain.goto(`${run.app.url}/opd-saya/2022`);
	const form = plain.locator('form[action="?/uploadFile"]');
	await form.locator('input[type=file]').setInputFiles({
		name: 'laporan.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('<!DOCTYPE html><html><body>bukan pdf</body></html>')
	});
	await form.getByRole('button', { name: 'Unggah' }).click();
	await plain.getByText('Berkas "laporan.pdf" bukan PDF, JPG atau PNG: isinya HTML').waitFor();
	await plain.getByRole('link', { name: 'bukti-kecil.png' }).waitFor();
	await plain.context().close();
});
