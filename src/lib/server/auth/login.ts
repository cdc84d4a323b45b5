import { db, type Conn } from '../db';
import type { Session } from '../db/schema';
import { findByUsername } from '../accounts/users';
import { verifyDummyPassword, verifyPassword } from './password';
import { createSession } from './session';
import { throttledCheck } from './throttle';
import type { SessionUser } from './types';

export type SignInResult =
	| { ok: true; token: string; session: Session; user: SessionUser }
	/** Unknown username or wrong password: the caller must not say which. */
	| { ok: false; reason: 'invalid' }
	/** The password was right but the account is disabled. */
	| { ok: false; reason: 'disabled' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

export const INVALID_CREDENTIALS = 'Nama pengguna atau kata sandi salah';
export const ACCOUNT_DISABLED = 'Akun ini dinonaktifkan. Hubungi administrator.';

/**
 * Checks a username and password and starts a session. The attempt is counted atomically before
 * the password is checked and throttled attempts are refused unchecked (throttle.ts); an unknown username still costs one argon2 verify, so timing does not
 * tell which usernames exist. The disabled refusal is only given after a correct password.
 */
export async function signIn(
	input: { username: string; password: string; ip: string },
	conn: Conn = db(),
	now = new Date()
): Promise<SignInResult> {
	const username = input.username.trim().toLowerCase();
	const user = await findByUsername(username, conn);
	const check = await throttledCheck(
		username,
		input.ip,
		() =>
			user
				? verifyPassword(user.passwordHash, input.password)
				: verifyDummyPassword(input.password),
		conn,
		now
	);
	if (check.status === 'throttled') {
		return { ok: false, reason: 'throttled', retryAfterMs: check.retryAfterMs };
	}
	if (!user || check.status === 'wrong') return { ok: false, reason: 'invalid' };
	if (user.disabledAt) return { ok: false, reason: 'disabled' };

	const { token, session } = await createSession(user.id, conn, now);
	const sessionUser: SessionUser = {
		id: user.id,
		username: user.username,
		displayName: user.displayName,
		role: user.role,
		opdId: user.opdId,
		isDemo: user.isDemo
	};
	return { ok: true, token, session, user: sessionUser };
}
