import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ImportLimits } from '../config';
import { parseImportBytes, type ImportFile } from './parse';

/**
 * The worker thread that parses an upload (started by import-file.ts). The thread loads this
 * module by its own URL, which is the source file under vitest/tsx and the built chunk under
 * `node build`, so the same code runs in both.
 */

export const WORKER_KIND = 'monev-import-parse';

/** This module's URL, for the thread to load. */
export const workerUrl = import.meta.url;

export interface WorkerInput {
	kind: typeof WORKER_KIND;
	file: ImportFile;
	limits: ImportLimits;
}

if (!isMainThread && parentPort && (workerData as WorkerInput | null)?.kind === WORKER_KIND) {
	const port = parentPort;
	const input = workerData as WorkerInput;
	parseImportBytes(input.file, input.limits).then(
		(result) => port.postMessage({ result }),
		(e: unknown) => port.postMessage({ crash: String((e as Error)?.stack ?? e) })
	);
}
