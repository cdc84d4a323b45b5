import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseResult } from '../../import';
import { unpackParse, type PackedParse } from '../../import/packed-parse';
import { readImportLimits, type ImportLimits } from '../config';
import { fileIssue, isZip, type ImportFile } from './parse';
import type { WriteLock } from '../db/write-lock';
import type {
	PlanWorkerInput,
	PrepareWorkerInput,
	PublishWorkerInput,
	RegisterXlsxInput,
	ReportWorkerInput,
	WorkerInput
} from './worker';
import { WARM_KIND, type WarmExtra } from './warm-kind';
import { inspectZip } from './xlsx-zip';

export type { ImportFile } from './parse';

/** Wall time of one parse (the largest file within the caps takes a few seconds). */
export const PARSE_TIMEOUT_MS = 120_000;

const DIED =
	'berkas tidak dapat diproses: membacanya melampaui batas memori atau waktu server. ' +
	'Perkecil berkasnya (bagi ke beberapa berkas), atau simpan sebagai CSV.';

const failed = (message: string): ParseResult => ({ ok: false, errors: [fileIssue(message)] });

// One parse at a time: each thread may take up to MONEV_IMPORT_PARSE_HEAP_MB, so uploads wait in line.
let queue: Promise<unknown> = Promise.resolve();

/** Runs `parse` after the parses queued before it (matrix and register uploads share the line). */
export function queuedParse<T>(parse: () => Promise<T>): Promise<T> {
	const run = queue.then(parse);
	queue = run.catch(() => undefined);
	return run;
}

/**
 * The code a parse thread starts with: load the worker module (via tsx when it is TypeScript).
 * MONEV_WORKER_URL names a built worker module to load instead: the integration tests point it at
 * the worker.js of their CLI bundle, built from the same sources (a thread that loads the
 * TypeScript through tsx takes ≈ 0.5 s longer to start).
 */
async function bootstrap(): Promise<string> {
	const workerUrl = process.env.MONEV_WORKER_URL || (await import('./worker')).workerUrl;
	const load = `import(${JSON.stringify(workerUrl)})`;
	if (!/\.[cm]?ts$/.test(new URL(workerUrl).pathname)) return `${load};`;
	// Running from source (vitest, tsx): the thread registers tsx before loading the module.
	// tsx's ESM entry (the CommonJS one cannot register hooks from an eval'd thread).
	const api = createRequire(import.meta.url)
		.resolve('tsx/esm/api')
		.replace(/\.cjs$/, '.mjs');
	return `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => { tsx.register(); return ${load}; });`;
}

/**
 * Space for short-lived objects: 32 MB, and 96 MB for a thread allowed 2 GB (the publish), which
 * allocates hundreds of MB of short-lived objects at nation scale. A 25,000-OPD year published
 * over HTTP, four rounds of two publishes each way on a noisy host: 96 MB was faster in every
 * round (by 0.05–1.2 s; medians 4.1 vs 4.7 s).
 */
const youngGenerationMb = (heapMb: number) => (heapMb >= 2048 ? 96 : 32);

function threadWith(code: string, workerData: object, heapMb: number): Worker {
	return new Worker(code, {
		eval: true,
		workerData,
		resourceLimits: {
			maxOldGenerationSizeMb: heapMb,
			maxYoungGenerationSizeMb: youngGenerationMb(heapMb)
		},
		stdout: false,
		stderr: false
	});
}

/**
 * Threads waiting for a job, at most one per heap size: started ahead of need (the import page
 * warms the upload's two steps: starting a thread and loading its modules costs ≈ 0.3 s, which a
 * small upload's preview would otherwise wait for twice), or kept after a job. A thread that
 * answered an upload's parse or import step and uses little heap is kept for the next job of its
 * size instead of ending (a publish or a register's .xlsx thread ends):
 * its compiled code stays warm, and what a job kept in the thread's memory by the database's
 * content (the import's roster matcher, roster-matcher.ts) serves the next one. A thread that
 * crashed, timed out or holds a large heap ends, as every thread did before. A waiting thread is
 * idle and unreferenced (it never keeps the process alive). Only a speed-up: a process without
 * waiting threads starts them as before.
 */
const spares = new Map<number, { worker: Worker; drop: () => void }>();
/** The heap sizes kept ready, with the extra modules their threads load. */
const warmHeaps = new Map<number, Set<WarmExtra>>();

/** Heap a thread may still use after its job and be kept for the next one. */
export const KEEP_HEAP_MB = 256;

const ran = new WeakSet<Worker>();
let reusedJobs = 0;
/** Jobs run so far on a thread that had already run one (tests). */
export const threadReuses = () => reusedJobs;

/**
 * Keeps a started thread of this heap size ready from now on (import page, see plan-thread.ts),
 * with `extras` loaded too (the report's modules: report/report-thread.ts).
 */
export async function warmThread(heapMb: number, extras: readonly WarmExtra[] = []): Promise<void> {
	const loaded = warmHeaps.get(heapMb) ?? new Set<WarmExtra>();
	for (const extra of extras) loaded.add(extra);
	warmHeaps.set(heapMb, loaded);
	await startSpare(heapMb);
}

/**
 * Puts a thread in the waiting line of its heap size. A thread kept after a job replaces one
 * started meanwhile (the page opened during the job): it has the warm code and the matcher.
 */
function keepSpare(heapMb: number, worker: Worker): void {
	const waiting = takeSpare(heapMb);
	if (waiting) void waiting.terminate();
	worker.unref();
	const drop = () => {
		if (spares.get(heapMb)?.worker === worker) spares.delete(heapMb);
	};
	worker.once('exit', drop);
	worker.once('error', drop);
	spares.set(heapMb, { worker, drop });
}

