/// <reference types="vitest/config" />
// `vite` rather than `vitest/config`: the build runs on a production install, which has no vitest.
import { availableParallelism } from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		environment: 'node',
		testTimeout: 30_000,
		// Vitest's default is one worker fewer than the cores: a single one on a 2-core CI machine,
		// where integration files spend much of their time waiting on fsyncs and CLI processes.
		maxWorkers: Math.max(2, availableParallelism() - 1),
		hookTimeout: 30_000,
		// Test rings (README "Tests"): `unit` is the co-located tests of the pure code, which open no
		// database (seconds); `integration` runs against a real libSQL file (tests/integration).
		projects: [
			{ extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: [
						'tests/integration/helpers/template-db.ts',
						'tests/integration/helpers/cli-bundle.ts'
					]
				}
			}
		]
	}
});
