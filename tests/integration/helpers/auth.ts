import type { Cookies } from '@sveltejs/kit';
import type { SessionUser } from '../../../src/lib/server/auth/types';
import type { DB } from '../../../src/lib/server/db';
import { opds, users as usersTable, type Role } from '../../../src/lib/server/db/schema';
import * as users from '../../../src/lib/server/accounts/users';
import { SYSTEM_ACTORS } from '../../../src/lib/server/audit/audit';
import { ROLES } from '../../../src/lib/permissions';

/** An OPD row for binding operators. */
export async function insertOpd(db: DB, slug: string, retired = false): Promise<number> {
	const [row] = await db
		.insert(opds)
		.values({
			slug,
			name: `Dinas ${slug}`,
			shortName: slug.toUpperCase(),
			kind: 'dinas',
			retiredAt: retired ? new Date() : null
		})
		.returning({ id: opds.id });
	if (!row) throw new Error('no OPD row');
	return row.id;
}

export const PASSWORD = 'kata-sandi-rahasia';

/** A user with PASSWORD, created through the real verb. */
export function addUser(db: DB, username: string, role: Role, opdId: number | null = null) {
	return users.create(
		{ username, displayName: username, role, opdId, password: PASSWORD },
		SYSTEM_ACTORS.seed,
		db
	);
}

/** A user row as the session carries it. */
export const asSessionUser = (u: SessionUser): SessionUser => ({
	id: u.id,
	username: u.username,
	displayName: u.displayName,
	role: u.role,
	opdId: u.opdId,
	isDemo: u.isDemo
});

/**
 * One user per role (`u-{role}`, through the real verb), every role unless `roles` says; the
 * operator bound to `operatorOpd`, or to a new OPD `dinas-uji` when none is given.
 */
export async function usersByRole(
	db: DB,
	roles: readonly Role[] = ROLES,
	operatorOpd?: number
): Promise<Record<string, SessionUser>> {
	const who: Record<string, SessionUser> = {};
	for (const role of roles) {
		const opd = role === 'operator' ? (operatorOpd ?? (await insertOpd(db, 'dinas-uji'))) : null;
		who[role] = asSessionUser(await addUser(db, `u-${role}`, role, opd));
	}
	return who;
}

/** The seeded demo accounts by role (demo-admin, demo-evaluator, …). */
export async function demoUsersByRole(db: DB): Promise<Record<string, SessionUser>> {
	const rows = await db.select().from(usersTable);
	return Object.fromEntries(rows.map((u) => [u.role, asSessionUser(u)]));
}

export interface CookieJar extends Cookies {
	jar: Map<string, { value: string; options: Record<string, unknown> }>;
}

/** Just enough of SvelteKit's Cookies for the auth helpers. */
export function cookieJar(initial: Record<string, string> = {}): CookieJar {
	const jar = new Map<string, { value: string; options: Record<string, unknown> }>(
		Object.entries(initial).map(([k, value]) => [k, { value, options: {} }])
	);
	return {
		jar,
		get: (name) => jar.get(name)?.value,
		getAll: () => [...jar].map(([name, c]) => ({ name, value: c.value })),
		set: (name, value, options) => void jar.set(name, { value, options: { ...options } }),
		delete: (name) => void jar.delete(name),
		serialize: () => ''
	};
}
