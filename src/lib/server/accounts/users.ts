import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import { PASSWORD_MIN_LENGTH } from '../../validation/password';
import { record, SYSTEM_ACTORS, type Actor } from '../audit/audit';
import { hashPassword, verifyPassword } from '../auth/password';
import { createSession, invalidateUserSessions } from '../auth/session';
import { throttledCheck } from '../auth/throttle';
import { db, type Conn } from '../db';
import { opds, users, type Role, type Session, type User } from '../db/schema';

/**
 * Users: accounts, roles, OPD binding, passwords. Every change writes its audit event in the same
 * transaction. Passwords are hashed before the transaction opens, so the ~26 ms of argon2 never
 * holds the database's write lock.
 */

/** A rule a caller can fix (taken username, operator without an OPD…); `field` names the input. */
export class UserInputError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'UserInputError';
	}
}

/** A user as lists and pages show them: never the password hash. */
export interface UserSummary {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	opdId: number | null;
	opdName: string | null;
	isDemo: boolean;
	disabledAt: Date | null;
	passwordChangedAt: Date | null;
	createdAt: Date;
}

export interface NewUser {
	username: string;
	displayName: string;
	password: string;
	role: Role;
	/** Required for operators, ignored for every other role. */
	opdId?: number | null;
	isDemo?: boolean;
}

/** The audit actor for a signed-in user. */
export function actorOf(user: { id: number; username: string }): Actor {
	return { userId: user.id, name: user.username };
}

const summaryColumns = {
	id: users.id,
	username: users.username,
	displayName: users.displayName,
	role: users.role,
	opdId: users.opdId,
	opdName: opds.shortName,
	isDemo: users.isDemo,
	disabledAt: users.disabledAt,
	passwordChangedAt: users.passwordChangedAt,
	createdAt: users.createdAt
};

/** The full row (with the hash) for signing in; usernames are stored lowercase. */
export async function findByUsername(
	username: string,
	conn: Conn = db()
): Promise<User | undefined> {
	const [row] = await conn
		.select()
		.from(users)
		.where(eq(users.username, username.trim().toLowerCase()))
		.limit(1);
	return row;
}

export async function findById(id: number, conn: Conn = db()): Promise<UserSummary | undefined> {
	const [row] = await conn
		.select(summaryColumns)
		.from(users)
		.leftJoin(opds, eq(opds.id, users.opdId))
		.where(eq(users.id, id))
		.limit(1);
	return row;
}

/** Every user, by username. */
export async function list(conn: Conn = db()): Promise<UserSummary[]> {
	return conn
		.select(summaryColumns)
		.from(users)
		.leftJoin(opds, eq(opds.id, users.opdId))
		.orderBy(asc(users.username));
}

/** OPDs an operator can be bound to (not retired), by name. */
export async function listOpdOptions(conn: Conn = db()) {
	return conn
		.select({ id: opds.id, slug: opds.slug, name: opds.name, shortName: opds.shortName })
		.from(opds)
		.where(isNull(opds.retiredAt))
		.orderBy(asc(opds.name));
}

export async function findOpdIdBySlug(
	slug: string,
	conn: Conn = db()
): Promise<number | undefined> {
	const [row] = await conn.select({ id: opds.id }).from(opds).where(eq(opds.slug, slug)).limit(1);
	return row?.id;
}

function checkPasswordPolicy(password: string): void {
	if (password.length < PASSWORD_MIN_LENGTH) {
		throw new UserInputError('password', `Kata sandi minimal ${PASSWORD_MIN_LENGTH} karakter.`);
	}
}

/** The OPD binding a role gets: operators need an existing, active OPD; other roles have none. */
async function opdFor(role: Role, opdId: number | null | undefined, conn: Conn) {
	if (role !== 'operator') return null;
	if (opdId == null) {
		throw new UserInputError('opdId', 'Operator harus terikat pada satu OPD: pilih OPD-nya.');
	}
	const [opd] = await conn
		.select({ id: opds.id, retiredAt: opds.retiredAt })
		.from(opds)
		.where(eq(opds.id, opdId))
		.limit(1);
	if (!opd || opd.retiredAt) {
		throw new UserInputError('opdId', 'OPD tidak ditemukan atau sudah tidak aktif.');
	}
	return opd.id;
}

async function requireRow(userId: number, conn: Conn): Promise<User> {
	const [row] = await conn.select().from(users).where(eq(users.id, userId)).limit(1);
	if (!row) throw new UserInputError('_form', 'Pengguna tidak ditemukan.');
	return row;
}

