/**
 * Where the time of an import preview against a huge roster goes: a 40,000-OPD year (as the
 * benchmark builds it), then the benchmark's 100-row file previewed several times in a row,
 * first and following.
 *
 *   npx tsx scripts/bench/preview-probe.ts [repeats=4] [opds=40000]
 *     in this process (`runPlanJob`), through the worker thread the web import uses
 *     (`planInThread`), and the parts alone (the roster read, the matcher index, 100 lookups)
 *   npx tsx scripts/bench/preview-probe.ts http [repeats=4] [appDir=.] [page]
 *     over HTTP against the built app of appDir (`npx vite build` first), as the benchmark does:
 *     one preview cold (`coldMs`), then each after opening the import page (`httpMs`); with
 *     `page`, the year is in evaluation (the import page's default year) and the first preview
 *     too comes after opening the page, as a user's first upload after a server start does
 *   node --cpu-prof --import tsx scripts/bench/preview-probe.ts   (profile)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOpdIndex } from '../../src/lib/import';
import { MARK } from '../../src/lib/import/ticks';
import { readImportLimits } from '../../src/lib/server/config';
import { eq } from 'drizzle-orm';
import { openDb, type DB } from '../../src/lib/server/db';
import { periods } from '../../src/lib/server/db/schema';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { rosterMatchCandidates } from '../../src/lib/server/opds/master';
import { runPlanJob, type PlanStep } from '../../src/lib/server/import/plan-jobs';
import { planInThread } from '../../src/lib/server/import/plan-thread';
import {
	addBenchAdmin,
	bigRosterYear,
	openImportPage,
	previewBigRoster,
	startMeasuredServer
} from './import-load';
import { signInAs } from './session';

const http = process.argv[2] === 'http';
const args = http ? process.argv.slice(3) : process.argv.slice(2);
const repeats = Number(args[0] ?? 4);
const size = http ? 40_000 : Number(args[1] ?? 40_000);
const appDir = http ? (args[1] ?? '.') : '.';
const pageFirst = http && args[2] === 'page';
const year = 2039;
const round = (x: number) => Math.round(x);

/** The benchmark's file (import-load.ts `previewBigRoster`). */
function csv(): Uint8Array {
	const header = Array.from({ length: 5 }, (_, j) => `Kategori DIP ${j + 1}`);
	const lines = ['No,OPD,' + header.join(',')];
	for (let i = 0; i < 100; i++) {
		const n = String(((i * 389) % size) + 1).padStart(5, '0');
		const name =
			i % 3 === 0 ? `OPD Sintetis ${n}` : i % 3 === 1 ? `OPD SINTETIS ${n}` : `OPD Sintets ${n}`;
		const marks = [MARK.present, MARK.absent, MARK.present, MARK.absent, MARK.present];
		lines.push([String(i + 1), name, ...marks].join(','));
	}
	return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

async function inProcess(db: DB) {
	const step: PlanStep = {
		kind: 'preview',
		input: { year, source: 'probe', file: { name: 'probe.csv', bytes: csv() }, overrides: {} }
	};
	const check = (r: Awaited<ReturnType<typeof runPlanJob>>) => {
		if (r.kind !== 'show') throw new Error(`preview failed: ${JSON.stringify(r).slice(0, 300)}`);
		return r.view.counts;
	};
	const inProcessMs: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const t = performance.now();
		check(await runPlanJob({ ...step, limits: readImportLimits() }, db));
		inProcessMs.push(round(performance.now() - t));
	}
	const threadMs: number[] = [];
	let counts = null;
	for (let i = 0; i < repeats; i++) {
		const t = performance.now();
		counts = check(await planInThread(step, db));
		threadMs.push(round(performance.now() - t));
	}
	// The parts: the roster read, the index over it, the benchmark's typo rows looked up.
	const [period] = await db.query.periods.findMany({ where: (p, { eq }) => eq(p.year, year) });
	let t = performance.now();
	const candidates = await rosterMatchCandidates(period!.id, db);
	const readMs = round(performance.now() - t);
	t = performance.now();
	const index = createOpdIndex(candidates);
	const indexMs = round(performance.now() - t);
	t = performance.now();
	for (let i = 0; i < 100; i++) index.lookup(`OPD Sintets ${String(i + 1).padStart(5, '0')}`);
	const fuzzyLookupsMs = round(performance.now() - t);
	return { inProcessMs, threadMs, counts, readMs, indexMs, fuzzyLookupsMs };
}

/** User + system CPU time of a process so far, in ms (Linux /proc; 0 elsewhere). */
function cpuOf(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return 0;
	}
}

async function overHttp(url: string) {
	const port = 20_000 + Math.floor(Math.random() * 20_000);
	const server = await startMeasuredServer(url, port, appDir);
	try {
		const cookie = (await signInAs(server.url, 'bench-admin')).value;
		if (pageFirst) await openImportPage(server.url, cookie);
		const coldMs = await previewBigRoster(server.url, cookie, size, year);
		const httpMs: number[] = [];
		// The server's CPU time per preview (all its threads): on a busy machine a steadier
		// figure than the wall time, which waits for the other processes too.
		const cpuMs: number[] = [];
		for (let i = 0; i < repeats; i++) {
			await openImportPage(server.url, cookie);
			const before = cpuOf(server.pid);
			httpMs.push(await previewBigRoster(server.url, cookie, size, year, i + 1));
			cpuMs.push(cpuOf(server.pid) - before);
		}
		return { appDir, coldMs, httpMs, cpuMs };
	} finally {
		await server.stop();
	}
}

const dir = mkdtempSync(join(tmpdir(), 'monev-preview-probe-'));
try {
	const url = `file:${join(dir, 'probe.db')}`;
	const db = openDb(url);
	await prepareDb(db);
	await bigRosterYear(db, size, year);
	if (http) await addBenchAdmin(db);
	if (pageFirst)
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, year));
	const figures = http ? await overHttp(url) : await inProcess(db);
	console.log(JSON.stringify({ opds: size, ...figures }));
	db.$client.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
