import { afterEach, beforeEach, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { seedDemo } from '../../src/lib/server/db/seed';
import { signIn } from '../../src/lib/server/auth/login';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import {
	create,
	disable,
	disableDemoAccounts,
	findByUsername,
	resetPassword,
	usableDemoAccounts
} from '../../src/lib/server/accounts/users';
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
		'demo-pimpinan',
		'demo-petugas'
	]);
	const operator = await findByUsername('demo-operator', db);
	const pimpinan = await findByUsername('demo-pimpinan', db);
	await disable(operator!.id, SYSTEM_ACTORS.cli, db);
	await resetPassword(pimpinan!.id, 'a-private-password', SYSTEM_ACTORS.cli, db);
	expect((await usableDemoAccounts(db)).map((a) => a.username)).toEqual([
		'demo-admin',
		'demo-evaluator',
		'demo-petugas'
	]);
});

it('the first real administrator ends the demo: its accounts are disabled and signed out', async () => {
	await seedDemo('data/seeds', db);
	const demoAdmin = await findByUsername('demo-admin', db);
	const { token } = await createSession(demoAdmin!.id, db);
	expect(await validateSessionToken(token, db)).not.toBeNull();

	// A real evaluator does not end the demo; a real admin does.
	await create(
		{ username: 'tim1', displayName: 'Tim 1', role: 'evaluator', password: 'evaluator-pass-123' },
		SYSTEM_ACTORS.cli,
		db
	);
	expect(await usableDemoAccounts(db)).toHaveLength(5);
	await create(
		{ username: 'admin', displayName: 'Admin PPID', role: 'admin', password: 'a long secret 123' },
		SYSTEM_ACTORS.cli,
		db
	);
	expect(await usableDemoAccounts(db)).toEqual([]);
	expect(await validateSessionToken(token, db)).toBeNull();
	const refused = await signIn(
		{ username: 'demo-evaluator', password: 'demo-evaluator-dip', ip: '10.0.0.1' },
		db
	);
	expect(refused.ok).toBe(false);
	const signedIn = await signIn(
		{ username: 'admin', password: 'a long secret 123', ip: '10.0.0.1' },
		db
	);
	expect(signedIn.ok).toBe(true);
	expect(await disableDemoAccounts(SYSTEM_ACTORS.cli, db)).toBe(0);
});

it('a start with SEED_DEMO=0 disables demo accounts left in the database', async () => {
	await seedDemo('data/seeds', db);
	expect(await disableDemoAccounts(SYSTEM_ACTORS.cli, db)).toBe(5);
	expect(await usableDemoAccounts(db)).toEqual([]);
});
