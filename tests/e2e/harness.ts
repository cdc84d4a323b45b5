import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export interface RunningApp {
	url: string;
	dir: string;
	databaseUrl: string;
	stop(): Promise<void>;
}

/**
 * Starts the built app (`node build`) on a free port with its own fresh database file, which it
 * migrates and seeds with the demo years on start, exactly as `npm start` does.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
	const dir = mkdtempSync(join(tmpdir(), 'monev-e2e-'));
	const port = await freePort();
	const databaseUrl = `file:${join(dir, 'monev.db')}`;
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			ORIGIN: `http://127.0.0.1:${port}`,
			...env
		},
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
		try {
			const res = await fetch(`${url}/api/v1/periods`);
			if (res.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('app did not start within 60 s');
		await new Promise((r) => setTimeout(r, 200));
	}
	return {
		url,
		dir,
		databaseUrl,
		async stop() {
			child.kill('SIGTERM');
			await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Headless Debian Chromium with the flags this network needs (no background connections). */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/** Signs in through the real login form. */
export async function loginAs(page: Page, url: string, username: string, password: string) {
	// Wait for the page's scripts too: typing into a form that is still hydrating is a real user's
	// experience on a slow phone, but here it would only make the test's timing matter.
	await page.goto(`${url}/login`, { waitUntil: 'networkidle' });
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', password);
	await Promise.all([
		page.waitForURL((u) => !u.pathname.startsWith('/login')),
		page.click('button[type=submit]')
	]);
}

/**
 * Starts the built app (fresh database) and Chromium before a test file's tests and stops both
 * after them. Read `app` and `browser` from the returned object inside the tests.
 */
export function useAppAndBrowser(): { readonly app: RunningApp; readonly browser: Browser } {
	const running = {} as { app: RunningApp; browser: Browser };
	before(async () => {
		running.app = await startApp();
		running.browser = await launchBrowser();
	});
	after(async () => {
		await running.browser?.close();
		await running.app?.stop();
	});
	return running;
}
