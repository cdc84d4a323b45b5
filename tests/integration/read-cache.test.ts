import { createClient, type Client } from '@libsql/client';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type DB } from '../../src/lib/server/db';
import { readCache, type ReadCache } from '../../src/lib/server/db/read-cache';
import { createTestDb } from './helpers/test-db';

let db: DB;
let url: string;
let cleanup: () => Promise<void>;
let plain: Client;
let cache: ReadCache;
beforeEach(async () => {
	({ db, url, cleanup } = await createTestDb());
	await db.run(
		sql`CREATE TABLE t (id integer primary key, v integer, r real, s text, b blob, big integer)`
	);
	await db.run(sql`INSERT INTO t (v, r, s, b, big) VALUES
		(1, 0.5, 'satu', x'00ff10', 9007199254740991), (2, NULL, NULL, NULL, NULL)`);
	// The client as it is without the cache, to compare answers with.
	plain = createClient({ url });
	cache = readCache(url.slice('file:'.length), 5000);
});
afterEach(async () => {
	cache.close();
	plain.close();
	await cleanup();
});

/** Everything a caller can see of a row: by index, by name, its keys and its JSON. */
const seen = (rows: ArrayLike<unknown>[]) =>
	rows.map((row) => ({
		byIndex: Array.from(row).map((v) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v)),
		keys: Object.keys(row),
		length: row.length,
		json: JSON.stringify(row)
	}));

describe('read cache (prepared statements kept for plain SELECTs)', () => {
	it('answers as the client does: values by index and name, integers, reals, text, blobs', async () => {
		const statement = {
			sql: 'SELECT t.*, t.v AS id, ? AS flag, ? AS at FROM t ORDER BY id',
			args: [true, new Date(86_400_000)]
		};
		const fromClient = await plain.execute(statement);
		const fromCache = cache.read(statement)!;
		expect(fromCache).toBeDefined();
		expect(fromCache.columns).toEqual(fromClient.columns);
		expect(fromCache.columnTypes).toEqual(fromClient.columnTypes);
		expect(seen(fromCache.rows)).toEqual(seen(fromClient.rows));
		expect(fromCache.rows[0]![4]).toBeInstanceOf(ArrayBuffer);
		expect(fromCache.toJSON()).toEqual(fromClient.toJSON());
		// Asked again: the kept statement answers the same.
		expect(seen(cache.read(statement)!.rows)).toEqual(seen(fromClient.rows));
	});

	it('sees every commit, by this connection or another, at the next read', async () => {
		const read = () => cache.read('SELECT count(*) AS n FROM t')!.rows[0]!.n;
		expect(read()).toBe(2);
		await db.run(sql`INSERT INTO t (v) VALUES (3)`);
		expect(read()).toBe(3);
		const other = openDb(url);
		await other.run(sql`DELETE FROM t WHERE v = 1`);
		other.$client.close();
		expect(read()).toBe(2);
	});

	it('leaves to the client what it must answer itself', () => {
		expect(cache.read('UPDATE t SET v = 9')).toBeUndefined();
		expect(cache.read('PRAGMA user_version')).toBeUndefined();
		expect(cache.read({ sql: 'SELECT * FROM t WHERE v = :v', args: { v: 1 } })).toBeUndefined();
		// Errors come from the client, in its form: the cache does not answer them.
		expect(cache.read('SELECT * FROM missing_table')).toBeUndefined();
		expect(cache.read('SELECT big + 1 FROM t WHERE big IS NOT NULL')).toBeUndefined();
		expect(cache.read({ sql: 'SELECT ?', args: [Number.NaN] })).toBeUndefined();
		// Nothing was written by the update handed back.
		expect(cache.read('SELECT v FROM t ORDER BY v')!.rows.map((r) => r.v)).toEqual([1, 2]);
	});

	it('never writes: a write behind a SELECT is not run', async () => {
		await db.run(sql`CREATE TABLE log (x integer)`);
		cache.read('SELECT 1; INSERT INTO log VALUES (1)');
		expect((await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM log`))[0]!.n).toBe(0);
	});

	it('is what the app database uses: a client error still reaches the caller', async () => {
		// drizzle wraps the client's error: the client's own is the cause.
		await expect(db.all(sql`SELECT * FROM missing_table`)).rejects.toMatchObject({
			cause: { code: 'SQLITE_ERROR', message: expect.stringMatching(/no such table/) }
		});
		const tooBig = await db
			.all(sql`SELECT big + 1 AS n FROM t WHERE big IS NOT NULL`)
			.catch((e) => e);
		expect((tooBig as Error).cause).toBeInstanceOf(RangeError);
		expect(await db.all(sql`SELECT v FROM t ORDER BY v`)).toEqual([{ v: 1 }, { v: 2 }]);
	});

	it('answers nothing once closed, so a closed client still refuses reads', async () => {
		cache.close();
		expect(cache.read('SELECT 1 AS n')).toBeUndefined();
		db.$client.close();
		await expect(db.all(sql`SELECT v FROM t`)).rejects.toMatchObject({
			cause: { code: 'CLIENT_CLOSED' }
		});
	});

	it('keeps a bounded number of statements and still answers every text', () => {
		for (let i = 0; i < 600; i++) expect(cache.read(`SELECT ${i} AS n`)!.rows[0]!.n).toBe(i);
		expect(cache.read('SELECT 1 AS n')!.rows[0]!.n).toBe(1);
	});
});
