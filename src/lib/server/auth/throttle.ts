import { and, asc, count, eq, gt, lt } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { loginAttempts } from '../db/schema';

/**
 * Sign-in throttling from the `login_attempts` table: at most 5 failures per username and 20 per
 * IP address in any 15 minutes. Per username stops guessing one account's password from many
 * addresses; per IP stops one address trying many accounts. A throttled attempt is refused before
 * the password is checked and is not itself counted, so the lock lifts on time.
 */
export const THROTTLE = {
	windowMs: 15 * 60 * 1000,
	maxPerUsername: 5,
	maxPerIp: 20
} as const;

/** How long until `max` failures no longer fit in the window, or 0 when fewer are recorded. */
async function waitFor(
	column: typeof loginAttempts.username | typeof loginAttempts.ip,
	value: string,
	max: number,
	conn: Conn,
	now: Date
): Promise<number> {
	const since = new Date(now.getTime() - THROTTLE.windowMs);
	const recent = and(eq(column, value), gt(loginAttempts.at, since));
	const [row] = await conn.select({ n: count() }).from(loginAttempts).where(recent);
	const n = row?.n ?? 0;
	if (n < max) return 0;
	// The lock lifts when the oldest failure that keeps the count at `max` leaves the window.
	const [oldest] = await conn
		.select({ at: loginAttempts.at })
		.from(loginAttempts)
		.where(recent)
		.orderBy(asc(loginAttempts.at))
		.limit(1)
		.offset(n - max);
	if (!oldest) return 0;
	return Math.max(oldest.at.getTime() + THROTTLE.windowMs - now.getTime(), 1);
}

/** Milliseconds until this username and IP may try again; 0 when they may try now. */
export async function loginRetryAfter(
	username: string,
	ip: string,
	conn: Conn = db(),
	now = new Date()
): Promise<number> {
	const [byUser, byIp] = await Promise.all([
		waitFor(loginAttempts.username, username, THROTTLE.maxPerUsername, conn, now),
		waitFor(loginAttempts.ip, ip, THROTTLE.maxPerIp, conn, now)
	]);
	return Math.max(byUser, byIp);
}

/** Records one failed sign-in and drops failures that have left the window. */
export async function recordLoginFailure(
	username: string,
	ip: string,
	conn: Conn = db(),
	now = new Date()
): Promise<void> {
	await conn.insert(loginAttempts).values({ username, ip, at: now });
	await conn
		.delete(loginAttempts)
		.where(lt(loginAttempts.at, new Date(now.getTime() - THROTTLE.windowMs)));
}

/** After a successful sign-in the username starts afresh (the IP's count stays). */
export async function clearLoginFailures(username: string, conn: Conn = db()): Promise<void> {
	await conn.delete(loginAttempts).where(eq(loginAttempts.username, username));
}

/** The refusal shown on the sign-in form. */
export function throttleMessage(retryAfterMs: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
	return `Terlalu banyak percobaan masuk. Coba lagi dalam ${minutes} menit.`;
}
