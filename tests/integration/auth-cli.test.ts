import { Readable, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userCommand, type UserCommandIo } from '../../scripts/cli/user';
import { signIn } from '../../src/lib/server/auth/login';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { auditEvents, users as usersTable } from '../../src/lib/server/db/schema';
import * as users from '../../src/lib/server/accounts/users';
import { insertOpd } from './helpers/auth';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
});
afterEach(() => cleanup());

/** Runs `monev user …` with the given environment and stdin; returns status and stderr. */
async function run(args: string[], env: Record<string, string> = {}, stdin = '') {
	let stderr = '';
	const io: UserCommandIo = {
		env,
		stdin: Readable.from(stdin ? [stdin] : []),
		stderr: new Writable({
			write(chunk, _encoding, done) {
				stderr += String(chunk);
				done();
			}
		})
	};
	const status = await userCommand(args, db, io);
	return { status, stderr };
}

const signsIn = async (username: string, password: string) =>
	(await signIn({ username, password, ip: '127.0.0.1' }, db)).ok;

describe('monev user add', () => {
	it('creates the first administrator from MONEV_PASSWORD', async () => {
		const { status, stderr } = await run(
			['add', '--username', 'Admin', '--role', 'admin', '--name', 'Admin PPID'],
			{ MONEV_PASSWORD: 'rahasia-sekali-1' }
		);
		expect(status).toBe(0);
		expect(stderr).toContain('admin');
		expect(stderr).not.toContain('rahasia-sekali-1');
		expect(await users.list(db)).toMatchObject([
			{ username: 'admin', displayName: 'Admin PPID', role: 'admin', isDemo: false }
		]);
		expect(await signsIn('admin', 'rahasia-sekali-1')).toBe(true);
		expect(await db.select().from(auditEvents)).toMatchObject([
			{ action: 'user.created', actor: 'cli', userId: null }
		]);
	});

	it('reads the password from the first line of stdin', async () => {
		const { status } = await run(
			['add', '--username', 'eva', '--role', 'evaluator'],
			{},
			'dari-stdin-123\r\nbaris-kedua\n'
		);
		expect(status).toBe(0);
		expect(await signsIn('eva', 'dari-stdin-123')).toBe(true);
	});

	const env = { MONEV_PASSWORD: 'rahasia-sekali-1' };
	const add = ['add', '--username', 'admin', '--role', 'admin'];
	const addOperator = ['add', '--username', 'op-kominfo', '--role', 'operator'];
	it.each([
		['a short password', add, { MONEV_PASSWORD: 'pendek' }, '', 'minimal 10 karakter'],
		['a short password on stdin', add, {}, 'pendek\n', 'minimal 10 karakter'],
		['no password at all', add, {}, '', 'minimal 10 karakter'],
		['an unknown role', ['add', '--username', 'admin', '--role', 'root'], env, '', '--role'],
		['a bad username', ['add', '--username', 'a b', '--role', 'admin'], env, '', '--username'],
		['an operator without --opd', addOperator, env, '', '--opd wajib'],
		['an unknown OPD', [...addOperator, '--opd', 'nope'], env, '', 'tidak ada OPD'],
		['an unknown flag', [...add, '--admin'], env, '', '--admin'],
		['no subcommand', [], {}, '', 'pemakaian']
	])('refuses %s, writing nothing', async (_label, args, env, stdin, message) => {
		const { status, stderr } = await run(args, env, stdin);
		expect(status).not.toBe(0);
		expect(stderr).toContain(message);
		expect(await db.select().from(usersTable)).toHaveLength(0);
		expect(await db.select().from(auditEvents)).toHaveLength(0);
	});

	it('binds an operator to the OPD given by slug', async () => {
		const opdId = await insertOpd(db, 'diskominfo');
		const { status } = await run(
			['add', '--username', 'op-kominfo', '--role', 'operator', '--opd', 'diskominfo'],
			{ MONEV_PASSWORD: 'rahasia-sekali-1' }
		);
		expect(status).toBe(0);
		expect((await users.findByUsername('op-kominfo', db))?.opdId).toBe(opdId);
	});

	it('refuses a taken username with status 1', async () => {
		const env = { MONEV_PASSWORD: 'rahasia-sekali-1' };
		expect((await run(['add', '--username', 'admin', '--role', 'admin'], env)).status).toBe(0);
		const again = await run(['add', '--username', 'admin', '--role', 'evaluator'], env);
		expect(again.status).toBe(1);
		expect(again.stderr).toContain('sudah dipakai');
	});
});

describe('monev user passwd / disable', () => {
	it('resets a password and ends the sessions', async () => {
		await run(['add', '--username', 'eva', '--role', 'evaluator'], {
			MONEV_PASSWORD: 'rahasia-sekali-1'
		});
		const user = await users.findByUsername('eva', db);
		const session = await createSession(user!.id, db);

		expect(
			(await run(['passwd', '--username', 'eva'], { MONEV_PASSWORD: 'pendek' })).status
		).not.toBe(0);
		expect(await signsIn('eva', 'rahasia-sekali-1')).toBe(true);

		expect((await run(['passwd', '--username', 'eva'], {}, 'sandi-baru-dari-stdin\n')).status).toBe(
			0
		);
		expect(await validateSessionToken(session.token, db)).toBeNull();
		expect(await signsIn('eva', 'sandi-baru-dari-stdin')).toBe(true);
	});

	it('disables a user; an unknown username is status 1', async () => {
		await run(['add', '--username', 'eva', '--role', 'evaluator'], {
			MONEV_PASSWORD: 'rahasia-sekali-1'
		});
		expect((await run(['disable', '--username', 'eva'])).status).toBe(0);
		expect((await users.findByUsername('eva', db))?.disabledAt).toBeInstanceOf(Date);
		expect((await run(['disable', '--username', 'nobody'])).status).toBe(1);
	});
});
