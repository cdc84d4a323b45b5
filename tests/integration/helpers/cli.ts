import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';

/**
 * The node arguments that run the CLI bundle of this test run (built once by the globalSetup
 * cli-bundle.ts with the config of `npm run build`, so from the current sources), then `args`.
 */
export function monevArgs(...args: string[]): string[] {
	const bundle = inject('cliBundle');
	if (!bundle) throw new Error('no CLI bundle: run the integration project (its globalSetup)');
	return [join(bundle, 'monev.js'), ...args];
}

/** Runs `npm run monev -- …` (the bundle of the current sources under node) on a database. */
export function runMonev(databaseUrl: string, ...args: string[]) {
	return spawnSync(process.execPath, monevArgs(...args), {
		env: { ...process.env, DATABASE_URL: databaseUrl },
		encoding: 'utf8'
	});
}

/**
 * A temp folder with a database the CLI itself seeded (`seed-demo`), for the file's tests; removed
 * after them. `monev(...)` runs a command on that database, `dir()` is where tests put files,
 * `databaseUrl()` is the database's URL.
 */
export function useSeededCli(prefix: string) {
	let dir = '';
	let databaseUrl = '';
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), prefix));
		databaseUrl = `file:${join(dir, 'cli.db')}`;
		const seeded = runMonev(databaseUrl, 'seed-demo');
		expect(seeded.status, seeded.stderr).toBe(0);
	}, 60_000);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	return {
		monev: (...args: string[]) => runMonev(databaseUrl, ...args),
		dir: () => dir,
		databaseUrl: () => databaseUrl
	};
}
