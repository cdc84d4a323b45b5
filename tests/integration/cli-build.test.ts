import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb } from '../../src/lib/server/db';
import { publishedCsv } from '../../src/lib/server/results/open-data';

// The CLI as a production install runs it (`npm ci --omit=dev && npm run build`, then
// `npm run monev`): the bundle of scripts/cli/vite.config.ts under plain node, no tsx. The
// globalSetup cli-bundle.ts builds it once per run, inside the project so that its packages
// resolve from node_modules, as they do from build/cli.
let out: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;

function built(...args: string[]) {
	return spawnSync(process.execPath, [join(out, 'monev.js'), ...args], { env, encoding: 'utf8' });
}

beforeAll(() => {
	out = inject('cliBundle');
	dataDir = mkdtempSync(join(tmpdir(), 'monev-cli-build-'));
	// No loader inherited from the test runner: the bundle must run on node alone, its threads
	// loading the worker it was built with.
	env = {
		...process.env,
		DATABASE_URL: `file:${join(dataDir, 'cli.db')}`,
		NODE_OPTIONS: '',
		MONEV_WORKER_URL: ''
	};
	const seeded = built('seed-demo');
	expect(seeded.status, seeded.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the built CLI (build/cli/monev.js) under plain node', () => {
	it('is a bundle with the import worker as its own entry', () => {
		expect(existsSync(join(out, 'monev.js'))).toBe(true);
		expect(existsSync(join(out, 'worker.js'))).toBe(true);
	});

	it('prints the results CSV byte for byte as the web serves results.csv, BOM included', async () => {
		const csv = built('results', '--year', '2021', '--format', 'csv');
		expect(csv.status, csv.stderr).toBe(0);
		expect(csv.stdout.startsWith('\ufeffrank,tied,opd,slug,')).toBe(true);
		expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(33);
		const conn = openDb(env.DATABASE_URL!);
		try {
			const web = await publishedCsv(2021, 'results.csv', conn);
			expect(csv.stdout).toBe(web!.body);
		} finally {
			conn.$client.close();
		}
	});

	it('parses an .xlsx in its worker thread (the thread loads the parser, not the CLI)', () => {
		const plan = built(
			'import',
			'--year',
			'2022',
			'--file',
			'tests/fixtures/import/first-sheet-2022.xlsx',
			'--dry-run',
			'--json'
		);
		expect(plan.status, plan.stderr).toBe(0);
		const json = JSON.parse(plan.stdout) as { errors: unknown[]; changes: { total: number } };
		expect(json.errors).toEqual([]);
		expect(json.changes.total).toBe(34);
	});
});
