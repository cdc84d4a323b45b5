/**
 * Settings from the environment, read once. The CLI and scripts share these modules with the app,
 * so they read `process.env` rather than `$env/*` (which only exists inside SvelteKit). A bad
 * value fails at start; everything has a safe default.
 */
import { DEFAULT_TIME_ZONE, isTimeZone } from '../datetime';

export interface Config {
	databaseUrl: string;
	databaseAuthToken: string | undefined;
	seedDemo: boolean;
	migrationsDir: string;
	seedsDir: string;
	importLimits: ImportLimits;
	evidenceLimits: EvidenceLimits;
	/** MONEV_TIMEZONE: the zone every date and time is written in. */
	timeZone: string;
}

/** Caps on an imported file, checked before and while it is opened (see import-file.ts). */
export interface ImportLimits {
	/** Bytes an .xlsx may hold once unzipped (all the entries read, together). */
	maxUnzippedBytes: number;
	/** Rows of a sheet, or lines of a text file. */
	maxRows: number;
	/** Columns of a sheet or a text table. */
	maxColumns: number;
	/** Heap of the thread that parses an upload: a parser gone wild ends there, not the server. */
	parseHeapMb: number;
}

export function readPositiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`${name} must be a whole number above 0 (got ${JSON.stringify(raw)})`);
	return value;
}

/**
 * The import caps: MONEV_IMPORT_MAX_UNZIPPED_MB, MONEV_IMPORT_MAX_ROWS, MONEV_IMPORT_MAX_COLUMNS,
 * MONEV_IMPORT_PARSE_HEAP_MB.
 */
export function readImportLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
	return {
		maxUnzippedBytes: readPositiveInt(env, 'MONEV_IMPORT_MAX_UNZIPPED_MB', 50) * 1024 * 1024,
		maxRows: readPositiveInt(env, 'MONEV_IMPORT_MAX_ROWS', 100_000),
		maxColumns: readPositiveInt(env, 'MONEV_IMPORT_MAX_COLUMNS', 500),
		parseHeapMb: readPositiveInt(env, 'MONEV_IMPORT_PARSE_HEAP_MB', 512)
	};
}

/** Caps on evidence files (docs/workflow.md, "Evidence files"). */
export interface EvidenceLimits {
	/** MONEV_EVIDENCE_MAX_BYTES: one file, at most (default 2 MB). */
	maxBytes: number;
	/** MONEV_EVIDENCE_QUOTA_MB: all the files of one OPD in one period, together (default 50). */
	quotaBytes: number;
}

/** The evidence file caps: MONEV_EVIDENCE_MAX_BYTES and MONEV_EVIDENCE_QUOTA_MB. */
export function readEvidenceLimits(env: NodeJS.ProcessEnv = process.env): EvidenceLimits {
	return {
		maxBytes: readPositiveInt(env, 'MONEV_EVIDENCE_MAX_BYTES', 2 * 1024 * 1024),
		quotaBytes: readPositiveInt(env, 'MONEV_EVIDENCE_QUOTA_MB', 50) * 1024 * 1024
	};
}

function readBoolean(name: string, fallback: boolean): boolean {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
	if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
	throw new Error(`${name} must be 1 or 0 (got ${JSON.stringify(raw)})`);
}

/**
 * MONEV_TIMEZONE, the IANA zone dates and times are written in (default Asia/Jakarta, WIB); an
 * unknown zone fails at start rather than silently showing UTC.
 */
export function readTimeZone(env: NodeJS.ProcessEnv = process.env): string {
	const raw = env.MONEV_TIMEZONE?.trim();
	if (!raw) return DEFAULT_TIME_ZONE;
	if (!isTimeZone(raw))
		throw new Error(
			`MONEV_TIMEZONE must be an IANA time zone such as Asia/Jakarta (got ${JSON.stringify(raw)})`
		);
	return raw;
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
		seedsDir: env.SEEDS_DIR || 'data/seeds',
		importLimits: readImportLimits(env),
		evidenceLimits: readEvidenceLimits(env),
		timeZone: readTimeZone(env)
	};
}
