// `npm run monev -- <command>`. Runs the bundle `npm run build` wrote to build/cli/monev.js (see
// scripts/cli/vite.config.ts) with plain node, as a production install (`npm ci --omit=dev`) must;
// when a source file is newer than that bundle (or there is none), the TypeScript source through
// tsx instead, so a developer never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = join(root, 'build', 'cli', 'monev.js');

/** The newest modification time of the files under a directory. */
function newest(dir) {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile())
			latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
	}
	return latest;
}

const fresh =
	existsSync(built) &&
	statSync(built).mtimeMs >=
		Math.max(newest(join(root, 'src', 'lib')), newest(join(root, 'scripts')));

if (fresh) {
	await import(new URL('../../build/cli/monev.js', import.meta.url).href);
} else {
	let tsx = null;
	try {
		tsx = await import('tsx/esm/api');
	} catch (error) {
		if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
	}
	if (!tsx) {
		console.error(
			'[monev] build/cli/monev.js belum ada atau usang: jalankan `npm run build` dulu.'
		);
		process.exit(1);
	}
	tsx.register();
	await import('../monev.ts');
}
