import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { ImportLimits } from '../config';
import { parseImportBytes, type ImportFile } from './parse';
import type { PlanJob, PlanJobResult } from './plan-jobs';

/**
 * The worker thread that parses an upload (started by file.ts) or plans an import (started by
 * plan-thread.ts, on a database connection of its own). The thread loads this
 * module by its own URL, which is the source file under vitest/tsx and the built chunk under
 * `node build`, so the same code runs in both.
 */

export const WORKER_KIND = 'monev-import-parse';
export const PLAN_KIND = 'monev-import-plan';

/** This module's URL, for the thread to load. */
export const workerUrl = import.meta.url;

export interface WorkerInput {
	kind: typeof WORKER_KIND;
	file: ImportFile;
	limits: ImportLimits;
}

export interface PlanWorkerInput {
	kind: typeof PLAN_KIND;
	job: PlanJob;
	database: { url: string; authToken?: string };
}

/**
 * Runs an import step on a connection of the thread's own (the database modules load only here).
 * Before a commit it asks the main thread for the process's write lock and waits for it.
 */
async function plan(input: PlanWorkerInput, port: MessagePort): Promise<PlanJobResult> {
	const [{ openDb }, { runPlanJob }] = await Promise.all([import('../db'), import('./plan-jobs')]);
	const conn = openDb(input.database.url, input.database.authToken);
	const acquire = () =>
		new Promise<void>((resolve) => {
			port.once('message', () => resolve());
			port.postMessage({ lock: true });
		});
	try {
		return await runPlanJob(input.job, conn, acquire);
	} finally {
		conn.$client.close();
	}
}

const kind = isMainThread ? null : (workerData as { kind?: string } | null)?.kind;
if (parentPort && (kind === WORKER_KIND || kind === PLAN_KIND)) {
	const port = parentPort;
	const work =
		kind === WORKER_KIND
			? parseImportBytes((workerData as WorkerInput).file, (workerData as WorkerInput).limits)
			: plan(workerData as PlanWorkerInput, port);
	work.then(
		(result) => port.postMessage({ result }),
		(e: unknown) => port.postMessage({ crash: String((e as Error)?.stack ?? e) })
	);
}
