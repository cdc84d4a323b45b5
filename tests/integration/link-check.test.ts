import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	checkUrl,
	checkUrls,
	DEFAULT_LINK_CHECK,
	type LinkCheckOptions
} from '../../src/lib/server/evidence/link-check';
import { OK_SHA256, startLinkServer } from './helpers/link-server';

let server: Awaited<ReturnType<typeof startLinkServer>>;
const options: LinkCheckOptions = {
	...DEFAULT_LINK_CHECK,
	timeoutMs: 500,
	maxBytes: 256 * 1024,
	allowPrivate: true
};
beforeAll(async () => {
	server = await startLinkServer(3_000);
});
afterAll(async () => server.close());

describe('checkUrl against a local server on 127.0.0.1', () => {
	it('reports a 200 HTML page with its title and the SHA-256 of the body', async () => {
		const r = await checkUrl(`${server.base}/ok`, options);
		expect(r).toMatchObject({
			status: 200,
			ok: true,
			finalUrl: `${server.base}/ok`,
			title: 'Daftar Informasi & Publik',
			sha256: OK_SHA256,
			truncated: false,
			redirects: 0,
			error: null
		});
		expect(r.checkedAt).toBeInstanceOf(Date);
	});

	it('reports 404 and 500 as dead, with their status', async () => {
		const missing = await checkUrl(`${server.base}/missing`, options);
		expect(missing).toMatchObject({ status: 404, ok: false, title: 'Tidak ditemukan' });
		const broken = await checkUrl(`${server.base}/broken`, options);
		expect(broken).toMatchObject({ status: 500, ok: false, title: null });
	});

	it('follows a redirect chain to the final 200 page', async () => {
		const r = await checkUrl(`${server.base}/chain/3`, options);
		expect(r).toMatchObject({
			status: 200,
			ok: true,
			redirects: 3,
			finalUrl: `${server.base}/ok`,
			sha256: OK_SHA256
		});
	});

	it('detects a redirect loop and stops', async () => {
		const before = server.state.requests.length;
		const r = await checkUrl(`${server.base}/loop-a`, options);
		expect(r).toMatchObject({ status: 302, ok: false, error: 'putaran pengalihan' });
		expect(server.state.requests.length - before).toBe(2);
	});

	it('gives up after the redirect limit', async () => {
		const r = await checkUrl(`${server.base}/many/9`, options);
		expect(r.ok).toBe(false);
		expect(r.redirects).toBe(5);
		expect(r.error).toMatch(/terlalu banyak pengalihan/);
		const fine = await checkUrl(`${server.base}/many/4`, options);
		expect(fine).toMatchObject({ ok: true, redirects: 5, status: 200 });
	});

	it('times out a slow response', async () => {
		const started = Date.now();
		const r = await checkUrl(`${server.base}/slow`, options);
		expect(r).toMatchObject({ status: null, ok: false });
		expect(r.error).toMatch(/batas waktu habis/);
		expect(Date.now() - started).toBeLessThan(2_500);
	});

	it('stops reading a huge body at the cap and still reports it', async () => {
		const r = await checkUrl(`${server.base}/huge`, options);
		expect(r).toMatchObject({ status: 200, ok: true, truncated: true, bytes: 256 * 1024 });
		expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
		// the server wrote far less than the 1 GiB it would have sent (socket buffers aside)
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(server.state.hugeBytesSent).toBeLessThan(64 * 1024 * 1024);
	});

	it.each(['ftp://127.0.0.1/dip.pdf', 'javascript:alert(1)', 'file:///etc/passwd', 'bukan url'])(
		'refuses %s without fetching it',
		async (url) => {
			const before = server.state.requests.length;
			const r = await checkUrl(url, options);
			expect(r).toMatchObject({ status: null, ok: false, sha256: null });
			expect(r.error).toMatch(/^ditolak/);
			expect(server.state.requests.length).toBe(before);
		}
	);

	it('refuses loopback targets unless private addresses are allowed', async () => {
		const before = server.state.requests.length;
		const r = await checkUrl(`${server.base}/ok`, { ...options, allowPrivate: false });
		expect(r).toMatchObject({ ok: false, status: null });
		expect(r.error).toMatch(/jaringan privat/);
		expect(server.state.requests.length).toBe(before);
	});

	it('checks many URLs at most `concurrency` at a time, each distinct URL once', async () => {
		const urls = [
			`${server.base}/ok`,
			`${server.base}/ok`,
			`${server.base}/missing`,
			`${server.base}/chain/1`,
			`${server.base}/broken`,
			'ftp://x/y'
		];
		const before = server.state.requests.length;
		const results = await checkUrls(urls, { ...options, concurrency: 2 });
		expect(results.size).toBe(5);
		expect(results.get(`${server.base}/ok`)!.ok).toBe(true);
		expect(results.get(`${server.base}/missing`)!.status).toBe(404);
		// /ok once, /missing, /chain/1 + /ok, /broken: the ftp URL is never fetched
		expect(server.state.requests.length - before).toBe(5);
	});
});
