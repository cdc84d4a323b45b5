import { SYSTEM_ACTORS } from '../../src/lib/server/audit';
import type { DB } from '../../src/lib/server/db';
import { create } from '../../src/lib/server/users';

const USER = { username: 'bench-pimpinan', password: 'bench-pimpinan-password' };

/** Adds a pimpinan account to a benchmark database, for pages that need a signed-in reader. */
export async function addBenchUser(db: DB): Promise<void> {
	await create({ ...USER, displayName: 'Bench', role: 'pimpinan' }, SYSTEM_ACTORS.cli, db);
}

/** Signs in through the real login form and returns the session cookie. */
export async function signIn(url: string): Promise<{ name: string; value: string; url: string }> {
	const res = await fetch(`${url}/login`, {
		method: 'POST',
		headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(USER).toString(),
		redirect: 'manual'
	});
	const cookie = /session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
	if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
	return { name: 'session', value: cookie, url };
}
