/**
 * Settings from the environment, read once. The CLI and scripts share these modules with the app,
 * so they read `process.env` rather than `$env/*` (which only exists inside SvelteKit). A bad
 * value fails at start; everything has a safe default.
 */
export interface Config {
	databaseUrl: string;
	databaseAuthToken: string | undefined;
	seedDemo: boolean;
	migrationsDir: string;
	seedsDir: string;
}

function readBoolean(name: string, fallback: boolean): boolean {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
	if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
	throw new Error(`${name} must be 1 or 0 (got ${JSON.stringify(raw)})`);
}

/** Reads and validates the settings; throws with the offending variable's name. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const databaseUrl = env.DATABASE_URL || 'file:data/monev.db';
	if (!/^(file:|libsql:|https?:|wss?:)/.test(databaseUrl)) {
		throw new Error(
			`DATABASE_URL must start with file:, libsql:, http(s): or ws(s): (got ${JSON.stringify(databaseUrl)})`
		);
	}
	return {
		databaseUrl,
		databaseAuthToken: env.DATABASE_AUTH_TOKEN || undefined,
		seedDemo: readBoolean('SEED_DEMO', true),
		migrationsDir: env.MIGRATIONS_DIR || 'drizzle',
		seedsDir: env.SEEDS_DIR || 'data/seeds'
	};
}
