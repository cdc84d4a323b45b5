import { asc, eq, inArray } from 'drizzle-orm';
import { indicators, periods } from '../../../src/lib/server/db/schema';
import type { SessionUser } from '../../../src/lib/server/auth/types';
import type { DB } from '../../../src/lib/server/db';
import { seedDemo } from '../../../src/lib/server/db/seed';
import * as users from '../../../src/lib/server/accounts/users';
import { copyPeriod } from '../../../src/lib/server/workflow/period-copy';
import { SYSTEM_ACTORS } from '../../../src/lib/server/audit/audit';
import { asSessionUser } from './auth';
import { createTestDb, type TestDb } from './test-db';

/** The demo database (2020, 2021 published, demo users) plus 2022 copied from 2021 as a draft. */
export async function seedWithDraft2022(db: DB): Promise<{ periodId: number }> {
	await seedDemo('data/seeds', db);
	return copyPeriod(2021, 2022, SYSTEM_ACTORS.seed, db);
}

/**
 * A test database of its own holding what `seedWithDraft2022` makes (a copy of the `draft2022`
 * template, test-db.ts), with the id of its draft 2022.
 */
export async function createDraft2022Db(): Promise<TestDb & { periodId: number }> {
	const t = await createTestDb('draft2022');
	const [draft] = await t.db.select().from(periods).where(eq(periods.year, 2022));
	if (!draft) throw new Error('the draft2022 template has no 2022');
	return { ...t, periodId: draft.id };
}

/** A demo account as the session would carry it. */
export async function sessionUser(db: DB, username: string): Promise<SessionUser> {
	const u = await users.findByUsername(username, db);
	if (!u) throw new Error(`no user ${username}`);
	return asSessionUser(u);
}

/**
 * Turns a period's flat rubric into two stages, as the rubric editor would: "web" (website
 * monitoring, 40 %, minimum 50) holds the first `webCount` indicators, "visit" (visitasi, 60 %)
 * the rest. Returns the indicator ids of each stage in display order.
 */
export async function makeTwoStages(
	db: DB,
	periodId: number,
	webCount = 6
): Promise<{ web: number[]; visit: number[] }> {
	const [period] = await db.select().from(periods).where(eq(periods.id, periodId));
	const rows = await db
		.select()
		.from(indicators)
		.where(eq(indicators.periodId, periodId))
		.orderBy(asc(indicators.sortOrder));
	await db
		.update(periods)
		.set({
			rubricConfig: {
				...period!.rubricConfig,
				stages: [
					{ key: 'web', label: 'Monitoring website', share: 40, minToProceed: 50, order: 1 },
					{ key: 'visit', label: 'Visitasi', share: 60, order: 2 }
				],
				aspects: [
					{ key: 'web-dip', label: 'DIP di website', stage: 'web', share: null },
					{ key: 'visit-dip', label: 'DIP saat visitasi', stage: 'visit', share: null }
				]
			}
		})
		.where(eq(periods.id, periodId));
	const web = rows.slice(0, webCount).map((r) => r.id);
	const visit = rows.slice(webCount).map((r) => r.id);
	await db.update(indicators).set({ aspect: 'web-dip' }).where(inArray(indicators.id, web));
	await db.update(indicators).set({ aspect: 'visit-dip' }).where(inArray(indicators.id, visit));
	return { web, visit };
}
