import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { DB } from './index';

/**
 * Makes a database ready for use: WAL for a local file (readers never wait for a writer; the
 * setting is stored in the file) and the committed migrations in `drizzle/` (idempotent).
 */
export async function prepareDb(database: DB, migrationsFolder = 'drizzle'): Promise<void> {
	if (database.$client.protocol === 'file')
		await database.$client.execute('PRAGMA journal_mode = WAL');
	await migrate(database, { migrationsFolder: resolve(migrationsFolder) });
}
