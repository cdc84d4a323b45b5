import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, lte, ne, sql } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { sessions, users, type Session } from '../db/schema';
import type { SessionUser } from './types';

/**
 * Sessions the way lucia-auth.com teaches them: the browser holds a random token, the database
 * only its SHA-256, so a leaked database (or backup) yields no usable session.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** A session lives 14 days from its last renewal… */
export const SESSION_TTL_MS = 14 * DAY_MS;
/** …is renewed when it is used with fewer than 7 days left… */
export const SESSION_RENEW_BEFORE_MS = 7 * DAY_MS;
/** …but never beyond 30 days from its sign-in, however often it is used: then sign in again. */
export const SESSION_MAX_AGE_MS = 30 * DAY_MS;
/** A user has at most this many sessions; a new sign-in ends the oldest. */
export const MAX_SESSIONS_PER_USER = 10;

/** The expiry a session used at `now` gets: idle limit, capped by the absolute one. */
function expiryAt(createdAt: Date, now: Date): Date {
	return new Date(
		Math.min(now.getTime() + SESSION_TTL_MS, createdAt.getTime() + SESSION_MAX_AGE_MS)
	);
}

export interface ValidSession {
	session: Session;
	user: SessionUser;
	/** The expiry moved forward: the caller must send the cookie again with the new date. */
	renewed: boolean;
}

/** 20 random bytes (160 bits) as 32 lowercase base32 characters. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The database id of a token: hex SHA-256. */
export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * Starts a session for a user; the returned token goes into the cookie and nowhere else. On the
 * way, every expired session (of anyone) is deleted and the user's oldest sessions beyond
 * MAX_SESSIONS_PER_USER are ended.
 */
export async function createSession(
	userId: number,
	conn: Conn = db(),
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const session: Session = {
		id: sessionIdOf(token),
		userId,
		expiresAt: expiryAt(now, now),
		createdAt: now
	};
	await conn.transaction(async (tx) => {
		await tx.delete(sessions).where(lte(sessions.expiresAt, now));
		await tx.insert(sessions).values(session);
		// Newest first by sign-in time, then by insertion for sign-ins in the same millisecond.
		await tx.run(sql`DELETE FROM sessions WHERE user_id = ${userId} AND id NOT IN (
			SELECT id FROM sessions WHERE user_id = ${userId}
			ORDER BY created_at DESC, rowid DESC LIMIT ${MAX_SESSIONS_PER_USER})`);
	});
	return { token, session };
}

/**
 * Resolves a cookie token to its session and user, or null when it is unknown, expired, or its
 * user is disabled (expired and disabled sessions are deleted on the way). Renews the expiry when
 * less than `SESSION_RENEW_BEFORE_MS` is left, never past `SESSION_MAX_AGE_MS` from the sign-in.
 */
export async function validateSessionToken(
	token: string,
	conn: Conn = db(),
	now = new Date()
): Promise<ValidSession | null> {
	// Our tokens are 32 base32 characters; anything else cannot match and is not worth hashing.
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = sessionIdOf(token);
	const [row] = await conn
		.select({
			session: sessions,
			user: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				role: users.role,
				opdId: users.opdId,
				isDemo: users.isDemo
			},
			disabledAt: users.disabledAt
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.limit(1);
	if (!row) return null;
	const { session, user, disabledAt } = row;
	if (now.getTime() >= session.expiresAt.getTime() || disabledAt !== null) {
		await conn.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	let renewed = false;
	const later = expiryAt(session.createdAt, now);
	if (
		session.expiresAt.getTime() - now.getTime() < SESSION_RENEW_BEFORE_MS &&
		later.getTime() > session.expiresAt.getTime()
	) {
		session.expiresAt = later;
		await conn.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
		renewed = true;
	}
	return { session, user, renewed };
}

/** Ends one session (logout). */
export async function invalidateSession(sessionId: string, conn: Conn = db()): Promise<void> {
	await conn.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(
	userId: number,
	conn: Conn = db(),
	keepSessionId?: string
): Promise<void> {
	await conn
		.delete(sessions)
		.where(
			keepSessionId === undefined
				? eq(sessions.userId, userId)
				: and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId))
		);
}
