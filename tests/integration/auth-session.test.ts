import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	invalidateUserSessions,
	MAX_SESSIONS_PER_USER,
	SESSION_MAX_AGE_MS,
	SESSION_RENEW_BEFORE_MS,
	SESSION_TTL_MS,
	sessionIdOf,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { sessions, users } from '../../src/lib/server/db/schema';
import { addUser, insertOpd } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-01-10T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
});
afterEach(() => cleanup());

describe('session tokens', () => {
	it('are 32 lowercase base32 characters (160 random bits), all different', () => {
		const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
		expect(tokens.size).toBe(200);
		for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
	});

	it('are stored only as their hex SHA-256', async () => {
		const user = await addUser(db, 'ani', 'evaluator');
		const { token, session } = await createSession(user.id, db, T0);
		const expected = encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
		expect(session.id).toBe(expected);
		expect(sessionIdOf(token)).toBe(expected);
		const rows = await db.select().from(sessions);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.id).toBe(expected);
		expect(JSON.stringify(rows)).not.toContain(token);
	});
});

describe('validateSessionToken', () => {
	it('returns the user of a live session, without renewing a young one', async () => {
		const opdId = await insertOpd(db, 'dinkes');
		const user = await addUser(db, 'budi', 'operator', opdId);
		const { token, session } = await createSession(user.id, db, T0);
		expect(session.expiresAt.getTime()).toBe(T0.getTime() + SESSION_TTL_MS);

		const valid = await validateSessionToken(token, db, at(DAY));
		expect(valid?.renewed).toBe(false);
		expect(valid?.user).toEqual({
			id: user.id,
			username: 'budi',
			displayName: 'budi',
			role: 'operator',
			opdId,
			isDemo: false
		});
	});

	it('refuses unknown and malformed tokens', async () => {
		expect(await validateSessionToken(generateSessionToken(), db, T0)).toBeNull();
		expect(await validateSessionToken('', db, T0)).toBeNull();
		expect(await validateSessionToken("x' OR 1=1 --", db, T0)).toBeNull();
		expect(await validateSessionToken('A'.repeat(32), db, T0)).toBeNull();
	});

	it('slides the expiry forward once less than 7 days are left', async () => {
		const user = await addUser(db, 'citra', 'pimpinan');
		const { token } = await createSession(user.id, db, T0);

		// 8 days left: untouched.
		const early = SESSION_TTL_MS - SESSION_RENEW_BEFORE_MS - DAY;
		expect((await validateSessionToken(token, db, at(early)))?.renewed).toBe(false);

		// 6 days left: renewed to 14 days from now, in the database too.
		const late = SESSION_TTL_MS - SESSION_RENEW_BEFORE_MS + DAY;
		const renewed = await validateSessionToken(token, db, at(late));
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(at(late).getTime() + SESSION_TTL_MS);
		const [row] = await db.select().from(sessions);
		expect(row?.expiresAt.getTime()).toBe(at(late).getTime() + SESSION_TTL_MS);

		// Still alive past the original 14 days.
		expect(await validateSessionToken(token, db, at(SESSION_TTL_MS + DAY))).not.toBeNull();
	});

	it('ends 30 days after sign-in however often it is used', async () => {
		const user = await addUser(db, 'citra', 'pimpinan');
		const { token } = await createSession(user.id, db, T0);
		let day = 0;
		for (; day < 30; day += 3) {
			const valid = await validateSessionToken(token, db, at(day * DAY));
			expect(valid, `day ${day}`).not.toBeNull();
			expect(valid!.session.expiresAt.getTime()).toBeLessThanOrEqual(
				T0.getTime() + SESSION_MAX_AGE_MS
			);
		}
		expect(await validateSessionToken(token, db, at(SESSION_MAX_AGE_MS - 1))).not.toBeNull();
		expect(await validateSessionToken(token, db, at(SESSION_MAX_AGE_MS))).toBeNull();
		expect(await db.select().from(sessions)).toHaveLength(0);
	});

	it('keeps at most 10 sessions per user: a new sign-in ends the oldest', async () => {
		const user = await addUser(db, 'eka', 'evaluator');
		const other = await addUser(db, 'fajar', 'evaluator');
		const theirs = await createSession(other.id, db, T0);
		const tokens: string[] = [];
		// Two in the same millisecond too: insertion order decides.
		for (let i = 0; i < MAX_SESSIONS_PER_USER + 2; i++)
			tokens.push((await createSession(user.id, db, at(Math.floor(i / 2) * 1000))).token);
		const mine = await db.select().from(sessions).where(eq(sessions.userId, user.id));
		expect(mine).toHaveLength(MAX_SESSIONS_PER_USER);
		const alive = [];
		for (const t of tokens) alive.push((await validateSessionToken(t, db, at(DAY))) !== null);
		expect(alive).toEqual([false, false, ...Array(MAX_SESSIONS_PER_USER).fill(true)]);
		expect(await validateSessionToken(theirs.token, db, at(DAY))).not.toBeNull();
	});

	it('sweeps expired sessions of anyone on a sign-in', async () => {
		const user = await addUser(db, 'gita', 'evaluator');
		const other = await addUser(db, 'hadi', 'evaluator');
		await createSession(other.id, db, T0);
		const live = await createSession(other.id, db, at(10 * DAY));
		await createSession(user.id, db, at(SESSION_TTL_MS + DAY));
		const rows = await db.select().from(sessions);
		expect(rows.map((r) => r.id).sort()).toEqual(
			[live.session.id, ...rows.filter((r) => r.userId === user.id).map((r) => r.id)].sort()
		);
		expect(rows).toHaveLength(2);
	});

	it('deletes an expired session', async () => {
		const user = await addUser(db, 'dewi', 'evaluator');
		const { token } = await createSession(user.id, db, T0);
		expect(await validateSessionToken(token, db, at(SESSION_TTL_MS))).toBeNull();
		expect(await db.select().from(sessions)).toHaveLength(0);
		// And it does not come back.
		expect(await validateSessionToken(token, db, T0)).toBeNull();
	});

	it("refuses and deletes a disabled user's session", async () => {
		const user = await addUser(db, 'eko', 'evaluator');
		const { token } = await createSession(user.id, db, T0);
		// Disabled behind the verbs' back: validation must not trust that sessions were deleted.
		await db.update(users).set({ disabledAt: T0 }).where(eq(users.id, user.id));
		expect(await validateSessionToken(token, db, T0)).toBeNull();
		expect(await db.select().from(sessions)).toHaveLength(0);
	});
});

describe('invalidation', () => {
	it('ends one session, or all of a user but one, or all of a user', async () => {
		const a = await addUser(db, 'fajar', 'evaluator');
		const b = await addUser(db, 'gita', 'evaluator');
		const a1 = await createSession(a.id, db, T0);
		const a2 = await createSession(a.id, db, T0);
		const a3 = await createSession(a.id, db, T0);
		const b1 = await createSession(b.id, db, T0);

		await invalidateSession(a1.session.id, db);
		expect(await validateSessionToken(a1.token, db, T0)).toBeNull();
		expect(await validateSessionToken(a2.token, db, T0)).not.toBeNull();

		await invalidateUserSessions(a.id, db, a3.session.id);
		expect(await validateSessionToken(a2.token, db, T0)).toBeNull();
		expect(await validateSessionToken(a3.token, db, T0)).not.toBeNull();

		await invalidateUserSessions(a.id, db);
		expect(await validateSessionToken(a3.token, db, T0)).toBeNull();
		expect(await validateSessionToken(b1.token, db, T0)).not.toBeNull();
	});
});
