import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './harness';

// The server is started exactly as the README's `npm start` starts it once built: the same
// command, no settings at all (no PORT, ORIGIN or DATABASE_URL), so it serves port 3000 on
// data/monev.db. It runs in a scratch copy of the checkout (links to build/, drizzle/, the seeds
// and node_modules) so the developer's own data/monev.db is never touched.
const SETTINGS = [
	'ORIGIN',
	'PORT',
	'HOST',
	'DATABASE_URL',
	'DATABASE_AUTH_TOKEN',
	'PROTOCOL_HEADER',
	'HOST_HEADER',
	'ADDRESS_HEADER',
	'BODY_SIZE_LIMIT',
	'SEED_DEMO'
];

let dir: string;
let child: ChildProcess;
let browser: Browser;

/** An address of this machine other than loopback, as a colleague on the office LAN would use. */
function lanAddress(): string | null {
	for (const list of Object.values(networkInterfaces()))
		for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	return null;
}

async function waitUntilServing(url: string) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${url}/api/v1/health`)).ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('the app did not start within 60 s');
		await new Promise((r) => setTimeout(r, 200));
	}
}

before(async () => {
	try {
		await fetch('http://localhost:3000/');
		throw new Error('port 3000 is in use: the README start test needs it free');
	} catch (e) {
		if (e instanceof Error && e.message.startsWith('port 3000')) throw e;
	}
	const root = resolve('.');
	dir = mkdtempSync(join(tmpdir(), 'monev-readme-'));
	for (const name of ['build', 'drizzle', 'node_modules', 'package.json', 'scripts'])
		symlinkSync(join(root, name), join(dir, name));
	mkdirSync(join(dir, 'data'));
	symlinkSync(join(root, 'data', 'seeds'), join(dir, 'data', 'seeds'));
	const env = { ...process.env };
	for (const name of SETTINGS) delete env[name];
	child = spawn(process.execPath, ['scripts/start.js'], {
		cwd: dir,
		env,
		stdio: ['ignore', 'inherit', 'inherit']
	});
	await waitUntilServing('http://localhost:3000');
	browser = await launchBrowser();
});

after(async () => {
	await browser?.close();
	if (child && child.exitCode === null) {
		child.kill('SIGTERM');
		await new Promise((r) => child.once('exit', r));
	}
	if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(base: string, javaScriptEnabled: boolean) {
	const context = await browser.newContext({ javaScriptEnabled });
	try {
		const page = await context.newPage();
		await page.goto(`${base}/login`, { waitUntil: javaScriptEnabled ? 'networkidle' : 'load' });
		await page.fill('input[name=username]', 'demo-evaluator');
		await page.fill('input[name=password]', 'demo-evaluator-dip');
		await Promise.all([
			page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 }),
			page.click('button[type=submit]')
		]);
		assert.equal(new URL(page.url()).origin, base, 'stays on the address the user typed');
		const body = await page.textContent('body');
		assert.doesNotMatch(body ?? '', /Cross-site POST/);
		assert.match(body ?? '', /Keluar|demo-evaluator/i, 'the page shows the signed-in user');
	} finally {
		await context.close();
	}
}

describe('started as the README says (npm start, nothing set)', () => {
	test('signs in at http://localhost:3000 with JavaScript on', async () => {
		await signIn('http://localhost:3000', true);
	});

	test('signs in at http://localhost:3000 with JavaScript off', async () => {
		await signIn('http://localhost:3000', false);
	});

	test("signs in at the machine's LAN address", async () => {
		const address = lanAddress() ?? '127.0.0.1';
		await signIn(`http://${address}:3000`, true);
		await signIn(`http://${address}:3000`, false);
	});

	test('open-data links use the scheme and host the client used', async () => {
		for (const base of ['http://localhost:3000', `http://${lanAddress() ?? '127.0.0.1'}:3000`]) {
			const periods = (await (await fetch(`${base}/api/v1/periods`)).json()) as {
				results: string;
			}[];
			assert.ok(periods.length >= 2, 'the demo years are published');
			for (const p of periods)
				assert.ok(p.results.startsWith(`${base}/api/v1/periods/`), p.results);
		}
	});

	test('a forged scheme header from the client changes nothing', async () => {
		const res = await fetch('http://localhost:3000/api/v1/periods', {
			headers: { 'x-monev-direct-scheme': 'https' }
		});
		const periods = (await res.json()) as { results: string }[];
		assert.ok(periods[0]?.results.startsWith('http://localhost:3000/'));
	});

	test('a cross-site form post is still refused', async () => {
		const res = await fetch('http://localhost:3000/login', {
			method: 'POST',
			headers: {
				origin: 'http://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'username=demo-evaluator&password=demo-evaluator-dip'
		});
		assert.equal(res.status, 403);
	});
});
