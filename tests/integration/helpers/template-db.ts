import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb } from '../../../src/lib/server/db';
import { prepareDb } from '../../../src/lib/server/db/migrate';
import { seedDemo } from '../../../src/lib/server/db/seed';
import { copyPeriod } from '../../../src/lib/server/workflow/period-copy';
import { SYSTEM_ACTORS } from '../../../src/lib/server/audit/audit';

/**
 * The databases a test can start from, each a file built once per run by the code under test:
 * `empty` has every migration in `drizzle/` applied, `demo` is `empty` plus `seedDemo` (2020 and
 * 2021 published, the demo accounts), `draft2022` is `demo` plus 2022 copied from 2021 as a draft.
 */
export type TestDbTemplate = 'empty' | 'demo' | 'draft2022';

declare module 'vitest' {
	export interface ProvidedContext {
		testDbTemplates: Record<TestDbTemplate, string>;
	}
}

/** Builds `name` from a copy of `from` (or from nothing) and closes it with its WAL folded in. */
async function build(
	dir: string,
	name: TestDbTemplate,
	from: string | null,
	fill: (db: ReturnType<typeof openDb>) => Promise<unknown>
): Promise<string> {
	const path = join(dir, `${name}.db`);
	if (from) await copyFile(from, path);
	const db = openDb(`file:${path}`);
	await fill(db);
	// One self-contained file (the WAL setting is stored in it): a byte copy is the whole database.
	await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	db.$client.close();
	return path;
}

/**
 * Vitest globalSetup of the integration ring: builds the template databases once, before any test
 * file runs; `createTestDb` (test-db.ts) gives every test its own copy of one. Seeding the demo
 * years takes about a second (two report files parsed, published, six argon2 hashes) and most
 * test files need it for every test; a file copy takes milliseconds.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const dir = await mkdtemp(join(tmpdir(), 'monev-test-templates-'));
	const empty = await build(dir, 'empty', null, (db) => prepareDb(db, 'drizzle'));
	const demo = await build(dir, 'demo', empty, (db) => seedDemo('data/seeds', db));
	const draft2022 = await build(dir, 'draft2022', demo, (db) =>
		copyPeriod(2021, 2022, SYSTEM_ACTORS.seed, db)
	);
	project.provide('testDbTemplates', { empty, demo, draft2022 });
	return () => rm(dir, { recursive: true, force: true });
}
