import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { readConfig } from '../config';
import * as schema from './schema';

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
	if (isFile) {
		const path = url.slice('file:'.length).split('?')[0] ?? '';
		if (path && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	}
	const client = createClient({ url, authToken, timeout: isFile ? 5000 : undefined });
	return drizzle(client, { schema });
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