/** Refuses a change that would leave no active administrator to manage users. */
async function keepAnAdmin(userId: number, conn: Conn): Promise<void> {
	const [row] = await conn
		.select({ n: count() })
		.from(users)
		.where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)));
	if ((row?.n ?? 0) === 0) {
		throw new UserInputError('_form', 'Harus tetap ada minimal satu administrator aktif.');
	}
}

/** Creates a user; throws UserInputError for a taken username or a missing/unknown OPD. */
export async function create(
	input: NewUser,
	actor: Actor,
	conn: Conn = db()
): Promise<UserSummary> {
	checkPasswordPolicy(input.password);
	const passwordHash = await hashPassword(input.password);
	const username = input.username.trim().toLowerCase();
	const id = await conn.transaction(async (tx) => {
		if (await findByUsername(username, tx)) {
			throw new UserInputError('username', `Nama pengguna "${username}" sudah dipakai.`);
		}
		const opdId = await opdFor(input.role, input.opdId, tx);
		const values = {
			username,
			displayName: input.displayName.trim(),
			role: input.role,
			opdId,
			isDemo: input.isDemo ?? false
		};
		const [row] = await tx
			.insert(users)
			.values({ ...values, passwordHash })
			.returning({ id: users.id });
		if (!row) throw new Error('insert into users returned no row');
		await record(
			actor,
			{ action: 'user.created', entityType: 'user', entityId: row.id, after: values },
			tx
		);
		// The first real administrator ends the demo: its accounts' passwords are public.
		if (values.role === 'admin' && !values.isDemo) await disableDemoAccounts(actor, tx);
		return row.id;
	});
	const created = await findById(id, conn);
	if (!created) throw new Error(`user ${id} vanished after insert`);
	return created;
}

/** Sets a user's role and, for an operator, their OPD. Takes effect on their next request. */
export async function setRole(
	userId: number,
	role: Role,
	opdId: number | null,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const user = await requireRow(userId, tx);
		const nextOpdId = await opdFor(role, opdId, tx);
		if (user.role === role && user.opdId === nextOpdId) return;
		if (user.role === 'admin' && role !== 'admin' && !user.disabledAt)
			await keepAnAdmin(userId, tx);
		await tx.update(users).set({ role, opdId: nextOpdId }).where(eq(users.id, userId));
		await record(
			actor,
			{
				action: 'user.role_changed',
				entityType: 'user',
				entityId: userId,
				before: { role: user.role, opdId: user.opdId },
				after: { role, opdId: nextOpdId }
			},
			tx
		);
	});
}

/** Disables a user and ends all their sessions at once. */
export async function disable(userId: number, actor: Actor, conn: Conn = db()): Promise<void> {
	if (actor.userId === userId) {
		throw new UserInputError('_form', 'Anda tidak dapat menonaktifkan akun Anda sendiri.');
	}
	await conn.transaction(async (tx) => {
		const user = await requireRow(userId, tx);
		if (user.disabledAt) return;
		if (user.role === 'admin') await keepAnAdmin(userId, tx);
		await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
		await invalidateUserSessions(userId, tx);
		await record(actor, { action: 'user.disabled', entityType: 'user', entityId: userId }, tx);
	});
}

export async function enable(userId: number, actor: Actor, conn: Conn = db()): Promise<void> {
	await conn.transaction(async (tx) => {
		const user = await requireRow(userId, tx);
		if (!user.disabledAt) return;
		await tx.update(users).set({ disabledAt: null }).where(eq(users.id, userId));
		await record(actor, { action: 'user.enabled', entityType: 'user', entityId: userId }, tx);
	});
}

/** An admin (or the CLI) sets a new password; every session of that user ends. */
export async function resetPassword(
	userId: number,
	password: string,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	checkPasswordPolicy(password);
	const passwordHash = await hashPassword(password);
	await conn.transaction(async (tx) => {
		await requireRow(userId, tx);
		await tx
			.update(users)
			.set({ passwordHash, passwordChangedAt: new Date() })
			.where(eq(users.id, userId));
		await invalidateUserSessions(userId, tx);
		await record(
			actor,
			{ action: 'user.password_reset', entityType: 'user', entityId: userId },
			tx
		);
	});
}

