import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseResult } from '../../import';
import { unpackParse, type PackedParse } from '../../import/packed-parse';
import { readImportLimits, type ImportLimits } from '../config';
import { fileIssue, isZip, type ImportFile } from './parse';
import type { WriteLock } from '../db/write-lock';
import type { PlanWorkerInput, PublishWorkerInput, RegisterXlsxInput, WorkerInput } from './worker';
import { WARM_KIND } from './warm-kind';
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

function threadWith(code: string, workerData: object, heapMb: number): Worker {
	return new Worker(code, {
		eval: true,
		workerData,
		resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32 },
		stdout: false,
		stderr: false
	});
}

/**
 * Threads started ahead of need, one per heap size that was warmed: starting a thread and loading
 * its modules costs ≈ 0.3 s, which a small upload's preview would otherwise wait for twice (parse,
 * then plan). A spare is idle (unreferenced: it never keeps the process alive), runs exactly one
 * job, posted to it, and ends like any other thread; a new spare is started after each job. Only
 * a speed-up: a process without spares starts threads as before.
 */
const spares = new Map<number, Worker>();
const warmHeaps = new Set<number>();

/** Keeps a started thread of this heap size ready from now on (import page, see plan-thread.ts). */
export async function warmThread(heapMb: number): Promise<void> {
	warmHeaps.add(heapMb);
	await startSpare(heapMb);
}

async function startSpare(heapMb: number): Promise<void> {
	if (spares.has(heapMb)) return;
	const code = await bootstrap();
	if (spares.has(heapMb)) return;
	const spare = threadWith(code, { kind: WARM_KIND }, heapMb);
	spare.unref();
	const drop = () => {
		if (spares.get(heapMb) === spare) spares.delete(heapMb);
	};
	spare.once('exit', drop);
	spare.once('error', drop);
	spares.set(heapMb, spare);
}

function takeSpare(heapMb: number): Worker | undefined {
	const spare = spares.get(heapMb);
	spares.delete(heapMb);
	// A thread that already ended has threadId -1: start a fresh one instead.
	return spare && spare.threadId >= 0 ? spare : undefined;
}

/** How many started threads wait for a job (tests). */
export const spareThreads = () => spares.size;

/**
 * Runs the worker module in a thread with `workerData` and a heap limit; resolves with its
 * result, or with the reason the thread died or timed out (never rejects). With `writeLock`, the
 * thread may ask for it (`{ lock: true }`): it is taken for the thread, which is told when it
 * holds it, and released when the thread answers, dies or times out (its transaction, if any,
 * then dies with its connection: SQLite rolls it back).
 */
export async function runInThread<T>(
	workerData: WorkerInput | PlanWorkerInput | PublishWorkerInput | RegisterXlsxInput,
	heapMb: number,
	timeoutMs: number,
	writeLock?: WriteLock
): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
	const spare = takeSpare(heapMb);
	const worker = spare ?? threadWith(await bootstrap(), workerData, heapMb);
	if (spare) {
		spare.ref();
		spare.postMessage(workerData);
	}
	return new Promise((resolve) => {
		let done = false;
		let release: (() => void) | null = null;
		const finish = (outcome: { ok: true; value: T } | { ok: false; problem: string }) => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			// The lock is released once the thread (and so its connection) is gone.
			void worker.terminate().finally(() => release?.());
			resolve(outcome);
			// The next job of this size finds a thread already started (one is made per job anyway).
			if (warmHeaps.has(heapMb)) void startSpare(heapMb);
		};
		const timer = setTimeout(
			() => finish({ ok: false, problem: `lebih dari ${timeoutMs} ms` }),
			timeoutMs
		);
		worker.on('message', (message: { result?: T; crash?: string; lock?: true }) => {
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
			if (message.result !== undefined) finish({ ok: true, value: message.result });
			else finish({ ok: false, problem: message.crash ?? 'tanpa hasil' });
		});
		worker.on('error', (e) => finish({ ok: false, problem: String(e) }));
		worker.on('exit', (code) => finish({ ok: false, problem: `thread berhenti (kode ${code})` }));
	});
}

/** Runs one parse in a worker thread; the thread's death or a timeout becomes an error. */
async function parseInThread(
	file: ImportFile,
	limits: ImportLimits,
	timeoutMs: number
): Promise<ParseResult> {
	const input: WorkerInput = { kind: 'monev-import-parse', file, limits };
	const outcome = await runInThread<PackedParse>(input, limits.parseHeapMb, timeoutMs);
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
