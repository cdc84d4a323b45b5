import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type Response
} from 'playwright-core';

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

/** The reverse-proxy settings: without them the app is served directly, as the README starts it. */
export const PROXY_SETTINGS = ['ORIGIN', 'PROTOCOL_HEADER', 'HOST_HEADER', 'ADDRESS_HEADER'];

/**
 * A database the built app migrated and seeded on a start of its own, once for the run (run.js
 * makes it and names it here). Unset, as when one file is run alone, each app seeds its own.
 */
export const TEMPLATE_DB_SETTING = 'MONEV_E2E_TEMPLATE_DB';

/** Settings that change what a start puts in an empty database: such an app seeds its own. */
const SEED_SETTINGS = ['SEED_DEMO', 'SEEDS_DIR', 'MIGRATIONS_DIR', 'DATABASE_URL'];

/**
 * Starts the built app (`node build`) on a free port with its own fresh database file, which it
 * migrates and seeds with the demo years on start, exactly as `npm start` does; under run.js the
 * file starts as a copy of the database such a start made (TEMPLATE_DB_SETTING), so the app only
 * migrates (nothing to do) and finds the demo years there. Settings named in `unset` are removed
 * from its environment (`PROXY_SETTINGS`: no ORIGIN, as the README starts it).
 */
export async function startApp(
	env: Record<string, string> = {},
	unset: readonly string[] = []
): Promise<RunningApp> {
	const dir = mkdtempSync(join(tmpdir(), 'monev-e2e-'));
	const port = await freePort();
	const databaseUrl = `file:${join(dir, 'monev.db')}`;
	const template = process.env[TEMPLATE_DB_SETTING];
	if (template && !SEED_SETTINGS.some((name) => name in env))
		copyFileSync(template, join(dir, 'monev.db'));
	const childEnv: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATABASE_URL: databaseUrl,
		ORIGIN: `http://127.0.0.1:${port}`,
		...env
	};
	for (const name of unset) delete childEnv[name];
	const child: ChildProcess = spawn(process.execPath, ['scripts/start.js'], {
		env: childEnv,
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

/**
 * After an HTML page loads, waits until its script has hydrated it (the root layout marks
 * `<html data-hydrated>`): the load event can come before hydration, and hydration resets a
 * value typed meanwhile into a field whose value comes from state, which made a test's typed
 * year vanish on a slow CI run. Downloads, pages without client-side code and contexts without
 * JavaScript are not waited for.
 */
async function hydrated(page: Page, response: Response | null): Promise<void> {
	if (!response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) return;
	// A page rendered without client-side code (the public pages) has no SvelteKit global.
	await page.waitForFunction(
		() =>
			document.documentElement.hasAttribute('data-hydrated') ||
			!Object.keys(window).some((key) => key.startsWith('__sveltekit_'))
	);
}

const waiting = new WeakSet<Page>();

/** Makes this page's `goto` and `reload` resolve only once the page has hydrated. */
function untilHydrated(page: Page): Page {
	if (waiting.has(page)) return page;
	waiting.add(page);
	const goto = page.goto.bind(page);
	const reload = page.reload.bind(page);
	const settled = async (response: Response | null, options?: { waitUntil?: string }) => {
		if (options?.waitUntil !== 'commit') await hydrated(page, response);
		return response;
	};
	page.goto = async (url, options) => settled(await goto(url, options), options);
	page.reload = async (options) => settled(await reload(options), options);
	return page;
}

/** A context whose pages wait for hydration (when JavaScript runs in them). */
function hydratingContext(context: BrowserContext, options?: BrowserContextOptions) {
	if (options?.javaScriptEnabled === false) return context;
	const newPage = context.newPage.bind(context);
	context.newPage = async () => untilHydrated(await newPage());
	return context;
}

/** Headless Debian Chromium with the flags this network needs (no background connections). */
export async function launchBrowser(): Promise<Browser> {
	const browser = await launchChromium();
	const newContext = browser.newContext.bind(browser);
	const newPage = browser.newPage.bind(browser);
	browser.newContext = async (options) => hydratingContext(await newContext(options), options);
	browser.newPage = async (options) => {
		const page = await newPage(options);
		return options?.javaScriptEnabled === false ? page : untilHydrated(page);
	};
	return browser;
}

function launchChromium(): Promise<Browser> {
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

/** As an admin: copies year `from` into a new draft year `to` on /admin/periode and opens it. */
export async function copyAndOpenYear(admin: Page, url: string, from: number, to: number) {
	await admin.goto(`${url}/admin/periode`);
	await admin.fill('form.copy input[name=from]', String(from));
	await admin.fill('form.copy input[name=to]', String(to));
	await admin.getByRole('button', { name: 'Buat periode' }).click();
	await admin.getByText(`Periode ${to} dibuat sebagai draf`).waitFor();
	await admin.getByRole('button', { name: `Buka periode ${to}` }).click();
	await admin.getByText(new RegExp(`Status ${to}: Dibuka`)).waitFor();
}

/**
 * Opens `path` and checks the page itself never scrolls sideways (a wide table may scroll inside
 * its own box: `.table-wrap`, `.chart-wrap`, `[data-scrolls]`); the message names what sticks out.
 */
export async function assertNoSidewaysScroll(page: Page, url: string, path: string) {
	const response = await page.goto(`${url}${path}`);
	assert.equal(response?.status(), 200, path);
	const overflow = await page.evaluate(() => {
		const doc = document.documentElement;
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
			.filter((el) => !el.closest('.table-wrap, .chart-wrap, [data-scrolls]'))
			.slice(0, 3)
			.map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
		return { scroll: doc.scrollWidth - doc.clientWidth, wide };
	});
	assert.ok(
		overflow.scroll <= 0,
		`${path} scrolls sideways by ${overflow.scroll}px: ${overflow.wide}`
	);
}

/**
 * Starts the built app (fresh database) and Chromium before a test file's tests and stops both
 * after them. Read `app` and `browser` from the returned object inside the tests. `unset`: the
 * settings removed from the app's environment (see startApp).
 */
export function useAppAndBrowser(unset: readonly string[] = []): {
	readonly app: RunningApp;
	readonly browser: Browser;
} {
	const running = {} as { app: RunningApp; browser: Browser };
	before(async () => {
		running.app = await startApp({}, unset);
		running.browser = await launchBrowser();
	});
	after(async () => {
		await running.browser?.close();
		await running.app?.stop();
	});
	return running;
}
