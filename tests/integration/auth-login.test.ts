import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVALID_CREDENTIALS, signIn } from '../../src/lib/server/auth/login';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { THROTTLE, throttleMessage } from '../../src/lib/server/auth/throttle';
import { useDb, type DB } from '../../src/lib/server/db';
import { loginAttempts } from '../../src/lib/server/db/schema';
import { actions } from '../../src/routes/login/+page.server';
import { addUser, cookieJar, PASSWORD } from './helpers/auth';
import { request } from './helpers/request';
import { createTestDb } from './helpers/test-db';

const MIN = 60 * 1000;
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
	useDb(db);
	await addUser(db, 'ani', 'evaluator');
});
afterEach(() => cleanup());

const attempt = (username: string, password: string, when: Date, ip = '10.0.0.1') =>
	signIn({ username, password, ip }, db, when);

describe('signIn', () => {
	it('starts a valid session for the right password (username in any case)', async () => {
		const result = await attempt(' ANI ', PASSWORD, T0);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.user).toMatchObject({ username: 'ani', role: 'evaluator', isDemo: false });
		expect((await validateSessionToken(result.token, db, T0))?.user.id).toBe(result.user.id);
	});

	it('answers an unknown user and a wrong password alike, and counts both', async () => {
		expect(await attempt('ani', 'salah-sekali-123', T0)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('siapa', PASSWORD, T0)).toEqual({ ok: false, reason: 'invalid' });
		expect(await db.select().from(loginAttempts)).toHaveLength(2);
	});

	it('spends an argon2 verify on an unknown user too', async () => {
		const time = async (username: string) => {
			const start = performance.now();
			await attempt(username, 'salah-sekali-123', T0, '10.9.9.9');
			return performance.now() - start;
		};
		const known = await time('ani');
		const unknown = await time('siapa');
		// argon2id at 19 MiB takes well over 5 ms; a skipped verify would take under 1 ms.
		expect(known).toBeGreaterThan(5);
		expect(unknown).toBeGreaterThan(5);
	});
});

describe('throttling', () => {
	it('locks a username at one address after 5 failures in 15 minutes, saying for how long', async () => {
		for (let i = 0; i < THROTTLE.maxPerUserAddress; i++) {
			expect((await attempt('ani', 'salah-sekali-123', at(i * MIN), '10.0.1.1')).ok).toBe(false);
		}
		// Even the right password is refused now from that address, before any check.
		const locked = await attempt('ani', PASSWORD, at(4 * MIN), '10.0.1.1');
		expect(locked).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 11 * MIN });
		if (locked.ok || locked.reason !== 'throttled') return;
		expect(throttleMessage(locked.retryAfterMs)).toBe(
			'Terlalu banyak percobaan masuk. Coba lagi dalam 11 menit.'
		);
		// A throttled attempt is not itself counted: the lock lifts when the first failure expires.
		expect((await attempt('ani', PASSWORD, at(15 * MIN - 1), '10.0.1.1')).ok).toBe(false);
		expect((await attempt('ani', PASSWORD, at(15 * MIN), '10.0.1.1')).ok).toBe(true);
	});

	it('does not lock the real user out from another address', async () => {
		await addUser(db, 'admin1', 'admin');
		for (let i = 0; i < THROTTLE.maxPerUserAddress * 3; i++)
			await attempt('admin1', 'salah-sekali-123', at(i), '203.0.113.66');
		expect(await attempt('admin1', PASSWORD, at(20), '203.0.113.66')).toMatchObject({
			reason: 'throttled'
		});
		expect((await attempt('admin1', PASSWORD, at(21), '10.0.0.9')).ok).toBe(true);
	});

	it('evaluates at most the limit from a concurrent burst, and refuses the right one', async () => {
		const wrong = Array.from({ length: 50 }, () =>
			attempt('ani', 'salah-sekali-123', T0, '198.51.100.7')
		);
		const right = attempt('ani', PASSWORD, T0, '198.51.100.7');
		const results = await Promise.all([...wrong, right]);
		const evaluated = results.filter((r) => !r.ok && r.reason === 'invalid');
		expect(evaluated.length).toBeLessThanOrEqual(THROTTLE.maxPerUserAddress);
		expect(await db.select().from(loginAttempts)).toHaveLength(THROTTLE.maxPerUserAddress);
		expect(results.filter((r) => r.ok)).toHaveLength(0);
		expect(results.at(-1)).toMatchObject({ ok: false, reason: 'throttled' });
		// The same user from another address still signs in.
		expect((await attempt('ani', PASSWORD, T0, '10.0.0.2')).ok).toBe(true);
	});

	it('clears the username’s failures after a successful sign-in', async () => {
		for (let i = 0; i < THROTTLE.maxPerUserAddress - 1; i++)
			await attempt('ani', 'salah-sekali-123', at(i));
		expect((await attempt('ani', PASSWORD, at(10))).ok).toBe(true);
		for (let i = 0; i < THROTTLE.maxPerUserAddress - 1; i++)
			await attempt('ani', 'salah-sekali-123', at(20 + i));
		expect((await attempt('ani', PASSWORD, at(30))).ok).toBe(true);
	});

	it('locks an IP after 20 failures across usernames; other IPs are unaffected', async () => {
		for (let i = 0; i < THROTTLE.maxPerIp; i++)
			await attempt(`orang${i}`, 'salah-sekali-123', at(i * 1000));
		const locked = await attempt('ani', PASSWORD, at(20 * 1000));
		expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await attempt('ani', PASSWORD, at(20 * 1000), '10.0.0.2')).ok).toBe(true);
	});

	it('rounds the wait up to whole minutes, at least 1', () => {
		expect(throttleMessage(1)).toContain('dalam 1 menit');
		expect(throttleMessage(MIN + 1)).toContain('dalam 2 menit');
		expect(throttleMessage(15 * MIN)).toContain('dalam 15 menit');
	});
});