async function startSpare(heapMb: number): Promise<void> {
	if (spares.has(heapMb)) return;
	const code = await bootstrap();
	if (spares.has(heapMb)) return;
	const extras = [...(warmHeaps.get(heapMb) ?? [])];
	keepSpare(heapMb, threadWith(code, { kind: WARM_KIND, extras }, heapMb));
}

function takeSpare(heapMb: number): Worker | undefined {
	const spare = spares.get(heapMb);
	if (!spare) return undefined;
	spares.delete(heapMb);
	spare.worker.off('exit', spare.drop);
	spare.worker.off('error', spare.drop);
	// A thread that already ended has threadId -1: start a fresh one instead.
	return spare.worker.threadId >= 0 ? spare.worker : undefined;
}

/** How many started threads wait for a job (tests). */
export const spareThreads = () => spares.size;

/** What a thread answers a job with (worker.ts). */
interface Answer<T> {
	result?: T;
	crash?: string;
	lock?: true;
	/** Heap in use after the job, in MB: a thread above KEEP_HEAP_MB is not kept. */
	heapMb?: number;
}

/**
 * Runs the worker module in a thread with `workerData` and a heap limit; resolves with its
 * result, or with the reason the thread died or timed out (never rejects). With `writeLock`, the
 * thread may ask for it (`{ lock: true }`): it is taken for the thread, which is told when it
 * holds it, and released when the thread answers, dies or times out (its transaction, if any,
 * then dies with its connection: SQLite rolls it back; a thread answers only after closing its
 * connection). With `keep`, a thread that answered and uses little heap waits for the next job
 * of its heap size instead of ending (an upload's parse and import steps; a publish ends).
 */
export async function runInThread<T>(
	workerData:
		| WorkerInput
		| PlanWorkerInput
		| PublishWorkerInput
		| RegisterXlsxInput
		| PrepareWorkerInput
		| ReportWorkerInput,
	heapMb: number,
	timeoutMs: number,
	writeLock?: WriteLock,
	keep = false
): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
	const spare = takeSpare(heapMb);
	const worker = spare ?? threadWith(await bootstrap(), workerData, heapMb);
	if (ran.has(worker)) reusedJobs++;
	ran.add(worker);
	if (spare) {
		spare.ref();
		spare.postMessage(workerData);
	}
	return new Promise((resolve) => {
		let done = false;
		let release: (() => void) | null = null;
		const finish = (
			outcome: { ok: true; value: T } | { ok: false; problem: string },
			keep = false
		) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			worker.off('message', onMessage);
			worker.off('error', onError);
			worker.off('exit', onExit);
			if (keep) {
				// The thread closed its connection before answering: the lock can go now.
				release?.();
				keepSpare(heapMb, worker);
			} else {
				// The lock is released once the thread (and so its connection) is gone.
				void worker.terminate().finally(() => release?.());
			}
			resolve(outcome);
			// The next job of this size finds a thread already started (one is made per job anyway).
			if (warmHeaps.has(heapMb)) void startSpare(heapMb);
		};
		const timer = setTimeout(
			() => finish({ ok: false, problem: `lebih dari ${timeoutMs} ms` }),
			timeoutMs
		);
		const onMessage = (message: Answer<T>) => {
			if (message.lock && writeLock) {
				void writeLock.run(
					() =>
						new Promise<void>((held) => {
							release = held;
							if (done) held();
							else worker.postMessage({ locked: true });
						})
				);
				return;
			}
			if (message.result !== undefined)
				finish(
					{ ok: true, value: message.result },
					keep && message.heapMb !== undefined && message.heapMb <= KEEP_HEAP_MB
				);
			else finish({ ok: false, problem: message.crash ?? 'tanpa hasil' });
		};
		const onError = (e: unknown) => finish({ ok: false, problem: String(e) });
		const onExit = (code: number) =>
			finish({ ok: false, problem: `thread berhenti (kode ${code})` });
		worker.on('message', onMessage);
		worker.on('error', onError);
		worker.on('exit', onExit);
	});
}

/** Runs one parse in a worker thread; the thread's death or a timeout becomes an error. */
async function parseInThread(
	file: ImportFile,
	limits: ImportLimits,
	timeoutMs: number
): Promise<ParseResult> {
	const input: WorkerInput = { kind: 'monev-import-parse', file, limits };
	const outcome = await runInThread<PackedParse>(
		input,
		limits.parseHeapMb,
		timeoutMs,
		undefined,
		true
	);
	if (outcome.ok) return unpackParse(outcome.value);
	console.error(`[monev] impor: pembacaan berkas "${file.name}" gagal: ${outcome.problem}`);
	return failed(DIED);
}

/**
 * Reads a file in any accepted format (see parseImportBytes) in a worker thread with a memory
 * limit, under the import caps (MONEV_IMPORT_MAX_*): a zip bomb, a huge sheet or a parser
 * failure yields an Indonesian error for the user and never ends the server.
 */
export async function readImportFile(
	file: ImportFile,
	limits: ImportLimits = readImportLimits(),
	timeoutMs: number = PARSE_TIMEOUT_MS
): Promise<ParseResult> {
	// The central directory is read here already: a bomb is refused without starting a thread.
	if (isZip(file.bytes)) {
		const inspected = inspectZip(file.bytes, limits);
		if (!inspected.ok) return failed(inspected.message);
	}
	return queuedParse(() => parseInThread(file, limits, timeoutMs));
}
