import { count } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDb, type DB } from '../../src/lib/server/db';
import { opds } from '../../src/lib/server/db/schema';
import { WriteLock } from '../../src/lib/server/db/write-lock';
import { createTestDb } from './helpers/test-db';

let db: DB;
let url: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, url, cleanup } = await createTestDb()));
afterEach(async () => cleanup());

const opd = (slug: string) => ({ slug, name: slug, shortName: slug, kind: 'dinas' as const });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a batch on a second handle waits for an open transaction instead of failing busy', async () => {
	const second = openDb(url); // like the matrix's group-commit writer: same file, own connection
	const slow = db.transaction(async (tx) => {
		await tx.insert(opds).values(opd('first'));
		await pause(200); // holds SQLite's write lock across an await, as real transactions do
		await tx.insert(opds).values(opd('second'));
	});
	await pause(20);
	const finished: string[] = [];
	const batch = second.batch([second.insert(opds).values(opd('third'))]);
	await Promise.all([
		slow.then(() => finished.push('transaction')),
		batch.then(() => finished.push('batch'))
	]);
	// The batch finished, and only after the transaction it waited for.
	expect(finished).toEqual(['transaction', 'batch']);
	const [row] = await db.select({ n: count() }).from(opds);
	expect(row!.n).toBe(3);
	second.$client.close();
});

it('is re-entrant: a transaction opened inside the lock does not wait for itself', async () => {
	const lock = new WriteLock();
	const order: string[] = [];
	await lock.run(async () => {
		order.push('outer');
		await lock.run(async () => order.push('inner'));
	});
	expect(order).toEqual(['outer', 'inner']);
});

it('lets the next writer in after a failure', async () => {
	const lock = new WriteLock();
	await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
	await expect(lock.run(async () => 'next')).resolves.toBe('next');
});

it('a single write on a second handle waits for an open transaction instead of failing busy', async () => {
	const second = openDb(url); // e.g. a login attempt recorded while an import is being written
	const slow = db.transaction(async (tx) => {
		await tx.insert(opds).values(opd('first'));
		await pause(200);
		await tx.insert(opds).values(opd('second'));
	});
	await pause(20);
	const single = second.insert(opds).values(opd('third'));
	const read = second.select({ n: count() }).from(opds); // reads never wait for the lock
	await expect(read).resolves.toEqual([{ n: 0 }]);
	const finished: string[] = [];
	await Promise.all([
		slow.then(() => finished.push('transaction')),
		single.then(() => finished.push('single'))
	]);
	expect(finished).toEqual(['transaction', 'single']);
	const [row] = await db.select({ n: count() }).from(opds);
	expect(row!.n).toBe(3);
	second.$client.close();
});
