/**
 * Issue 16 §1 as written: every job at once on one server. A 50,000-row import previewed and
 * committed over HTTP, the nation year published through the admin's form, 20 evaluators saving
 * cells through the matrix's form action, and 10 clients reading a year's results from the API,
 * together; meanwhile `/api/v1/health` is sampled every 50 ms and the server measures its own
 * event-loop delay. The pages that start the job threads ahead of need (/admin/periode, /impor)
 * are opened first, as their users do.
 *
 * The writers and readers keep a pace, as people and their programs do: a save every
 * `SAVE_EVERY_MS` per evaluator (100 saves a second together, far faster than anyone ticks) and a
 * read every `READ_EVERY_MS` per client (200 a second). Without a pace, 30 clients that send the
 * next request the moment the last is answered keep one event loop busy by themselves: measured
 * with no job at all, event-loop p99 56–60 ms and health p99 92–118 ms, the same as with both
 * jobs running; a figure of the clients, not of the jobs.
 */
import { eq } from 'drizzle-orm';
import type { DB } from '../../src/lib/server/db';
import { periods } from '../../src/lib/server/db/schema';
import { bigCsv } from './big-csv';
import { periodCells } from './cells';
import {
	action,
	commit,
	loop,
	openImportPage,
	preview,
	sampleHealth,
	startMeasuredServer
} from './import-load';
import { openPeriodsPage, publishOnce } from './publish-load';
import { signInAs } from './session';
import { percentile, round } from './stats';

/** Each evaluator's pace: one save per this many ms (a save taking longer is followed at once). */
export const SAVE_EVERY_MS = 200;
/** Each API client's pace. */
export const READ_EVERY_MS = 50;

/** A `done` that lets a loop run once. */
const once = () => {
	let ran = false;
	return () => {
		const stop = ran;
		ran = true;
		return stop;
	};
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AllAtOnce {
	healthP99Ms: number;
	healthMaxMs: number;
	healthSamples: number;
	eventLoopP99Ms: number | null;
	eventLoopMaxMs: number | null;
	importMs: number;
	publishMs: number;
	cellSaves: number;
	cellSaveP99Ms: number;
	apiRequests: number;
	apiP99Ms: number;
}

export interface AllAtOnceYears {
	/** Set back to final and published through the form. */
	publish: number;
	/** Set to evaluation; 20 writers save its cells. */
	cells: number;
	/** A published year whose results the API clients read. */
	api: number;
	/** A new year the import creates. */
	importInto: number;
}

/** Cell saves through `/penilaian/{year}?/set` by one evaluator, until `done` settles. */
async function saveCells(
	url: string,
	cookie: string,
	year: number,
	cells: { opdId: number; indicatorId: number; value: number | null; version: number }[],
	done: () => boolean,
	latencies: number[]
): Promise<void> {
	for (let i = 0; !done(); i++) {
		const cell = cells[i % cells.length]!;
		const value = cell.value === 1 ? 0 : 1;
		const body = new FormData();
		body.set('opdId', String(cell.opdId));
		body.set('indicatorId', String(cell.indicatorId));
		body.set('value', String(value));
		body.set('version', String(cell.version));
		const t = performance.now();
		const r = await action(url, `/penilaian/${year}?/set`, cookie, body);
		const took = performance.now() - t;
		latencies.push(took);
		const saved = r.data.saved as { version: number } | undefined;
		if (!saved) throw new Error(`cell save refused: ${JSON.stringify(r).slice(0, 300)}`);
		cell.value = value;
		cell.version = saved.version;
		await sleep(Math.max(0, SAVE_EVERY_MS - took));
	}
}

/** One client reading the results API of `year` again and again until `done` settles. */
async function readResults(url: string, year: number, done: () => boolean, latencies: number[]) {
	while (!done()) {
		const t = performance.now();
		const res = await fetch(`${url}/api/v1/periods/${year}/results`);
		await res.arrayBuffer();
		const took = performance.now() - t;
		latencies.push(took);
		if (res.status !== 200) throw new Error(`results API: HTTP ${res.status}`);
		await sleep(Math.max(0, READ_EVERY_MS - took));
	}
}

export async function allAtOnce(
	databaseUrl: string,
	db: DB,
	years: AllAtOnceYears,
	rows: number
): Promise<AllAtOnce> {
	// Final before the server starts, so /admin/periode offers the publish and warms its thread.
	await db.update(periods).set({ status: 'final' }).where(eq(periods.year, years.publish));
	const [cellPeriod] = await db.select().from(periods).where(eq(periods.year, years.cells));
	if (!cellPeriod) throw new Error(`no period ${years.cells}`);
	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.id, cellPeriod.id));
	// 20 evaluators, each on cells of their own (as the team splits the OPDs).
	const cells = await periodCells(db, cellPeriod.id, 20 * 200);
	const server = await startMeasuredServer(
		databaseUrl,
		20_000 + Math.floor(Math.random() * 20_000)
	);
	try {
		const cookie = (await signInAs(server.url, 'bench-admin')).value;
		await openPeriodsPage(server.url, cookie);
		await openImportPage(server.url, cookie);
		const csv = bigCsv(rows);
		// Warm-up, not counted (as the other sections): one save per evaluator and one read per
		// client, so the routes' code is compiled before the jobs start.
		const mine = (w: number) => cells.filter((_, i) => i % 20 === w);
		await Promise.all([
			...Array.from({ length: 20 }, (_, w) =>
				saveCells(server.url, cookie, years.cells, mine(w), once(), [])
			),
			...Array.from({ length: 10 }, () => readResults(server.url, years.api, once(), []))
		]);
		await loop(server.url, true);
		let importMs = 0;
		let publishMs = 0;
		const start = performance.now();
		const importWork = (async () => {
			const shown = await preview(server.url, cookie, years.importInto, csv);
			if (shown.counts.errors) throw new Error('the load file has errors');
			await commit(server.url, cookie, shown);
			importMs = performance.now() - start;
		})();
		const publishWork = publishOnce(server.url, db, years.publish, cookie).then(
			() => (publishMs = performance.now() - start)
		);
		const jobs = Promise.all([importWork, publishWork]);
		let finished = false;
		const done = () => finished;
		void jobs.finally(() => (finished = true));
		const saves: number[] = [];
		const reads: number[] = [];
		const [health] = await Promise.all([
			sampleHealth(server.url, jobs),
			jobs,
			...Array.from({ length: 20 }, (_, w) =>
				saveCells(server.url, cookie, years.cells, mine(w), done, saves)
			),
			...Array.from({ length: 10 }, () => readResults(server.url, years.api, done, reads))
		]);
		const delay = await loop(server.url);
		return {
			healthP99Ms: round(percentile(health, 99)),
			healthMaxMs: round(Math.max(0, ...health)),
			healthSamples: health.length,
			eventLoopP99Ms: delay?.p99Ms ?? null,
			eventLoopMaxMs: delay?.maxMs ?? null,
			importMs: round(importMs),
			publishMs: round(publishMs),
			cellSaves: saves.length,
			cellSaveP99Ms: round(percentile(saves, 99)),
			apiRequests: reads.length,
			apiP99Ms: round(percentile(reads, 99))
		};
	} finally {
		await server.stop();
	}
}