/** The outcome of changing one's own password. */
export type PasswordChange =
	| { ok: true; token: string; session: Session }
	| { ok: false; reason: 'wrong' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * A user changes their own password: checks the current one, ends every session (a thief holding
 * an old cookie is locked out) and starts a fresh one for the caller. Changes nothing when the
 * current password is wrong or the check is throttled (throttle.ts, keyed on the caller's address).
 */

export async function changeOwnPassword(
	userId: number,
	currentPassword: string,
	newPassword: string,
	ip: string,
	conn: Conn = db(),
	now = new Date()
): Promise<PasswordChange> {
	checkPasswordPolicy(newPassword);
	const user = await requireRow(userId, conn);
	if (user.disabledAt) return { ok: false, reason: 'wrong' };
	// The current-password check is a password guess like a sign-in: same counters, same limits.
	const check = await throttledCheck(
		user.username,
		ip,
		() => verifyPassword(user.passwordHash, currentPassword),
		conn,
		now
	);
	if (check.status === 'throttled') {
		return { ok: false, reason: 'throttled', retryAfterMs: check.retryAfterMs };
	}
	if (check.status === 'wrong') return { ok: false, reason: 'wrong' };
	const passwordHash = await hashPassword(newPassword);
	return conn.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ passwordHash, passwordChangedAt: now })
			.where(eq(users.id, userId));
		await invalidateUserSessions(userId, tx);
		await record(
			actorOf(user),
			{ action: 'user.password_changed', entityType: 'user', entityId: userId },
			tx
		);
		return { ok: true as const, ...(await createSession(userId, tx, now)) };
	});
}

/**
 * The demo accounts, one per role. Their passwords are public (docs/demo-accounts.md): they exist
 * only in demo databases and the UI marks them "DEMO".
 */
export const DEMO_ACCOUNTS = [
	{ username: 'demo-admin', displayName: 'Admin Demo', role: 'admin', password: 'demo-admin-dip' },
	{
		username: 'demo-evaluator',
		displayName: 'Evaluator Demo',
		role: 'evaluator',
		password: 'demo-evaluator-dip'
	},
	{
		username: 'demo-operator',
		displayName: 'Operator Demo',
		role: 'operator',
		password: 'demo-operator-dip'
	},
	{
		username: 'demo-pimpinan',
		displayName: 'Pimpinan Demo',
		role: 'pimpinan',
		password: 'demo-pimpinan-dip'
	},
	{
		username: 'demo-petugas',
		displayName: 'Petugas Layanan Demo',
		role: 'petugas',
		password: 'demo-petugas-dip'
	}
] as const satisfies readonly {
	username: string;
	displayName: string;
	role: Role;
	password: string;
}[];

/**
 * Creates the demo accounts that do not exist yet. The operator is bound to `operatorOpdId`;
 * with null (a demo without OPDs) it is skipped.
 */
export async function createDemoUsers(conn: Conn, operatorOpdId: number | null): Promise<void> {
	for (const account of DEMO_ACCOUNTS) {
		if (account.role === 'operator' && operatorOpdId === null) continue;
		if (await findByUsername(account.username, conn)) continue;
		await create(
			{ ...account, opdId: account.role === 'operator' ? operatorOpdId : null, isDemo: true },
			SYSTEM_ACTORS.seed,
			conn
		);
	}
}

/**
 * Disables every demo account still enabled and ends its sessions (their passwords are in the
 * README). Called when a real administrator is created and on a start with SEED_DEMO=0, so a real
 * installation never keeps them by surprise. Audited per account; returns how many it disabled.
 */
export async function disableDemoAccounts(actor: Actor, conn: Conn = db()): Promise<number> {
	const live = await conn
		.select({ id: users.id, username: users.username })
		.from(users)
		.where(and(eq(users.isDemo, true), isNull(users.disabledAt)));
	for (const account of live) {
		await conn.update(users).set({ disabledAt: new Date() }).where(eq(users.id, account.id));
		await invalidateUserSessions(account.id, conn);
		await record(
			actor,
			{
				action: 'user.disabled',
				entityType: 'user',
				entityId: account.id,
				after: { reason: 'akun demo dinonaktifkan pada instalasi nyata' }
			},
			conn
		);
	}
	return live.length;
}

/**
 * The demo accounts a visitor can still sign in with (created by the demo seed, enabled, password
 * never changed), to list on the sign-in page. Empty on a real installation.
 */
export async function usableDemoAccounts(conn: Conn = db()) {
	const rows = await conn
		.select({ username: users.username })
		.from(users)
		.where(and(eq(users.isDemo, true), isNull(users.disabledAt), isNull(users.passwordChangedAt)));
	const usable = new Set(rows.map((r) => r.username));
	return DEMO_ACCOUNTS.filter((a) => usable.has(a.username)).map(
		({ username, password, role }) => ({
			username,
			password,
			role
		})
	);
}
