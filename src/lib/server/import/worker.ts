import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { packParse } from '../../import/packed-parse';
import type { ImportLimits } from '../config';
import { parseImportBytes, type ImportFile } from './parse';
import type { PlanJob, PlanJobResult } from './plan-jobs';
import type { PublishJob, PublishOutcome } from '../workflow/publish-job';
import type { ReportFormat } from '../report/file';
import { WARM_KIND } from './warm-kind';

/**
 * The worker thread that parses an upload (started by file.ts), reads a register upload's .xlsx
 * (registers/import.ts), plans an import (started by plan-thread.ts), publishes a period
 * (started by workflow/publish-thread.ts) or builds a Laporan Tahunan file (started by
 * report/report-thread.ts), the last three on a database connection of their own.
 * The thread loads this module by its own URL, which is the source file under vitest/tsx and the built chunk under
 * `node build`, so the same code runs in both.
 */

export const WORKER_KIND = 'monev-import-parse';
export const PLAN_KIND = 'monev-import-plan';
export const PUBLISH_KIND = 'monev-publish';
export const REGISTER_XLSX_KIND = 'monev-register-xlsx';
export const PREPARE_KIND = 'monev-import-prepare';
export const REPORT_KIND = 'monev-report';

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

/** The roster matcher of a year, built ahead of the import's first step (plan-thread.ts). */
export interface PrepareWorkerInput {
	kind: typeof PREPARE_KIND;
	year: number;
	database: { url: string; authToken?: string };
}

/** Publishing a period (workflow/publish-thread.ts), on a connection of the thread's own. */
export interface PublishWorkerInput {
	kind: typeof PUBLISH_KIND;
	job: PublishJob;
	database: { url: string; authToken?: string };
}

/** A year's Laporan Tahunan as a file (report/report-thread.ts), read on the thread's connection. */
export interface ReportWorkerInput {
	kind: typeof REPORT_KIND;
	year: number;
	format: ReportFormat;
	personalData: boolean;
	database: { url: string; authToken?: string };
}

/** A register upload's .xlsx, read to CSV text (registers/xlsx.ts); no database. */
export interface RegisterXlsxInput {
	kind: typeof REGISTER_XLSX_KIND;
	bytes: Uint8Array;
	limits: ImportLimits;
}

/** Opens the thread's connection, asks for the process's write lock, then runs `work` on it. */
async function withConnection<T>(
	database: { url: string; authToken?: string },
	port: MessagePort,
	work: (conn: import('../db').DB, acquire: () => Promise<void>) => Promise<T>
): Promise<T> {
	const { openDb } = await import('../db');
	const conn = openDb(database.url, database.authToken);
	const acquire = () =>
		new Promise<void>((resolve) => {
			port.once('message', () => resolve());
			port.postMessage({ lock: true });
		});
	try {
		return await work(conn, acquire);
	} finally {
		conn.$client.close();
	}
}

/**
 * Runs an import step on a connection of the thread's own (the database modules load only here).
 * Before a commit it asks the main thread for the process's write lock and waits for it.
 */
async function plan(input: PlanWorkerInput, port: MessagePort): Promise<PlanJobResult> {
	const { runPlanJob } = await import('./plan-jobs');
	return withConnection(input.database, port, (conn, acquire) =>
		runPlanJob(input.job, conn, acquire)
	);
}

/** Builds a year's roster matcher in this thread, where the import's next step finds it. */
async function prepare(input: PrepareWorkerInput, port: MessagePort) {
	const { prepareRosterMatcher } = await import('./roster-matcher');
	return withConnection(input.database, port, (conn) => prepareRosterMatcher(input.year, conn));
}

/** Publishes a period: the lock first, then the checks, the scores and the files in one transaction. */
async function publishJob(input: PublishWorkerInput, port: MessagePort): Promise<PublishOutcome> {
	const { runPublishJob } = await import('../workflow/publish-job');
	return withConnection(input.database, port, (conn, acquire) =>
		runPublishJob(input.job, conn, acquire)
	);
}

/** Builds a year's report file (the report modules load only in this kind of thread). */
async function report(input: ReportWorkerInput, port: MessagePort) {
	const { reportFile } = await import('../report/file');
	return withConnection(input.database, port, (conn) =>
		reportFile(input.year, input.format, input.personalData, conn)
	);
}

/** Reads a register upload's first sheet (the module loads only in this kind of thread). */
async function registerXlsx(input: RegisterXlsxInput) {
	const { xlsxAsCsv } = await import('../registers/xlsx');
	return xlsxAsCsv(input.bytes, input.limits);
}

const kind = isMainThread ? null : (workerData as { kind?: string } | null)?.kind;
const KINDS: readonly (string | null | undefined)[] = [
	WORKER_KIND,
	PLAN_KIND,
	PUBLISH_KIND,
	REGISTER_XLSX_KIND,
	PREPARE_KIND,
	REPORT_KIND
];

type Job =
	| WorkerInput
	| PlanWorkerInput
	| PublishWorkerInput
	| RegisterXlsxInput
	| PrepareWorkerInput
	| ReportWorkerInput;

/** Heap in use now, in MB: the main thread keeps a thread that uses little for its next job. */
function heapMb(): number {
	return Math.round(getHeapStatistics().used_heap_size / 2 ** 20);
}

/** Runs one job and posts its result (or why it failed) to the main thread. */
function start(job: Job, port: MessagePort) {
	const work: Promise<unknown> =
		job.kind === WORKER_KIND
			? // Packed: a wide matrix's cells cross to the main thread as one string per row.
				parseImportBytes(job.file, job.limits).then(packParse)
			: job.kind === PLAN_KIND
				? plan(job, port)
				: job.kind === REGISTER_XLSX_KIND
					? registerXlsx(job)
					: job.kind === PREPARE_KIND
						? prepare(job, port)
						: job.kind === REPORT_KIND
							? report(job, port)
							: publishJob(job, port);
	work.then(
		(result) => port.postMessage({ result, heapMb: heapMb() }),
		(e: unknown) => port.postMessage({ crash: String((e as Error)?.stack ?? e) })
	);
}

/**
 * After its first job (given at start, or posted to a thread started ahead of need) a thread
 * waits for the next: the main thread posts one, or ends the thread (file.ts). Only messages
 * naming a job start one (the write lock's answer is a message too).
 */
function serve(port: MessagePort) {
	port.on('message', (message: { kind?: string }) => {
		if (KINDS.includes(message?.kind)) start(message as Job, port);
	});
}

if (parentPort && KINDS.includes(kind)) {
	start(workerData as Job, parentPort);
	serve(parentPort);
} else if (parentPort && kind === WARM_KIND) {
	// Started ahead of need: load what the jobs use while idle, then serve the jobs posted.
	void import('./plan-jobs').catch(() => undefined);
	void import('../workflow/publish-job').catch(() => undefined);
	const { extras } = workerData as { extras?: readonly string[] };
	if (extras?.includes('report')) void import('../report/file').catch(() => undefined);
	serve(parentPort);
}
