import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createClient } from '@libsql/client';
import type { BrowserContext } from 'playwright-core';
import { loginAs, useAppAndBrowser } from './harness';

const run = useAppAndBrowser();

const WHO = ['anonymous', 'admin', 'evaluator', 'operator', 'pimpinan', 'petugas'] as const;
type Who = (typeof WHO)[number];

/** What a role gets on opening a page: a status, 'login' (sent to sign in) or the path it lands on. */
type Outcome = number | 'login' | `/${string}`;

const OPD = 'dinas-komunikasi-dan-informatika'; // demo-operator's OPD
const OTHER_OPD = 'satuan-polisi-pamong-praja';
const KEY = 'daftar-aset-opd';
const REQUEST = '{request}'; // a 2021 request entry's id, looked up in the app's database

/**
 * Role × page access, one row per page of src/routes (route id, a path to open, then what the
 * anonymous visitor, admin, evaluator, operator, pimpinan and petugas get). A test below checks
 * that every page of src/routes has a row, so a new page cannot be added without deciding here.
 */
// prettier-ignore
const PAGES: [route: string, path: string, ...outcomes: Outcome[]][] = [
	// route, path to open, then: anonymous, admin, evaluator, operator, pimpinan, petugas
	['/', '/', 200, 200, 200, 200, 200, 200],
	['/data-terbuka', '/data-terbuka', 200, 200, 200, 200, 200, 200],
	['/hasil', '/hasil', '/hasil/2021', '/hasil/2021', '/hasil/2021', '/hasil/2021', '/hasil/2021', '/hasil/2021'],
	['/hasil/[year]', '/hasil/2021', 200, 200, 200, 200, 200, 200],
	['/hasil/[year]/opd/[slug]', `/hasil/2021/opd/${OPD}`, 200, 200, 200, 200, 200, 200],
	['/laporan/[year]', '/laporan/2021', 200, 200, 200, 200, 200, 200],
	['/metode', '/metode', '/metode/2021', '/metode/2021', '/metode/2021', '/metode/2021', '/metode/2021', '/metode/2021'],
	['/metode/[year]', '/metode/2021', 200, 200, 200, 200, 200, 200],
	['/login', '/login', 200, '/', '/', '/', '/', '/'],
	['/akun', '/akun', 'login', 200, 200, 200, 200, 200],
	['/notifikasi', '/notifikasi', 'login', 200, 200, 200, 200, 200],
	['/admin/audit', '/admin/audit', 'login', 200, 200, 403, 403, 403],
	['/admin/opd', '/admin/opd', 'login', 200, 403, 403, 403, 403],
	['/admin/pengguna', '/admin/pengguna', 'login', 200, 403, 403, 403, 403],
	['/admin/pengguna/[id]', '/admin/pengguna/3', 'login', 200, 403, 403, 403, 403],
	['/admin/penghargaan', '/admin/penghargaan', 'login', '/admin/penghargaan/2021', '/admin/penghargaan/2021', 403, 403, 403],
	['/admin/penghargaan/[year]', '/admin/penghargaan/2021', 'login', 200, 200, 403, 403, 403],
	['/admin/periode', '/admin/periode', 'login', 200, 403, 403, 403, 403],
	['/admin/periode/[year]', '/admin/periode/2021', 'login', 200, 403, 403, 403, 403],
	['/dasbor', '/dasbor', 'login', '/dasbor/2021', '/dasbor/2021', 403, '/dasbor/2021', 403],
	['/dasbor/[year]', '/dasbor/2021', 'login', 200, 200, 403, 200, 403],
	['/impor', '/impor', 'login', 200, 200, 403, 403, 403],
	['/layanan', '/layanan', 'login', '/layanan/2021', 403, 403, 403, '/layanan/2021'],
	['/layanan/[year]', '/layanan/2021', 'login', 200, 403, 403, 403, 200],
	['/layanan/[year]/[register]', '/layanan/2021/permohonan', 'login', 200, 403, 403, 403, 200],
	['/layanan/[year]/[register]/[id]', `/layanan/2021/permohonan/${REQUEST}`, 'login', 200, 403, 403, 403, 200],
	['/layanan/[year]/[register]/impor', '/layanan/2021/permohonan/impor', 'login', 200, 403, 403, 403, 200],
	['/layanan/[year]/kunjungan', '/layanan/2021/kunjungan', 'login', 200, 403, 403, 403, 200],
	['/layanan/[year]/laporan-tahunan', '/layanan/2021/laporan-tahunan', 'login', 200, 403, 403, 403, 200],
	['/layanan/[year]/laporan-tahunan/cetak', '/layanan/2021/laporan-tahunan/cetak', 'login', 200, 403, 403, 403, 200],
	['/layanan/statistik', '/layanan/statistik', 'login', '/layanan/2021/statistik', 403, 403, '/layanan/2021/statistik', '/layanan/2021/statistik'],
	['/layanan/[year]/statistik', '/layanan/2021/statistik', 'login', 200, 403, 403, 200, 200],
	// The admin keeps the operator's capabilities but has no OPD of its own: it picks one on
	// /opd-saya and reads it there (?opd=slug, read-only); a year without a choice goes back there.
	['/opd-saya', '/opd-saya', 'login', 200, 403, 200, 403, 403],
	['/opd-saya/[year]', '/opd-saya/2021', 'login', '/opd-saya', 403, 200, 403, 403],
	['/opd/[slug]', `/opd/${OPD}`, 'login', `/opd/${OPD}/2021`, `/opd/${OPD}/2021`, `/opd/${OPD}/2021`, `/opd/${OPD}/2021`, 403],
	['/opd/[slug]/[year]', `/opd/${OPD}/2021`, 'login', 200, 200, 200, 200, 403],
	['/opd/[slug]/[year]', `/opd/${OTHER_OPD}/2021`, 'login', 200, 200, 403, 200, 403],
	['/penilaian', '/penilaian', 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]', '/penilaian/2021', 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]/juara', '/penilaian/2021/juara', 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]/opd/[slug]', `/penilaian/2021/opd/${OPD}`, 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]/opd/[slug]/[key]', `/penilaian/2021/opd/${OPD}/${KEY}`, 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]/penugasan', '/penilaian/2021/penugasan', 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]/selisih', '/penilaian/2021/selisih', 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]/partisipasi', '/penilaian/2021/partisipasi', 'login', 200, 200, 403, 200, 403],
	['/penilaian/[year]/sanggahan', '/penilaian/2021/sanggahan', 'login', 200, 200, 403, 403, 403],
	['/penilaian/[year]/tahap', '/penilaian/2021/tahap', 'login', 200, 200, 403, 403, 403],
];

