// Runs the browser tests against the built app (`vite build` must have run). Each test file
// starts its own app on a fresh database (tests/e2e/harness.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

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
const files = readdirSync('tests/e2e')
	.filter((f) => f.endsWith('.e2e.ts'))
	.map((f) => `tests/e2e/${f}`);
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
	{ stdio: 'inherit' }
);
process.exit(result.status ?? 1);
