import { afterEach, beforeEach, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit';
import type { DB } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/seed';
import {
	disable,
	findByUsername,
	resetPassword,
	usableDemoAccounts
} from '../../src/lib/server/users';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await createTestDb()));
afterEach(async () => cleanup());

it('lists no demo account on a real installation', async () => {
	expect(await usableDemoAccounts(db)).toEqual([]);
});

it('lists the demo accounts until they are disabled or their password changes', async () => {
	await seedDemo('data/seeds', db);
	expect((await usableDemoAccounts(db)).map((a) => a.username)).toEqual([
		'demo-admin',
		'demo-evaluator',
		'demo-operator',
		'demo-pimpinan'
	]);
	const operator = await findByUsername('demo-operator', db);
	const pimpinan = await findByUsername('demo-pimpinan', db);
	await disable(operator!.id, SYSTEM_ACTORS.cli, db);
	await resetPassword(pimpinan!.id, 'a-private-password', SYSTEM_ACTORS.cli, db);
	expect((await usableDemoAccounts(db)).map((a) => a.username)).toEqual([
		'demo-admin',
		'demo-evaluator'
	]);
});
