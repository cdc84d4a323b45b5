import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

/** Runs `npm run monev -- …` from the sources (as `npm run monev` does in a checkout) on a database. */
export function runMonev(databaseUrl: string, ...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/monev.ts', ...args], {
		env: { ...process.env, DATABASE_URL: databaseUrl },
		encoding: 'utf8'
	});
}

/**
 * A temp folder with a database the CLI itself seeded (`seed-demo`), for the file's tests; removed
 * after them. `monev(...)` runs a command on that database, `dir()` is where tests put files.
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
		dir: () => dir
	};
}
