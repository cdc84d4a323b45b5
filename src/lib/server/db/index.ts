import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
	createClient,
	type Client,
	type InStatement,
	type InValue,
	type ResultSet
} from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { readConfig } from '../config';
import * as schema from './schema';
import { readCache } from './read-cache';
import { writeLockFor } from './write-lock';

export type DB = LibSQLDatabase<typeof schema> & { $client: Client };
/** A transaction handle; every data verb accepts either, so callers can compose them. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];
export type Conn = DB | Tx;

/**
 * Opens a database by URL. A local `file:` database gets a busy timeout, because two writers
 * would otherwise fail at once with SQLITE_BUSY; `prepareDb` (migrate.ts) switches it to WAL.
 */
export function openDb(url: string, authToken?: string): DB {
	const isFile = url.startsWith('file:');
	const path = isFile ? (url.slice('file:'.length).split('?')[0] ?? '') : '';
	const onDisk = path !== '' && path !== ':memory:' && !path.startsWith(':memory:');
	if (onDisk) mkdirSync(dirname(path), { recursive: true });
	const client = createClient({ url, authToken, timeout: isFile ? 5000 : undefined });
	// Transactions and batches hold SQLite's write lock across awaits: queue them, and single
	// writes outside a transaction behind them (write-lock.ts). Reads never wait; a file's plain
	// SELECTs run on statements kept prepared (read-cache.ts).
	const lock = writeLockFor(canonicalUrl(url));
	const reads = onDisk ? readCacheOf(path) : undefined;
	const execute = client.execute.bind(client) as (stmt: InStatement) => Promise<ResultSet>;
	client.execute = ((stmt: InStatement, args?: InValue[]) => {
		const statement: InStatement =
			typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
		if (isWrite(statement)) return lock.run(() => execute(statement));
		const cached = reads?.read(statement);
		return cached ? Promise.resolve(cached) : execute(statement);
	}) as typeof client.execute;
	if (reads) {
		const close = client.close.bind(client);
		client.close = () => {
			reads.close();
			close();
		};
	}
	const database = drizzle(client, { schema });
	const transaction = database.transaction.bind(database);
	const batch = database.batch.bind(database);
	database.transaction = ((work, config) =>
		lock.run(() => transaction(work, config))) as typeof database.transaction;
	database.batch = ((queries) => lock.run(() => batch(queries))) as typeof database.batch;
	if (!/^file::memory:|^:memory:/.test(url)) locations.set(database, { url, authToken });
	return database;
}

/**
 * The statement cache of a file database, when its path is plain (`file:x.db`, `file:/a/x.db`,
 * `file:///a/x.db`); an encoded or host-qualified path is left to the client alone.
 */
function readCacheOf(path: string) {
	const plain = path.startsWith('///') ? path.slice(2) : path;
	if (plain.includes('%') || plain.startsWith('//')) return undefined;
	return readCache(plain, 5000);
}

/** Where each opened database lives, so that a worker thread can open its own connection to it. */
const locations = new WeakMap<object, { url: string; authToken?: string }>();

/**
 * The URL (and token) of a database opened by `openDb`, for a worker thread's own read
 * connection; null for an in-memory database or a transaction (whose state no other connection
 * sees).
 */
export function locationOf(conn: Conn): { url: string; authToken?: string } | null {
	return locations.get(conn) ?? null;
}

/**
 * The write lock of this process for the database at `url`: a worker thread that writes on its
 * own connection holds it (through the main thread) so it stays the one writer.
 */
export const writeLockOf = (url: string) => writeLockFor(canonicalUrl(url));

const WRITE = /^\s*(insert|update|delete|replace)\b/i;

function isWrite(stmt: InStatement): boolean {
	return WRITE.test(typeof stmt === 'string' ? stmt : stmt.sql);
}

/** `file:data/x.db` and `file:/abs/data/x.db` name the same database. */
function canonicalUrl(url: string): string {
	if (!url.startsWith('file:')) return url;
	const path = url.slice('file:'.length).split('?')[0] ?? '';
	return path === ':memory:' ? url : `file:${resolve(path)}`;
}

let instance: DB | undefined;

/** The app's database, opened on first use from DATABASE_URL. */
export function db(): DB {
	if (!instance) {
		const config = readConfig();
		instance = openDb(config.databaseUrl, config.databaseAuthToken);
	}
	return instance;
}

/** For tests and the CLI: use this database as the app's database. */
export function useDb(database: DB): void {
	instance = database;
}

export { schema };