/** Routes under src/routes with a server load or actions that are not pages to open. */
const NOT_PAGES = new Set(['/logout']);

/** Every page route of src/routes as its id without groups and matchers: `/hasil/[year]`. */
function pageRoutes(dir = 'src/routes', prefix = ''): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			if (entry.name === 'api') continue;
			const segment = /^\(.*\)$/.test(entry.name) ? '' : `/${entry.name.replace(/=\w+\]$/, ']')}`;
			found.push(...pageRoutes(join(dir, entry.name), prefix + segment));
		} else if (/^\+page\.(svelte|server\.ts)$/.test(entry.name)) {
			found.push(prefix || '/');
		}
	}
	return [...new Set(found)];
}

test('every page of src/routes has a row in the role × page table', () => {
	const inTable = new Set(PAGES.map(([route]) => route));
	const missing = pageRoutes().filter((route) => !inTable.has(route) && !NOT_PAGES.has(route));
	assert.deepEqual(missing, [], 'pages without a row in PAGES');
});

const PASSWORDS: Record<Exclude<Who, 'anonymous'>, string> = {
	admin: 'demo-admin-dip',
	evaluator: 'demo-evaluator-dip',
	operator: 'demo-operator-dip',
	pimpinan: 'demo-pimpinan-dip',
	petugas: 'demo-petugas-dip'
};

async function firstRequestEntry2021(): Promise<string> {
	const conn = createClient({ url: run.app.databaseUrl });
	try {
		const { rows } = await conn.execute(
			"SELECT id FROM service_requests WHERE year = 2021 AND kind = 'entry' ORDER BY id LIMIT 1"
		);
		assert.ok(rows[0], 'the demo database holds 2021 request entries');
		return String(rows[0].id);
	} finally {
		conn.close();
	}
}

async function contextFor(who: Who): Promise<BrowserContext> {
	const context = await run.browser.newContext();
	if (who !== 'anonymous') {
		const page = await context.newPage();
		await loginAs(page, run.app.url, `demo-${who}`, PASSWORDS[who]);
		await page.close();
	}
	return context;
}

describe('each role sees what it may and is refused what it may not, on every page', () => {
	WHO.forEach((who, column) => {
		test(who, async () => {
			const context = await contextFor(who);
			const page = await context.newPage();
			const wrong: string[] = [];
			const request = await firstRequestEntry2021();
			for (const [, template, ...outcomes] of PAGES) {
				const path = template.replace(REQUEST, request);
				const want = outcomes[column];
				const response = await page.goto(`${run.app.url}${path}`);
				const landed = new URL(page.url());
				const got: Outcome =
					landed.pathname === '/login' && path !== '/login'
						? 'login'
						: landed.pathname !== path
							? (landed.pathname as `/${string}`)
							: (response?.status() ?? 0);
				if (got !== want) wrong.push(`${path}: expected ${want}, got ${got}`);
				if (got === 'login') assert.equal(landed.searchParams.get('redirectTo'), path);
			}
			assert.deepEqual(wrong, [], `${who}`);
			if (who !== 'anonymous') {
				await page.goto(`${run.app.url}/hasil/2021`);
				await page.getByText('DEMO', { exact: true }).waitFor();
			}
			await context.close();
		});
	});
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
