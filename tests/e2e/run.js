// Runs the browser tests against the built app (`vite build` must have run). Each test file
// starts its own app on a fresh database (tests/e2e/harness.ts): a copy of the one database the
// built app migrated and seeded on a start of its own here, so the demo years are loaded once per
// run rather than once per file (readme-start.e2e.ts still starts on an empty database).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
	console.error(
		`e2e: Chromium not found at ${chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`
	);
	process.exit(1);
}
if (!existsSync('build/index.js')) {
	console.error('e2e: build/ is missing; run `vite build` first (npm run test:e2e does).');
	process.exit(1);
}
/**
 * A port nothing listens on now.
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
		srv.on('error', reject);
	});
}

/**
 * Starts the built app on an empty database at `path`, waits until it serves, stops it.
 * @param {string} path
 */
async function seededByTheApp(path) {
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${path}` },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`e2e: the app exited with ${child.exitCode}`);
		try {
			if ((await fetch(`http://127.0.0.1:${port}/api/v1/periods`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error('e2e: the app did not start within 120 s');
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill('SIGTERM');
	await exited;
	// Fold the WAL into the file: a byte copy of it is then the whole database.
	const client = createClient({ url: `file:${path}` });
	await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	client.close();
}

const templateDir = mkdtempSync(join(tmpdir(), 'monev-e2e-template-'));
const template = join(templateDir, 'monev.db');
await seededByTheApp(template);

// Every test file, or the ones named: `node tests/e2e/run.js tests/e2e/results.e2e.ts`.
const named = process.argv.slice(2);
const files = named.length
	? named
	: readdirSync('tests/e2e')
			.filter((f) => f.endsWith('.e2e.ts'))
			.map((f) => `tests/e2e/${f}`);
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
	{ stdio: 'inherit', env: { ...process.env, MONEV_E2E_TEMPLATE_DB: template } }
);
rmSync(templateDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
