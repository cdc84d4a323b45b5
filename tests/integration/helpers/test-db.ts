import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type DB } from '../../../src/lib/server/db';
import { prepareDb } from '../../../src/lib/server/db/migrate';

/**
 * A fresh libSQL database in a temporary file with every migration in `drizzle/` applied. Call
 * `cleanup()` when done (closes the client, removes the file and its WAL files).
 */
export async function createTestDb(): Promise<{ db: DB; url: string; cleanup(): Promise<void> }> {
	const path = join(tmpdir(), `monev-test-${process.pid}-${randomUUID()}.db`);
	const url = `file:${path}`;
	const db = openDb(url);
	await prepareDb(db, 'drizzle');
	return {
		db,
		url,
		async cleanup() {
			db.$client.close();
			await Promise.all(
				['', '-wal', '-shm', '-journal'].map((suffix) => rm(path + suffix, { force: true }))
			);
		}
	};
}
