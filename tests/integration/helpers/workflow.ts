import type { SessionUser } from '../../../src/lib/server/auth/types';
import type { DB } from '../../../src/lib/server/db';
import { seedDemo } from '../../../src/lib/server/seed';
import * as users from '../../../src/lib/server/users';
import { copyPeriod } from '../../../src/lib/server/period-copy';
import { SYSTEM_ACTORS } from '../../../src/lib/server/audit';

/** The demo database (2020, 2021 published, demo users) plus 2022 copied from 2021 as a draft. */
export async function seedWithDraft2022(db: DB): Promise<{ periodId: number }> {
	await seedDemo('data/seeds', db);
	return copyPeriod(2021, 2022, SYSTEM_ACTORS.seed, db);
}

/** A demo account as the session would carry it. */
export async function sessionUser(db: DB, username: string): Promise<SessionUser> {
	const u = await users.findByUsername(username, db);
	if (!u) throw new Error(`no user ${username}`);
	return {
		id: u.id,
		username: u.username,
		displayName: u.displayName,
		role: u.role,
		opdId: u.opdId,
		isDemo: u.isDemo
	};
}
