import { isActionFailure, isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { auditEvents, users as usersTable } from '../../src/lib/server/db/schema';
import * as users from '../../src/lib/server/accounts/users';
import { addUser, asSessionUser, insertOpd } from './helpers/auth';
import { createTestDb } from './helpers/test-db';
import { endRequest, request as newRequest, run as outcome } from './helpers/request';

vi.mock('$app/server', () => import('./helpers/request'));

const { requireCapability, requireOwnOpd, requireRole, requireUser } =
	await import('../../src/lib/server/auth/guards');
const listPage = await import('../../src/routes/admin/pengguna/+page.server');
const userPage = await import('../../src/routes/admin/pengguna/[id]/+page.server');
const accountPage = await import('../../src/routes/akun/+page.server');

const request = (
	user: SessionUser | null,
	path = '/admin/pengguna',
	method = 'GET',
	fields?: Record<string, string>,
	params: Record<string, string> = {}
): RequestEvent => newRequest(path, { user, method, form: fields, params });

let db: DB;
let cleanup: () => Promise<void>;
let opdA: number;
let opdB: number;
let who: Record<'admin' | 'evaluator' | 'operator' | 'pimpinan' | 'petugas', SessionUser>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
	useDb(db);
	opdA = await insertOpd(db, 'dinas-a');
	opdB = await insertOpd(db, 'dinas-b');
	who = {
		admin: asSessionUser(await addUser(db, 'admin1', 'admin')),
		evaluator: asSessionUser(await addUser(db, 'eval1', 'evaluator')),
		operator: asSessionUser(await addUser(db, 'op1', 'operator', opdA)),
		pimpinan: asSessionUser(await addUser(db, 'boss1', 'pimpinan')),
		petugas: asSessionUser(await addUser(db, 'desk1', 'petugas'))
	};
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

describe('requireUser', () => {
	it('sends an anonymous page load to /login, remembering the page', () => {
		request(null, '/admin/pengguna?q=ani');
		const thrown = (() => {
			try {
				requireUser();
			} catch (e) {
				return e;
			}
		})();
		expect(isRedirect(thrown) && [thrown.status, thrown.location]).toEqual([
			303,
			'/login?redirectTo=%2Fadmin%2Fpengguna%3Fq%3Dani'
		]);
	});

	it.each([
		['POST', '/admin/pengguna'],
		['GET', '/api/v1/export'],
		['DELETE', '/api/v1/users/1']
	])('answers 401 to an anonymous %s %s', (method, path) => {
		request(null, path, method);
		expect(() => requireUser()).toThrow(expect.objectContaining({ status: 401 }));
	});

	it('returns the signed-in user', () => {
		request(who.pimpinan);
		expect(requireUser()).toBe(who.pimpinan);
	});
});

describe('requireCapability / requireRole / requireOwnOpd', () => {
	it('refuses a role without the capability with 403 and a readable reason', () => {
		request(who.evaluator);
		expect(() => requireCapability('users.manage')).toThrow(
			expect.objectContaining({
				status: 403,
				body: { message: 'Anda tidak berhak mengelola pengguna.' }
			})
		);
		expect(requireCapability('cells.verify')).toBe(who.evaluator);
		expect(() => requireRole('admin')).toThrow(expect.objectContaining({ status: 403 }));
		expect(requireRole('admin', 'evaluator')).toBe(who.evaluator);
	});

	it('lets an operator act only for its own OPD; roles that see any OPD for any; the petugas for none', () => {
		request(who.operator);
		expect(requireOwnOpd(opdA)).toBe(who.operator);
		expect(() => requireOwnOpd(opdB)).toThrow(expect.objectContaining({ status: 403 }));
		for (const role of ['admin', 'evaluator', 'pimpinan'] as const) {
			request(who[role]);
			expect(requireOwnOpd(opdB)).toBe(who[role]);
		}
		request(who.petugas);
		expect(() => requireOwnOpd(opdA)).toThrow(expect.objectContaining({ status: 403 }));
		request(null, '/opd/2', 'POST');
		expect(() => requireOwnOpd(opdA)).toThrow(expect.objectContaining({ status: 401 }));
	});
});

describe('/admin/pengguna as every role', () => {
	const newUser = {
		username: 'baru',
		displayName: 'Pengguna Baru',
		role: 'evaluator',
		opdId: '',
		password: 'kata-sandi-baru-1'
	};
	const snapshot = async () => ({
		users: await db.select().from(usersTable),
		audit: await db.select().from(auditEvents)
	});

	it.each([
		[null, 401],
		['evaluator', 403],
		['operator', 403],
		['pimpinan', 403]
	] as const)(
		'refuses %s (%i) on every load and action, changing nothing',
		async (role, status) => {
			const user = role === null ? null : who[role];
			const before = await snapshot();
			const target = String(who.evaluator.id);
			const calls: [unknown, RequestEvent][] = [
				[listPage.actions.create, request(user, '/admin/pengguna?/create', 'POST', newUser)],
				[
					userPage.actions.role,
					request(
						user,
						`/admin/pengguna/${target}?/role`,
						'POST',
						{ role: 'admin', opdId: '' },
						{ id: target }
					)
				],
				[
					userPage.actions.password,
					request(
						user,
						`/admin/pengguna/${target}?/password`,
						'POST',
						{ password: 'dibajak-sekali-1' },
						{ id: target }
					)
				],
				[
					userPage.actions.disable,
					request(user, `/admin/pengguna/${target}?/disable`, 'POST', {}, { id: target })
				],
				[
					userPage.actions.enable,
					request(user, `/admin/pengguna/${target}?/enable`, 'POST', {}, { id: target })
				]
			];
			for (const [fn, event] of calls) {
				const result = await outcome(fn, event);
				expect(isHttpError(result) && result.status).toBe(status);
			}
			const loads: [unknown, RequestEvent][] = [
				[listPage.load, request(user, '/admin/pengguna', 'POST')],
				[
					userPage.load,
					request(user, `/admin/pengguna/${target}`, 'POST', undefined, { id: target })
				]
			];
			for (const [fn, event] of loads) {
				const result = await outcome(fn, event);
				expect(isHttpError(result) && result.status).toBe(status);
			}
			expect(await snapshot()).toEqual(before);
		}
	);

	it('lets the admin create, reassign, reset, disable and enable', async () => {
		const admin = who.admin;
		const created = await outcome(
			listPage.actions.create,
			request(admin, '/admin/pengguna?/create', 'POST', newUser)
		);
		expect(created).toEqual({ created: 'baru' });
		const id = String((await users.findByUsername('baru', db))?.id);
		const at = (action: string, fields: Record<string, string> = {}) =>
			request(admin, `/admin/pengguna/${id}?/${action}`, 'POST', fields, { id });

		expect(
			await outcome(userPage.actions.role, at('role', { role: 'operator', opdId: '' }))
		).toSatisfy((r: unknown) => isActionFailure(r) && r.status === 400);
		expect(
			await outcome(userPage.actions.role, at('role', { role: 'operator', opdId: String(opdB) }))
		).toEqual({
			action: 'role',
			done: true
		});
		expect(
			await outcome(userPage.actions.password, at('password', { password: 'sandi-baru-lagi-1' }))
		).toEqual({
			action: 'password',
			done: true
		});
		expect(await outcome(userPage.actions.disable, at('disable'))).toEqual({
			action: 'disable',
			done: true
		});
		expect(await users.findById(Number(id), db)).toMatchObject({ role: 'operator', opdId: opdB });
		expect((await users.findById(Number(id), db))?.disabledAt).toBeInstanceOf(Date);

		const self = String(admin.id);
		const selfDisable = await outcome(
			userPage.actions.disable,
			request(admin, `/admin/pengguna/${self}?/disable`, 'POST', {}, { id: self })
		);
		expect(isActionFailure(selfDisable) && selfDisable.data).toMatchObject({
			errors: { _form: 'Anda tidak dapat menonaktifkan akun Anda sendiri.' }
		});

		const missing = await outcome(
			userPage.load,
			request(admin, '/admin/pengguna/9999', 'GET', undefined, { id: '9999' })
		);
		expect(isHttpError(missing) && missing.status).toBe(404);
	});

	it('keeps the password out of a refused create form', async () => {
		const result = await outcome(
			listPage.actions.create,
			request(who.admin, '/admin/pengguna?/create', 'POST', { ...newUser, username: 'admin1' })
		);
		expect(isActionFailure(result) && result.status).toBe(400);
		expect(JSON.stringify(isActionFailure(result) && result.data)).not.toContain(newUser.password);
	});
});

describe('/akun', () => {
	it('is refused to anonymous visitors', async () => {
		const load = await outcome(accountPage.load, request(null, '/akun'));
		expect(isRedirect(load) && load.location).toBe('/login?redirectTo=%2Fakun');
		const action = await outcome(
			accountPage.actions.password,
			request(null, '/akun?/password', 'POST', {})
		);
		expect(isHttpError(action) && action.status).toBe(401);
	});

	it('checks the current password and the repetition', async () => {
		const fields = (current: string, next: string, confirm = next) => ({
			currentPassword: current,
			newPassword: next,
			confirmPassword: confirm
		});
		const mismatch = await outcome(
			accountPage.actions.password,
			request(
				who.pimpinan,
				'/akun?/password',
				'POST',
				fields('kata-sandi-rahasia', 'sandi-baru-1234', 'lain-lagi-1234')
			)
		);
		expect(isActionFailure(mismatch) && mismatch.data).toMatchObject({
			errors: { confirmPassword: 'Ulangan kata sandi baru tidak sama.' }
		});
		const wrong = await outcome(
			accountPage.actions.password,
			request(who.pimpinan, '/akun?/password', 'POST', fields('bukan-sandinya', 'sandi-baru-1234'))
		);
		expect(isActionFailure(wrong) && wrong.data).toEqual({
			values: {},
			errors: { currentPassword: 'Kata sandi saat ini salah.' },
			message: ''
		});
		const ok = await outcome(
			accountPage.actions.password,
			request(
				who.pimpinan,
				'/akun?/password',
				'POST',
				fields('kata-sandi-rahasia', 'sandi-baru-1234')
			)
		);
		expect(ok).toEqual({ changed: true });
	});

	it('throttles the current-password check like a sign-in', async () => {
		const post = (current: string) =>
			outcome(
				accountPage.actions.password,
				request(who.pimpinan, '/akun?/password', 'POST', {
					currentPassword: current,
					newPassword: 'sandi-baru-1234',
					confirmPassword: 'sandi-baru-1234'
				})
			);
		const burst = await Promise.all(Array.from({ length: 20 }, () => post('bukan-sandinya')));
		const checked = burst.filter((r) => isActionFailure(r) && r.status === 400);
		expect(checked.length).toBeLessThanOrEqual(5);
		const right = await post('kata-sandi-rahasia');
		expect(isActionFailure(right) && right.status).toBe(429);
		expect(JSON.stringify(isActionFailure(right) && right.data)).toMatch(
			/Terlalu banyak percobaan/
		);
		expect((await users.findByUsername('boss1', db))?.passwordChangedAt ?? null).toBeNull();
	});
});
