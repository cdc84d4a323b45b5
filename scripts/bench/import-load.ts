/**
 * What other users feel while a big import runs: `/api/v1/health` sampled every 50 ms on a fixed
 * schedule while an admin previews and then commits a large CSV through the real /impor form,
 * with the server's own event-loop delay (MONEV_LOOP_METRICS=1, loop-delay.ts) over the same
 * span. Also the preview of a small file against a huge roster.
 *
 *   npx tsx scripts/bench/import-load.ts [rows=100000] [appDir=.]
 *
 * (appDir: another checkout's built app, to measure a version before a change.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as undevalue } from 'devalue';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { create } from '../../src/lib/server/accounts/users';
import { openDb, type DB } from '../../src/lib/server/db';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { MARK } from '../../src/lib/import/ticks';
import { bigCsv } from './big-csv';
import { BENCH_PASSWORD, signInAs } from './session';
import { syntheticYear } from './synthetic';
import { percentile, round } from './stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoadedServer {
	url: string;
	/** The server's process id (to read its CPU time). */
	pid: number | undefined;
	stop(): Promise<void>;
}

/** The built app of `appDir` on a database, measuring its event loop, taking large uploads. */
export async function startMeasuredServer(
	databaseUrl: string,
	port: number,
	appDir = '.',
	env: Record<string, string> = {}
): Promise<LoadedServer> {
	const child = spawn(process.execPath, [join(resolve(appDir), 'scripts/start.js')], {
		cwd: resolve(appDir),
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			SEED_DEMO: '0',
			ORIGIN: `http://127.0.0.1:${port}`,
			BODY_SIZE_LIMIT: '64M',
			MONEV_LOOP_METRICS: '1',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; ; i++) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		if (
			await fetch(`${url}/api/v1/health`).then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		if (i > 600) throw new Error('server did not start');
		await sleep(100);
	}
	return {
		url,
		pid: child.pid,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
		}
	};
}

/** Posts a form action as an enhanced form does; the answer's data, decoded. */
export async function action(url: string, path: string, cookie: string, body: FormData) {
	const res = await fetch(`${url}${path}`, {
		method: 'POST',
		headers: {
			origin: url,
			cookie: `session=${cookie}`,
			'x-sveltekit-action': 'true',
			accept: 'application/json'
		},
		body
	});
	const json = (await res.json()) as { type: string; status?: number; data?: string };
	const data = (json.data ? undevalue(json.data) : {}) as Record<string, unknown>;
	return { type: json.type, status: json.status ?? res.status, data };
}

interface Preview {
	token: string;
	digest: string;
	needsAbsentAck: boolean;
	counts: { rows: number; errors: number };
}

export async function preview(url: string, cookie: string, year: number, csv: string) {
	const body = new FormData();
	body.set('year', String(year));
	body.set('file', new File([csv], `beban-${year}.csv`, { type: 'text/csv' }));
	const result = await action(url, '/impor?/preview', cookie, body);
	const shown = result.data.preview as Preview | undefined;
	if (!shown) throw new Error(`preview refused: ${JSON.stringify(result).slice(0, 300)}`);
	return shown;
}

export async function commit(url: string, cookie: string, shown: Preview) {
	let current = shown;
	for (let attempt = 0; attempt < 3; attempt++) {
		const body = new FormData();
		body.set('token', current.token);
		body.set('digest', current.digest);
		if (current.needsAbsentAck) body.set('ackAbsent', 'yes');
		const result = await action(url, '/impor?/commit', cookie, body);
		if (result.data.committed) return result.data.committed;
		if (!result.data.preview)
			throw new Error(`commit refused: ${JSON.stringify(result).slice(0, 300)}`);
		current = result.data.preview as Preview;
	}
	throw new Error('commit: the preview kept changing');
}

/** Health every 50 ms on a fixed schedule (no coordinated omission) until `done` settles. */
export async function sampleHealth(url: string, done: Promise<unknown>): Promise<number[]> {
	let finished = false;
	void done.finally(() => (finished = true));
	const latencies: number[] = [];
	const inFlight: Promise<void>[] = [];
	while (!finished) {
		const t = performance.now();
		inFlight.push(
			fetch(`${url}/api/v1/health`).then(
				async (r) => {
					await r.arrayBuffer();
					latencies.push(performance.now() - t);
				},
				() => undefined
			)
		);
		await sleep(50);
	}
	await Promise.all(inFlight);
	return latencies;
}

export async function loop(url: string, reset = false) {
	const res = await fetch(`${url}/api/v1/health${reset ? '?reset=1' : ''}`);
	const body = (await res.json()) as { eventLoop?: { p99Ms: number; maxMs: number } };
	return body.eventLoop ?? null;
}

