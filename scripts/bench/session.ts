import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { create } from '../../src/lib/server/accounts/users';

export const BENCH_PASSWORD = 'bench-password-not-secret';
type BenchRole = 'pimpinan' | 'evaluator';

/** Adds a pimpinan and an evaluator account to a benchmark database, for signed-in pages. */
export async function addBenchUsers(db: DB): Promise<void> {
	for (const role of ['pimpinan', 'evaluator'] as const) {
		await create(
			{ username: `bench-${role}`, password: BENCH_PASSWORD, displayName: `Bench ${role}`, role },
			SYSTEM_ACTORS.cli,
			db
		);
	}
}

/** Signs in through the real login form and returns the session cookie. */
export function signIn(
	url: string,
	role: BenchRole
): Promise<{ name: string; value: string; url: string }> {
	return signInAs(url, `bench-${role}`);
}

/** Signs in as any account created with BENCH_PASSWORD. */
export async function signInAs(
	url: string,
	username: string
): Promise<{ name: string; value: string; url: string }> {
	const res = await fetch(`${url}/login`, {
		method: 'POST',
		headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username, password: BENCH_PASSWORD }).toString(),
		redirect: 'manual'
	});
	const cookie = /session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
	if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
	return { name: 'session', value: cookie, url };
}
