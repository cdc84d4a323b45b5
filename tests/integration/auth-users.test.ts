import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../../src/lib/server/auth/login';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, sessions, users as usersTable } from '../../src/lib/server/db/schema';
import * as users from '../../src/lib/server/accounts/users';
import { addUser, insertOpd, PASSWORD } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
});
afterEach(() => cleanup());

const audits = (action: string) =>
	db.select().from(auditEvents).where(eq(auditEvents.action, action));
const ip = '10.0.0.1';

describe('users.create', () => {
	it('stores an argon2id hash, a lowercase username and an audit event without the hash', async () => {
		const admin = await addUser(db, 'root', 'admin');
		const created = await users.create(
			{
				username: ' Siti.Op ',
				displayName: ' Siti ',
				role: 'evaluator',
				password: 'sangat-rahasia-1'
			},
			users.actorOf({ id: admin.id, username: 'root' }),
			db
		);
		expect(created).toMatchObject({ username: 'siti.op', displayName: 'Siti', role: 'evaluator' });
		const row = await users.findByUsername('SITI.OP', db);
		expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		const [event] = await audits('user.created').then((e) =>
			e.filter((x) => x.entityId === String(created.id))
		);
		expect(event).toMatchObject({ userId: admin.id, actor: 'root', entityType: 'user' });
		expect(JSON.stringify(event)).not.toContain('argon2');
		expect(JSON.stringify(event)).not.toContain('sangat-rahasia-1');
	});

	it('refuses a taken username (any case), writing nothing', async () => {
		await addUser(db, 'ani', 'evaluator');
		await expect(addUser(db, 'ANI', 'pimpinan')).rejects.toMatchObject({
			name: 'UserInputError',
			field: 'username'
		});
		expect(await db.select().from(usersTable)).toHaveLength(1);
		expect(await audits('user.created')).toHaveLength(1);
	});

	it('binds operators to an active OPD and nobody else to any', async () => {
		const opdId = await insertOpd(db, 'dinkes');
		const retired = await insertOpd(db, 'lama', true);
		await expect(addUser(db, 'op1', 'operator')).rejects.toMatchObject({ field: 'opdId' });
		await expect(addUser(db, 'op2', 'operator', retired)).rejects.toMatchObject({ field: 'opdId' });
		await expect(addUser(db, 'op3', 'operator', 9999)).rejects.toMatchObject({ field: 'opdId' });
		expect(await db.select().from(usersTable)).toHaveLength(0);
		expect(await db.select().from(auditEvents)).toHaveLength(0);

		expect((await addUser(db, 'op4', 'operator', opdId)).opdId).toBe(opdId);
		expect((await addUser(db, 'boss', 'pimpinan', opdId)).opdId).toBeNull();
		const listed = await users.list(db);
		expect(listed.map((u) => [u.username, u.opdName])).toEqual([
			['boss', null],
			['op4', 'DINKES']
		]);
		expect((await users.listOpdOptions(db)).map((o) => o.slug)).toEqual(['dinkes']);
	});

	it('refuses a short password', async () => {
		await expect(
			users.create(
				{ username: 'x1', displayName: 'X', role: 'admin', password: 'pendek' },
				SYSTEM_ACTORS.cli,
				db
			)
		).rejects.toMatchObject({ field: 'password' });
		expect(await db.select().from(usersTable)).toHaveLength(0);
	});
});

describe('users.setRole', () => {
	it('changes role and OPD together and records before → after', async () => {
		const admin = await addUser(db, 'root', 'admin');
		const opdId = await insertOpd(db, 'bappeda');
		const u = await addUser(db, 'rina', 'evaluator');
		const actor = users.actorOf(admin);

		await expect(users.setRole(u.id, 'operator', null, actor, db)).rejects.toMatchObject({
			field: 'opdId'
		});
		await users.setRole(u.id, 'operator', opdId, actor, db);
		expect(await users.findById(u.id, db)).toMatchObject({ role: 'operator', opdId });
		const [event] = await audits('user.role_changed');
		expect(event).toMatchObject({
			before: { role: 'evaluator', opdId: null },
			after: { role: 'operator', opdId }
		});

		// Leaving operator drops the OPD binding.
		await users.setRole(u.id, 'pimpinan', opdId, actor, db);
		expect(await users.findById(u.id, db)).toMatchObject({ role: 'pimpinan', opdId: null });
	});

	it('never leaves the system without an active admin', async () => {
		const root = await addUser(db, 'root', 'admin');
		await expect(
			users.setRole(root.id, 'evaluator', null, SYSTEM_ACTORS.cli, db)
		).rejects.toMatchObject({
			name: 'UserInputError'
		});
		const second = await addUser(db, 'root2', 'admin');
		await users.setRole(root.id, 'evaluator', null, SYSTEM_ACTORS.cli, db);
		await expect(users.disable(second.id, SYSTEM_ACTORS.cli, db)).rejects.toMatchObject({
			name: 'UserInputError'
		});
	});
});