export interface ImportLoad {
	rows: number;
	previewMs: number;
	commitMs: number;
	healthP99Ms: number;
	healthMaxMs: number;
	healthSamples: number;
	eventLoopP99Ms: number | null;
	eventLoopMaxMs: number | null;
}

/** A `rows`-row import (new year) previewed and committed over HTTP, health sampled meanwhile. */
export async function importUnderLoad(
	url: string,
	cookie: string,
	rows: number,
	year = 2040
): Promise<ImportLoad> {
	const csv = bigCsv(rows);
	await loop(url, true);
	let previewMs = 0;
	let commitMs = 0;
	const work = (async () => {
		let t = performance.now();
		const shown = await preview(url, cookie, year, csv);
		previewMs = performance.now() - t;
		if (shown.counts.errors) throw new Error('the load file has errors');
		t = performance.now();
		await commit(url, cookie, shown);
		commitMs = performance.now() - t;
	})();
	const [latencies] = await Promise.all([sampleHealth(url, work), work]);
	const delay = await loop(url);
	return {
		rows,
		previewMs: round(previewMs),
		commitMs: round(commitMs),
		healthP99Ms: round(percentile(latencies, 99)),
		healthMaxMs: round(Math.max(0, ...latencies)),
		healthSamples: latencies.length,
		eventLoopP99Ms: delay?.p99Ms ?? null,
		eventLoopMaxMs: delay?.maxMs ?? null
	};
}

/** A year whose roster holds `opds` OPDs, for the preview of a small file against it. */
export async function bigRosterYear(db: DB, opds: number, year: number): Promise<void> {
	const outcome = await importMatrix(
		{
			year,
			matrix: syntheticYear({ name: 'nation', opds, indicators: 5, years: 1 }, 0),
			actor: SYSTEM_ACTORS.cli,
			source: 'bench'
		},
		db
	);
	if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
}

/** Preview time of 100 rows (a third with a typo, a third in capitals) against that roster. */
export async function previewBigRoster(
	url: string,
	cookie: string,
	opds: number,
	year: number,
	shift = 0
): Promise<number> {
	const lines = [
		'No,OPD,' + Array.from({ length: 5 }, (_, j) => `Kategori DIP ${j + 1}`).join(',')
	];
	for (let i = 0; i < 100; i++) {
		const n = String(((i * 389 + shift) % opds) + 1).padStart(5, '0');
		const name =
			i % 3 === 0 ? `OPD Sintetis ${n}` : i % 3 === 1 ? `OPD SINTETIS ${n}` : `OPD Sintets ${n}`;
		const marks = [MARK.present, MARK.absent, MARK.present, MARK.absent, MARK.present];
		lines.push([String(i + 1), name, ...marks].join(','));
	}
	const t = performance.now();
	const shown = await preview(url, cookie, year, lines.join('\r\n') + '\r\n');
	const ms = performance.now() - t;
	if (shown.counts.rows !== 100) throw new Error('big roster preview: rows missing');
	return round(ms);
}

/**
 * Opens the import page as a user does before choosing a file (which starts the import threads
 * ahead of need), then waits as long as choosing a file takes at least.
 */
export async function openImportPage(url: string, cookie: string): Promise<void> {
	const res = await fetch(`${url}/impor`, { headers: { cookie: `session=${cookie}` } });
	if (!res.ok) throw new Error(`import page: HTTP ${res.status}`);
	await res.arrayBuffer();
	await new Promise((r) => setTimeout(r, 2000));
}

/** Adds an admin who signs in with the benchmark password. */
export async function addBenchAdmin(db: DB): Promise<void> {
	await create(
		{
			username: 'bench-admin',
			password: BENCH_PASSWORD,
			displayName: 'Bench admin',
			role: 'admin'
		},
		SYSTEM_ACTORS.cli,
		db
	);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const rows = Number(process.argv[2] ?? 100_000);
	const appDir = process.argv[3] ?? '.';
	const dir = mkdtempSync(join(tmpdir(), 'monev-import-load-'));
	const dbUrl = `file:${join(dir, 'load.db')}`;
	const db = openDb(dbUrl);
	await prepareDb(db);
	await addBenchAdmin(db);
	await bigRosterYear(db, 40_000, 2039);
	db.$client.close();
	const port = 20_000 + Math.floor(Math.random() * 20_000);
	const server = await startMeasuredServer(dbUrl, port, appDir);
	try {
		const cookie = (await signInAs(server.url, 'bench-admin')).value;
		const bigRoster = await previewBigRoster(server.url, cookie, 40_000, 2039).catch((e: unknown) =>
			String(e).slice(0, 200)
		);
		const load = await importUnderLoad(server.url, cookie, rows);
		console.log(JSON.stringify({ previewBigRosterMs: bigRoster, ...load }));
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
