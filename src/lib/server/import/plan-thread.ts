import { readImportLimits, type ImportLimits } from '../config';
import { db, locationOf, writeLockOf, type Conn } from '../db';
import { fileIssue, isZip } from './parse';
import { runInThread, warmThread } from './file';
import { runPlanJob, type PlanJob, type PlanJobResult, type PlanStep } from './plan-jobs';
import type { RosterMatcherStats } from './roster-matcher';
import type { PlanWorkerInput, PrepareWorkerInput } from './worker';
import { inspectZip } from './xlsx-zip';

/**
 * The web import's steps off the request path: parsing a national file, matching tens of
 * thousands of rows against a roster of tens of thousands of OPDs, diffing every cell and writing
 * them took seconds to minutes, and on the server's one event loop made every other request
 * wait. A worker thread opens its own connection to the same database and does all of it; the
 * main thread only holds the process's write lock for the thread's commit (so there is still one
 * writer) and gets back the small view model or the summary. One job at a time (each holds a
 * large file's matrix). A database no other connection can open (in memory) is handled in place.
 */

/** Wall time of one step, including the wait for the write lock and a national commit. */
export const PLAN_TIMEOUT_MS = 15 * 60_000;

const DIED =
	'impor tidak dapat diproses: melampaui batas memori atau waktu server. Tidak ada yang ' +
	'diubah. Perkecil berkasnya (bagi ke beberapa berkas), lalu coba lagi.';

let queue: Promise<unknown> = Promise.resolve();

/** Parsing, matching and diffing keep the file, the matrix, the roster and the cells at once. */
const planHeapMb = (limits: ImportLimits) => Math.max(1024, limits.parseHeapMb * 2);

/** A matcher is being prepared (page opened again meanwhile: once is enough). */
let preparing = false;

/**
 * Starts the threads of an upload's two steps (parse, then plan) ahead of need, when the import
 * page is opened: the preview then skips two thread starts (≈ 0.3 s each). With `year` (the
 * page's default year), the import thread then builds that year's roster matcher
 * (`prepareImportYear`). Per process and only a speed-up (file.ts); what a job reads still comes
 * from the database when it runs.
 */
export function warmImportThreads(limits = readImportLimits(), year?: number, conn: Conn = db()) {
	void warmThread(limits.parseHeapMb).then(() => warmThread(planHeapMb(limits)));
	if (year !== undefined && !preparing) {
		preparing = true;
		void prepareImportYear(year, conn, limits).finally(() => (preparing = false));
	}
}

/**
 * Builds a year's roster matcher in the import thread, in the line of import steps (a preview
 * sent meanwhile waits for it, and finds the matcher built), so that the first preview of a
 * large roster skips it. The thread's matcher counts, or null when nothing was prepared.
 */
export async function prepareImportYear(
	year: number,
	conn: Conn = db(),
	limits = readImportLimits()
): Promise<RosterMatcherStats | null> {
	const database = locationOf(conn);
	if (!database) return null;
	const input: PrepareWorkerInput = { kind: 'monev-import-prepare', year, database };
	const run = queue.then(() =>
		runInThread<RosterMatcherStats>(input, planHeapMb(limits), PLAN_TIMEOUT_MS, undefined, true)
	);
	queue = run.catch(() => undefined);
	const outcome = await run;
	return outcome.ok ? outcome.value : null;
}

export async function planInThread(
	job: PlanStep,
	conn: Conn,
	limits = readImportLimits()
): Promise<PlanJobResult> {
	const full: PlanJob = { ...job, limits };
	// A zip's central directory is checked here already: a bomb is refused without a thread.
	if (isZip(job.input.file.bytes)) {
		const inspected = inspectZip(job.input.file.bytes, limits);
		if (!inspected.ok) return { kind: 'failed', errors: [fileIssue(inspected.message)] };
	}
	const database = locationOf(conn);
	if (!database) return runPlanJob(full, conn);
	const input: PlanWorkerInput = { kind: 'monev-import-plan', job: full, database };
	const heapMb = planHeapMb(limits);
	const lock = writeLockOf(database.url);
	// Kept after the step (file.ts): the next step finds its code warm and its roster matcher.
	const run = queue.then(() =>
		runInThread<PlanJobResult>(input, heapMb, PLAN_TIMEOUT_MS, lock, true)
	);
	queue = run.catch(() => undefined);
	const outcome = await run;
	if (outcome.ok) return outcome.value;
	console.error(`[monev] impor: "${job.input.file.name}" gagal diproses: ${outcome.problem}`);
	return { kind: 'failed', errors: [fileIssue(DIED)] };
}
