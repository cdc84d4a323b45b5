import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

type Who = 'anonymous' | 'admin' | 'evaluator' | 'operator' | 'pimpinan';

/**
 * Role × route access: what each role gets when it opens a page. 'login' means sent to the
 * sign-in page. New signed-in pages belong in this table.
 */
const ACCESS: Record<string, Record<Who, number | 'login'>> = {
	'/hasil/2021': { anonymous: 200, admin: 200, evaluator: 200, operator: 200, pimpinan: 200 },
	'/akun': { anonymous: 'login', admin: 200, evaluator: 200, operator: 200, pimpinan: 200 },
	'/layanan/2021/laporan-tahunan': {
		anonymous: 'login',
		admin: 200,
		evaluator: 403,
		operator: 403,
		pimpinan: 403
	},
	'/admin/pengguna': {
		anonymous: 'login',
		admin: 200,
		evaluator: 403,
		operator: 403,
		pimpinan: 403
	}
};

const PASSWORDS: Record<Exclude<Who, 'anonymous'>, string> = {
	admin: 'demo-admin-dip',
	evaluator: 'demo-evaluator-dip',
	operator: 'demo-operator-dip',
	pimpinan: 'demo-pimpinan-dip'
};

async function contextFor(who: Who): Promise<BrowserContext> {
	const context = await run.browser.newContext();
	if (who !== 'anonymous') {
		const page = await context.newPage();
		await loginAs(page, run.app.url, `demo-${who}`, PASSWORDS[who]);
		await page.close();
	}
	return context;
}

describe('each role sees what it may and is refused what it may not', () => {
	for (const who of ['anonymous', 'admin', 'evaluator', 'operator', 'pimpinan'] as const) {
		test(who, async () => {
			const context = await contextFor(who);
			const page = await context.newPage();
			for (const [path, expected] of Object.entries(ACCESS)) {
				const response = await page.goto(`${run.app.url}${path}`);
				const want = expected[who];
				if (want === 'login') {
					assert.equal(new URL(page.url()).pathname, '/login', `${who} ${path}`);
					assert.equal(new URL(page.url()).searchParams.get('redirectTo'), path);
				} else {
					assert.equal(response?.status(), want, `${who} ${path}`);
				}
			}
			if (who !== 'anonymous') {
				await page.goto(`${run.app.url}/hasil/2021`);
				await page.getByText('DEMO', { exact: true }).waitFor();
			}
			await context.close();
		});
	}
});

test('after sign-in the user lands where they were going', async () => {
	const context = await run.browser.newContext();
	const page = await context.newPage();
	await page.goto(`${run.app.url}/admin/pengguna`);
	assert.equal(new URL(page.url()).pathname, '/login');
	await page.fill('input[name=username]', 'demo-admin');
	await page.fill('input[name=password]', PASSWORDS.admin);
	await Promise.all([page.waitForURL(/\/admin\/pengguna$/), page.click('button[type=submit]')]);
	await page.getByRole('heading', { level: 1 }).waitFor();
	await context.close();
});

test('a wrong password is refused with a message and no session', async () => {
	const context = await run.browser.newContext();
	const page = await context.newPage();
	await page.goto(`${run.app.url}/login`);
	await page.fill('input[name=username]', 'demo-admin');
	await page.fill('input[name=password]', 'not-the-password');
	await page.click('button[type=submit]');
	await page
		.getByRole('alert')
		.filter({ hasText: 'Nama pengguna atau kata sandi salah' })
		.waitFor();
	assert.equal((await context.cookies()).filter((c) => c.name === 'session').length, 0);
	await context.close();
});

test('responses carry a Content-Security-Policy without unsafe-inline scripts', async () => {
	const res = await fetch(`${run.app.url}/hasil/2021`);
	const csp = res.headers.get('content-security-policy') ?? '';
	assert.match(csp, /script-src 'self'/);
	assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
	assert.match(csp, /frame-ancestors 'none'/);
});

test('a cross-site form post is refused by the origin check', async () => {
	const res = await fetch(`${run.app.url}/login`, {
		method: 'POST',
		headers: {
			origin: 'https://evil.example',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: 'username=demo-admin&password=demo-admin-dip'
	});
	assert.equal(res.status, 403);
});
