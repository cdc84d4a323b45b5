// ESLint flat config. `npm run lint` runs it, then `prettier --check .`; .ci/run runs `npm run lint`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// The pure core (../shared/STYLE.md: routes → lib/server → pure modules) imports no database,
// server or framework module. tests/integration/architecture.test.ts checks the same with a regex.
const pureModules = [
	'scoring',
	'import',
	'insights',
	'workflow',
	'validation',
	'registers',
	'report'
].map((dir) => `src/lib/${dir}/**`);

export default defineConfig(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'data/', 'tmp/'] },
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks undefined names itself (and knows the Svelte and Kit ambient types).
			'no-undef': 'off',
			// 99 findings, all plain literal hrefs ('/admin', `?tahun=${y}`): the app has no base path, so
			// wrapping each in resolve() would change nothing but the text.
			'svelte/no-navigation-without-resolve': 'off',
			// Its only findings are `{' '}`, which keeps a space Svelte would trim at the end of a block.
			'svelte/no-useless-mustaches': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			]
		}
	},
	// Type-aware rules: a promise is awaited, returned or explicitly `void`ed, never dropped.
	{
		files: ['**/*.ts', '**/*.svelte', 'tests/**/*.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					// node:test's top-level test()/describe() promises are the runner's to await.
					allowForKnownSafeCalls: [
						{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }
					]
				}
			],
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	// scripts/ is outside the app's tsconfig: it has its own (tsconfig.scripts.json).
	{
		files: ['scripts/**/*.ts'],
		languageOptions: {
			parserOptions: {
				projectService: false,
				project: './tsconfig.scripts.json',
				tsconfigRootDir: import.meta.dirname
			}
		}
	},
	// Root config files belong to no tsconfig: lint them without type information.
	{
		files: ['*.js', '*.ts', 'scripts/**/*.js'],
		ignores: ['vite.config.ts'],
		extends: [ts.configs.disableTypeChecked]
	},
	{
		files: pureModules,
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex:
								'^(\\$lib/server|\\$app/|@sveltejs/kit|drizzle-orm|@libsql/client)|/server(/|$)',
							message:
								'Pure modules import no database, server or SvelteKit module: move this code to src/lib/server.'
						}
					]
				}
			]
		}
	}
);
