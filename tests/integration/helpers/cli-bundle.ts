import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The folder with the CLI bundle of this run: `monev.js` and `worker.js` (cli-bundle.ts). */
		cliBundle: string;
	}
}

/** `vite build --config scripts/cli/vite.config.ts` (what `npm run build` runs) into `outDir`. */
function buildCli(outDir: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				'node_modules/vite/bin/vite.js',
				'build',
				'--config',
				'scripts/cli/vite.config.ts',
				'--outDir',
				outDir
			],
			{ stdio: ['ignore', 'ignore', 'pipe'] }
		);
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`CLI build failed (${code}): ${stderr}`))
		);
	});
}

/**
 * Vitest globalSetup of the integration ring: bundles the command line once per run, with the
 * config `npm run build` uses, so the tests that run it as a process (helpers/cli.ts) start plain
 * node on that bundle: ≈ 0.7 s a command instead of ≈ 2 s for tsx compiling the sources on every
 * start; the import threads of every test load its worker.js (MONEV_WORKER_URL, import/file.ts)
 * for the same reason. Built inside the project (tmp/) so that its packages resolve from node_modules, as they
 * do from build/cli; rebuilt when watch mode reruns tests, so it never runs stale sources. The
 * entry users run, `npm run monev`, is tested on its own (cli.test.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	await mkdir('tmp', { recursive: true });
	const dir = resolve(await mkdtemp(join('tmp', 'cli-bundle-')));
	await buildCli(dir);
	project.provide('cliBundle', dir);
	// The import threads of the tests (and of the CLI processes they start) load the bundled worker.
	process.env.MONEV_WORKER_URL = pathToFileURL(join(dir, 'worker.js')).href;
	project.onTestsRerun(() => buildCli(dir));
	return () => rm(dir, { recursive: true, force: true });
}
