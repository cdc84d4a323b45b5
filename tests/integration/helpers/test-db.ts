import { randomUUID } from 'node:crypto';
import { copyFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDb, type DB } from '../../../src/lib/server/db';
import type { TestDbTemplate } from './template-db';

export type { TestDbTemplate } from './template-db';

export interface TestDb {
	db: DB;
	url: string;
	cleanup(): Promise<void>;
}

/**
 * A fresh libSQL database in a temporary file of its own: a byte copy of the template `from`
 * (template-db.ts, built once per run): `empty` (every migration in `drizzle/` applied), `demo`
 * (plus the demo seed) or `draft2022` (plus 2022 copied from 2021 as a draft). Nothing is shared:
 * each call copies the file anew. Call `cleanup()` when done (closes the client, removes the file
 * and its WAL files).
 */
export async function createTestDb(from: TestDbTemplate = 'empty'): Promise<TestDb> {
	const template = inject('testDbTemplates')?.[from];
	if (!template)
		throw new Error('no template databases: run the integration project (its globalSetup)');
	const path = join(tmpdir(), `monev-test-${process.pid}-${randomUUID()}.db`);
	await copyFile(template, path);
	const url = `file:${path}`;
	const db = openDb(url);
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