describe('users.disable / enable', () => {
	it('ends every session at once and refuses sign-in until enabled again', async () => {
		const admin = await addUser(db, 'root', 'admin');
		const u = await addUser(db, 'tono', 'evaluator');
		const s1 = await createSession(u.id, db);
		const s2 = await createSession(u.id, db);
		const other = await createSession(admin.id, db);

		await users.disable(u.id, users.actorOf(admin), db);
		expect(await validateSessionToken(s1.token, db)).toBeNull();
		expect(await validateSessionToken(s2.token, db)).toBeNull();
		expect(await validateSessionToken(other.token, db)).not.toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.userId, u.id))).toHaveLength(0);
		expect(await signIn({ username: 'tono', password: PASSWORD, ip }, db)).toEqual({
			ok: false,
			reason: 'disabled'
		});
		expect(await audits('user.disabled')).toHaveLength(1);

		await users.enable(u.id, users.actorOf(admin), db);
		expect((await signIn({ username: 'tono', password: PASSWORD, ip }, db)).ok).toBe(true);
		expect(await audits('user.enabled')).toHaveLength(1);
	});

	it('refuses to let an admin disable themselves', async () => {
		const admin = await addUser(db, 'root', 'admin');
		await addUser(db, 'root2', 'admin');
		await expect(users.disable(admin.id, users.actorOf(admin), db)).rejects.toMatchObject({
			name: 'UserInputError'
		});
		expect((await users.findById(admin.id, db))?.disabledAt).toBeNull();
	});
});

describe('passwords', () => {
	it('resetPassword replaces the password and ends every session', async () => {
		const u = await addUser(db, 'umar', 'pimpinan');
		const s = await createSession(u.id, db);
		await users.resetPassword(u.id, 'password-baru-123', SYSTEM_ACTORS.cli, db);
		expect(await validateSessionToken(s.token, db)).toBeNull();
		expect((await signIn({ username: 'umar', password: PASSWORD, ip }, db)).ok).toBe(false);
		expect((await signIn({ username: 'umar', password: 'password-baru-123', ip }, db)).ok).toBe(
			true
		);
		expect((await users.findById(u.id, db))?.passwordChangedAt).toBeInstanceOf(Date);
		expect(await audits('user.password_reset')).toHaveLength(1);
	});

	it('changeOwnPassword with a wrong current password changes nothing', async () => {
		const u = await addUser(db, 'vina', 'evaluator');
		const s = await createSession(u.id, db);
		const before = await users.findByUsername('vina', db);
		expect(
			await users.changeOwnPassword(u.id, 'bukan-ini-sandinya', 'password-baru-123', ip, db)
		).toEqual({ ok: false, reason: 'wrong' });
		expect(await users.findByUsername('vina', db)).toEqual(before);
		expect(await validateSessionToken(s.token, db)).not.toBeNull();
		expect(await audits('user.password_changed')).toHaveLength(0);
	});

	it('changeOwnPassword ends every other session and starts a new one', async () => {
		const u = await addUser(db, 'wati', 'evaluator');
		const here = await createSession(u.id, db);
		const elsewhere = await createSession(u.id, db);

		const fresh = await users.changeOwnPassword(u.id, PASSWORD, 'password-baru-123', ip, db);
		if (!fresh.ok) throw new Error('the password change was refused');
		expect(await validateSessionToken(here.token, db)).toBeNull();
		expect(await validateSessionToken(elsewhere.token, db)).toBeNull();
		expect((await validateSessionToken(fresh.token, db))?.user.username).toBe('wati');
		expect(await db.select().from(sessions)).toHaveLength(1);
		expect(await audits('user.password_changed')).toMatchObject([{ userId: u.id, actor: 'wati' }]);
		expect((await signIn({ username: 'wati', password: 'password-baru-123', ip }, db)).ok).toBe(
			true
		);
	});
});

describe('createDemoUsers', () => {
	it('creates one documented, demo-marked account per role, once', async () => {
		const opdId = await insertOpd(db, 'diskominfo');
		await users.createDemoUsers(db, opdId);
		await users.createDemoUsers(db, opdId);

		const all = await users.list(db);
		expect(all.map((u) => [u.username, u.role, u.isDemo])).toEqual([
			['demo-admin', 'admin', true],
			['demo-evaluator', 'evaluator', true],
			['demo-operator', 'operator', true],
			['demo-petugas', 'petugas', true],
			['demo-pimpinan', 'pimpinan', true]
		]);
		expect(all.find((u) => u.role === 'operator')?.opdId).toBe(opdId);

		const docs = await readFile('docs/demo-accounts.md', 'utf8');
		for (const account of users.DEMO_ACCOUNTS) {
			expect(docs).toContain(`| \`${account.username}\``);
			expect(docs).toContain(`\`${account.password}\``);
			const result = await signIn(
				{ username: account.username, password: account.password, ip },
				db
			);
			expect(result.ok && result.user.isDemo).toBe(true);
		}
		expect((await audits('user.created')).every((e) => e.actor === 'seed')).toBe(true);
	});

	it('skips the operator when there is no OPD to bind it to', async () => {
		await users.createDemoUsers(db, null);
		expect((await users.list(db)).map((u) => u.role)).toEqual([
			'admin',
			'evaluator',
			'petugas',
			'pimpinan'
		]);
	});
});
