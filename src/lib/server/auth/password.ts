import { hash, verify, type Options } from '@node-rs/argon2';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane), about 26 ms per hash here.
 * `algorithm: 2` is `Algorithm.Argon2id`: the package declares it as an ambient const enum,
 * which `isolatedModules` cannot import.
 */
const OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes a password as an argon2id PHC string (salt included). */
export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

/** Checks a password against a stored hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/**
 * A hash made with OPTIONS from random bytes that were then thrown away: no password matches it,
 * and verifying against it costs exactly what verifying a real user's password costs.
 */
const DUMMY_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$Q+9Ilnvb5QggmCkvXYpqCQ$fE6gxoBb3Eg/aVpX8PNcBTkQ2sYnh+0R2XXy+xXZ5/o';

/**
 * Spends one verify for a username that does not exist, so that "unknown user" and "wrong
 * password" take the same time and the response time does not reveal which usernames exist.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
	await verifyPassword(DUMMY_HASH, password);
	return false;
}
