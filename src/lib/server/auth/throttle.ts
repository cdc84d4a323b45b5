import { and, asc, count, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { loginAttempts } from '../db/schema';

/**
 * Password-guess throttling from the `login_attempts` table: at most 5 guesses per username from
 * one address and 20 per address in any 15 minutes. Keyed on (username, address) rather than on
 * the username alone, so guessing from one address cannot lock the real user (or an admin) out
 * from theirs; per address stops one address trying many accounts.
 *
 * An attempt is reserved (a row inserted) BEFORE the password is checked, by one INSERT … SELECT
 * that counts and inserts in the same statement: concurrent guesses cannot all pass the check.
 * A right password releases its reservation; a wrong one leaves it counted. A refused attempt
 * inserts nothing, so the lock lifts on time.
 */
export const THROTTLE = {
	windowMs: 15 * 60 * 1000,
	maxPerUserAddress: 5,
	maxPerIp: 20
} as const;

export type Reservation = { ok: true; id: number } | { ok: false; retryAfterMs: number };

/** How long until `max` rows matching `where` no longer fit in the window, or 0. */
async function waitFor(where: SQL | undefined, max: number, conn: Conn, now: Date) {
	const since = new Date(now.getTime() - THROTTLE.windowMs);
	const recent = and(where, gt(loginAttempts.at, since));
	const [row] = await conn.select({ n: count() }).from(loginAttempts).where(recent);
	const n = row?.n ?? 0;
	if (n < max) return 0;
	// The lock lifts when the oldest attempt that keeps the count at `max` leaves the window.
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

/** Milliseconds until this username may be tried again from this address; 0 when now. */
export async function loginRetryAfter(
	username: string,
	ip: string,
	conn: Conn = db(),
	now = new Date()
): Promise<number> {
	const [byPair, byIp] = await Promise.all([
		waitFor(
			and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip)),
			THROTTLE.maxPerUserAddress,
			conn,
			now
		),
		waitFor(eq(loginAttempts.ip, ip), THROTTLE.maxPerIp, conn, now)
	]);
	return Math.max(byPair, byIp);
}

/**
 * Counts and records one password attempt in a single statement, so it is atomic however many
 * run at once. Refused (nothing inserted) when the pair or the address is at its limit.
 */
export async function reserveLoginAttempt(
	username: string,
	ip: string,
	conn: Conn = db(),
	now = new Date()
): Promise<Reservation> {
	const at = now.getTime();
	const since = at - THROTTLE.windowMs;
	const rows = await conn.all<{ id: number }>(sql`
		INSERT INTO login_attempts (username, ip, at)
		SELECT ${username}, ${ip}, ${at}
		WHERE (SELECT count(*) FROM login_attempts
				WHERE username = ${username} AND ip = ${ip} AND at > ${since}) < ${THROTTLE.maxPerUserAddress}
			AND (SELECT count(*) FROM login_attempts
				WHERE ip = ${ip} AND at > ${since}) < ${THROTTLE.maxPerIp}
		RETURNING id`);
	const id = rows[0]?.id;
	if (id !== undefined) return { ok: true, id: Number(id) };
	return { ok: false, retryAfterMs: await loginRetryAfter(username, ip, conn, now) };
}

/** A wrong password: the reservation stays counted; attempts that left the window are dropped. */
export async function settleLoginFailure(conn: Conn = db(), now = new Date()): Promise<void> {
	await conn
		.delete(loginAttempts)
		.where(lt(loginAttempts.at, new Date(now.getTime() - THROTTLE.windowMs)));
}

/**
 * A right password: its reservation is released and this username starts afresh from this
 * address (other addresses keep their counts: a success here must not wipe an attacker's).
 */
export async function settleLoginSuccess(
	username: string,
	ip: string,
	conn: Conn = db()
): Promise<void> {
	await conn
		.delete(loginAttempts)
		.where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip)));
}

export type CheckResult =
	{ status: 'right' } | { status: 'wrong' } | { status: 'throttled'; retryAfterMs: number };

/**
 * Runs one throttled password check: reserve, verify, settle. `verify` runs only when the
 * attempt was reserved.
 */
export async function throttledCheck(
	username: string,
	ip: string,
	verify: () => Promise<boolean>,
	conn: Conn = db(),
	now = new Date()
): Promise<CheckResult> {
	const reservation = await reserveLoginAttempt(username, ip, conn, now);
	if (!reservation.ok) return { status: 'throttled', retryAfterMs: reservation.retryAfterMs };
	if (await verify()) {
		await settleLoginSuccess(username, ip, conn);
		return { status: 'right' };
	}
	await settleLoginFailure(conn, now);
	return { status: 'wrong' };
}

/** The refusal shown on the sign-in form. */
export function throttleMessage(retryAfterMs: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
	return `Terlalu banyak percobaan masuk. Coba lagi dalam ${minutes} menit.`;
}
