import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../src/hooks.server';
import { createSession } from '../../src/lib/server/auth/session';
import { useDb, type DB } from '../../src/lib/server/db';
import { addUser, cookieJar } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
let token: string;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
	useDb(db);
	const user = await addUser(db, 'ani', 'evaluator');
	({ token } = await createSession(user.id, db));
});
afterEach(() => cleanup());

/** Runs the real hook on a request; `answer` plays the route. */
async function run(
	href: string,
	options: {
		session?: string;
		method?: string;
		headers?: Record<string, string>;
		body?: BodyInit;
		answer?: () => Response;
	} = {}
): Promise<{ response: Response; resolved: boolean }> {
	const url = new URL(href);
	const event = {
		url,
		request: new Request(url, {
			method: options.method ?? 'GET',
			headers: options.headers,
			body: options.body,
			// Node needs this for a streamed body.
			duplex: 'half'
		} as RequestInit),
		cookies: cookieJar(options.session ? { session: options.session } : {}),
		locals: {},
		getClientAddress: () => '127.0.0.1'
	} as unknown as RequestEvent;
	let resolved = false;
	const resolve = async (_e: RequestEvent, _o?: ResolveOptions) => {
		resolved = true;
		return (
			options.answer?.() ?? new Response('<p>ok</p>', { headers: { 'content-type': 'text/html' } })
		);
	};
	const response = await handle({ event, resolve });
	return { response, resolved };
}

describe('security headers', () => {
	it('nosniff and a referrer policy on every answer; HSTS only over https', async () => {
		const plain = (await run('http://monev.example/hasil/2021')).response;
		expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
		expect(plain.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(plain.headers.get('strict-transport-security')).toBeNull();
		const secure = (await run('https://monev.example/hasil/2021')).response;
		expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
	});

	it('private, no-store on signed-in pages, not on anonymous ones or static assets', async () => {
		const cached = () => new Response('x', { headers: { 'cache-control': 'public, max-age=300' } });
		const anonymous = await run('https://monev.example/api/v1/periods', { answer: cached });
		expect(anonymous.response.headers.get('cache-control')).toBe('public, max-age=300');
		const signedIn = await run('https://monev.example/api/v1/periods', {
			session: token,
			answer: cached
		});
		expect(signedIn.response.headers.get('cache-control')).toBe('private, no-store');
		const page = await run('https://monev.example/penilaian/2021', { session: token });
		expect(page.response.headers.get('cache-control')).toBe('private, no-store');
		const asset = await run('https://monev.example/_app/immutable/entry/start.js', {
			session: token,
			answer: () =>
				new Response('x', { headers: { 'cache-control': 'public, max-age=31536000, immutable' } })
		});
		expect(asset.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		// A stale cookie is no session.
		const stale = await run('https://monev.example/penilaian/2021', { session: 'a'.repeat(32) });
		expect(stale.response.headers.get('cache-control')).toBeNull();
	});

	it('adds them to a response whose headers are immutable (a redirect)', async () => {
		const { response } = await run('https://monev.example/keluar', {
			session: token,
			answer: () => Response.redirect('https://monev.example/', 303)
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('https://monev.example/');
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toBe('private, no-store');
	});
});

describe('the anonymous /login form takes small bodies only', () => {
	it('answers 413 to a large POST before reading it, and lets a normal one through', async () => {
		const big = new URLSearchParams();
		for (let i = 0; i < 5000; i++) big.set(`f${i}`, 'x');
		const body = big.toString();
		const large = await run('https://monev.example/login', {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': String(body.length)
			},
			body
		});
		expect(large.response.status).toBe(413);
		expect(large.resolved).toBe(false);
		expect(large.response.headers.get('x-content-type-options')).toBe('nosniff');
		const declared = await run('https://monev.example/login?redirectTo=%2F', {
			method: 'POST',
			headers: { 'content-length': String(10 * 1024 * 1024) }
		});
		expect(declared.response.status).toBe(413);
		const small = 'username=ani&password=kata-sandi-rahasia';
		const normal = await run('https://monev.example/login', {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': String(small.length)
			},
			body: small
		});
		expect(normal.resolved).toBe(true);
		// Other forms keep the app's own limit (imports take megabytes).
		const upload = await run('https://monev.example/impor', {
			method: 'POST',
			headers: { 'content-length': String(1024 * 1024) },
			session: token
		});
		expect(upload.resolved).toBe(true);
	});

	it('answers 411 to a streamed POST that does not say its length', async () => {
		const stream = new ReadableStream({
			start(c) {
				c.enqueue(new TextEncoder().encode('username=a'));
				c.close();
			}
		});
		const url = 'https://monev.example/login';
		const { response, resolved } = await run(url, {
			method: 'POST',
			body: stream,
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(response.status).toBe(411);
		expect(resolved).toBe(false);
	});
});
