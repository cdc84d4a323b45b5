import { readImportLimits } from '../config';
import { locationOf, type Conn } from '../db';
import { runInThread, PARSE_TIMEOUT_MS } from './file';
import { runPlanJob, type PlanJob, type PlanJobResult } from './plan-jobs';
import type { PlanWorkerInput } from './worker';

/**
 * Import planning off the request path: matching tens of thousands of rows against a roster of
 * tens of thousands of OPDs and diffing every cell takes seconds, which on the server's one event
 * loop made every other request wait. A worker thread opens its own read connection to the same
 * database and returns only what the request needs. One plan at a time (each may hold a large
 * file's matrix); a database without a URL another connection can open (in memory, or a
 * transaction) is planned in place.
 */

let queue: Promise<unknown> = Promise.resolve();

export async function planInThread(job: PlanJob, conn: Conn): Promise<PlanJobResult> {
	const database = locationOf(conn);
	if (!database) return runPlanJob(job, conn);
	const input: PlanWorkerInput = { kind: 'monev-import-plan', job, database };
	// Matching and diffing keep the matrix, the roster and the stored cells in memory at once.
	const heapMb = Math.max(1024, readImportLimits().parseHeapMb * 2);
	const run = queue.then(() => runInThread<PlanJobResult>(input, heapMb, PARSE_TIMEOUT_MS));
	queue = run.catch(() => undefined);
	const outcome = await run;
	if (outcome.ok) return outcome.value;
	throw new Error(`import plan thread failed: ${outcome.problem}`);
}