describe('the /login form action', () => {
	function postLogin(fields: Record<string, string>, query = '') {
		const cookies = cookieJar();
		const event = request(`/login${query}`, {
			origin: 'https://monev.example',
			form: fields,
			cookies,
			clientAddress: '192.0.2.7'
		});
		const run = actions.default as (e: RequestEvent) => Promise<unknown>;
		return { cookies, result: run(event).catch((e: unknown) => e) };
	}

	it('sets a secure HttpOnly session cookie and goes where the user was going', async () => {
		const { cookies, result } = postLogin(
			{ username: 'ani', password: PASSWORD },
			'?redirectTo=%2Fakun'
		);
		const outcome = await result;
		expect(isRedirect(outcome) && outcome.status === 303 && outcome.location).toBe('/akun');
		const cookie = cookies.jar.get('session');
		expect(cookie?.options).toMatchObject({
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			path: '/'
		});
		expect(await validateSessionToken(cookie?.value ?? '', db)).not.toBeNull();
	});

	it('never redirects off-site', async () => {
		const { result } = postLogin(
			{ username: 'ani', password: PASSWORD },
			'?redirectTo=' + encodeURIComponent('//evil.example/x')
		);
		const outcome = await result;
		expect(isRedirect(outcome) && outcome.location).toBe('/');
	});

	it('fails with the generic message and never echoes the password', async () => {
		const { cookies, result } = postLogin({ username: 'ani', password: 'salah-sekali-123' });
		const outcome = await result;
		expect(isActionFailure(outcome)).toBe(true);
		if (!isActionFailure(outcome)) return;
		expect(outcome.status).toBe(400);
		expect(outcome.data).toEqual({
			values: { username: 'ani' },
			errors: {},
			message: INVALID_CREDENTIALS
		});
		expect(JSON.stringify(outcome.data)).not.toContain('salah-sekali-123');
		expect(cookies.jar.size).toBe(0);
	});

	it('answers 429 once the username is locked', async () => {
		for (let i = 0; i < THROTTLE.maxPerUserAddress; i++) {
			await postLogin({ username: 'ani', password: 'salah-sekali-123' }).result;
		}
		const outcome = await postLogin({ username: 'ani', password: PASSWORD }).result;
		expect(isActionFailure(outcome) && outcome.status).toBe(429);
		expect(JSON.stringify(isActionFailure(outcome) && outcome.data)).toMatch(
			/Terlalu banyak percobaan masuk\. Coba lagi dalam \d+ menit\./
		);
	});

	it('reports missing fields per field', async () => {
		const outcome = await postLogin({ username: '', password: '' }).result;
		expect(isActionFailure(outcome) && outcome.data).toMatchObject({
			errors: { username: 'Isi nama pengguna.', password: 'Isi kata sandi.' }
		});
	});
});
