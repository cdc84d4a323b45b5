import { readPositiveInt } from '../config';
import { db, locationOf, type Conn } from '../db';
import { runInThread, warmThread } from '../import/file';
import type { ReportWorkerInput } from '../import/worker';
import { reportFile, type ReportFile, type ReportFormat } from './file';

/**
 * The Laporan Tahunan built off the request path. The Word file is the heavy part: the `docx`
 * library makes an object tree per table cell. A city year's report held the event loop for
 * 70–130 ms, a 1,000-OPD year's for 1.4 s (0.6 s since the cells take the table's borders and
 * styles, docx.ts), and a 25,000-OPD year's ran the process out of memory, which on the main
 * thread ends the server for everyone. A worker thread opens its own connection (the import's
 * threads, import/worker.ts), reads and builds the file under a heap cap and a time cap, and
 * sends back only the bytes; a report over the caps is a message for its user, and the server
 * goes on. One report at a time. A database no other connection can open (in memory) builds in
 * place, as the CLI does.
 */

/** Wall time of one report. */
export const REPORT_TIMEOUT_MS = 120_000;

/**
 * MONEV_REPORT_HEAP_MB: the heap of a report's thread. The default 1024 MB holds the Word file of
 * some 9,000 OPDs (3,000 took 324 MB).
 */
export const reportHeapMb = (env: NodeJS.ProcessEnv = process.env) =>
	readPositiveInt(env, 'MONEV_REPORT_HEAP_MB', 1024);

export const REPORT_TOO_LARGE =
	'Laporan tahunan ini terlalu besar untuk dibuat di server (melampaui batas memori atau waktu). ' +
	'Gunakan halaman cetak, atau unduh format HTML.';

export type ReportOutcome =
	{ kind: 'file'; file: ReportFile } | { kind: 'missing' } | { kind: 'failed'; message: string };

let queue: Promise<unknown> = Promise.resolve();

/**
 * Starts a report thread ahead of need, its modules loaded, when a page that downloads the report
 * is opened (the composer, the print page): the first download of a city year took 0.54 s in a new
 * thread and 0.17–0.18 s on the waiting one, later ones 0.06–0.13 s. Per process and only a
 * speed-up: an idle thread, unreferenced.
 */
export function warmReportThread(conn: Conn = db()): void {
	if (locationOf(conn)) void warmThread(reportHeapMb(), ['report']);
}

export async function reportInThread(
	year: number,
	format: ReportFormat,
	personalData: boolean,
	conn: Conn = db()
): Promise<ReportOutcome> {
	const database = locationOf(conn);
	if (!database) {
		const file = await reportFile(year, format, personalData, conn);
		return file ? { kind: 'file', file } : { kind: 'missing' };
	}
	const input: ReportWorkerInput = { kind: 'monev-report', year, format, personalData, database };
	// Kept afterwards when it uses little heap (a city year): the next download skips the start.
	const run = queue.then(() =>
		runInThread<ReportFile | null>(input, reportHeapMb(), REPORT_TIMEOUT_MS, undefined, true)
	);
	queue = run.catch(() => undefined);
	const outcome = await run;
	if (!outcome.ok) {
		console.error(`[monev] laporan tahunan ${year} (${format}) gagal: ${outcome.problem}`);
		return { kind: 'failed', message: REPORT_TOO_LARGE };
	}
	return outcome.value ? { kind: 'file', file: outcome.value } : { kind: 'missing' };
}
