import { db, locationOf, writeLockOf, type Conn } from '../db';
import { runInThread, warmThread } from '../import/file';
import type { PublishWorkerInput } from '../import/worker';
import type { Role } from '../../permissions';
import { transitionsFor, type PeriodStatus } from '../../workflow/lifecycle';
import { WorkflowError } from './error';
import { transition, type Mover } from './lifecycle';
import type { PublishOutcome } from './publish-job';

/**
 * Publishing off the request path. Scoring a nation-scale year, serialising its snapshot, its
 * open-data files and one file per OPD, and writing them took seconds of CPU and synchronous
 * SQLite work; on the server's one event loop every other request waited for it. A worker
 * thread (the import's, import/worker.ts) opens its own connection and runs the whole
 * transition; the main thread holds the process's write lock for it (one writer: other writes
 * wait without blocking the event loop) and gets back "published" or the refusal. One publish
 * at a time. A database no other connection can open (in memory, a transaction) publishes in
 * place, as before, and so does every database with MONEV_PUBLISH_THREAD=0.
 *
 * Starting a thread and loading its modules cost ≈ 0.5 s, ten times a city year's publish itself:
 * a page that offers a publish starts one ahead of need ({@link warmPublishThread}), and a thread
 * that published a small year is kept for the next publish (file.ts), its code compiled.
 */

/** Wall time of one publish, the wait for the write lock included. */
export const PUBLISH_TIMEOUT_MS = 15 * 60_000;
/** Heap of the thread: a 25,000-OPD year's view and its files are a few hundred MB. */
export const PUBLISH_HEAP_MB = 2048;

const DIED =
	'Publikasi gagal diproses (melampaui batas memori atau waktu server). Tidak ada yang diubah; ' +
	'coba lagi, atau hubungi pengelola server.';

let queue: Promise<unknown> = Promise.resolve();

/** MONEV_PUBLISH_THREAD=0: publishes run on the main thread, as before (the benchmark's baseline). */
const threadsOff = () => process.env.MONEV_PUBLISH_THREAD === '0';

/**
 * Starts the publish thread ahead of need when a page shows periods in `statuses` to a user of
 * `role` and one of them offers "Publikasikan": the publish then skips the thread start. Per
 * process and only a speed-up: an idle thread, unreferenced.
 */
export function warmPublishThread(
	statuses: readonly PeriodStatus[],
	role: Role,
	conn: Conn = db()
): void {
	const offered = statuses.some((s) => transitionsFor(s, role).some((t) => t.to === 'published'));
	if (offered && locationOf(conn) && !threadsOff()) void warmThread(PUBLISH_HEAP_MB);
}

export async function publishInThread(
	periodId: number,
	mover: Mover,
	reason = '',
	conn: Conn
): Promise<void> {
	const database = locationOf(conn);
	if (!database || threadsOff()) return transition(periodId, 'published', mover, reason, conn);
	const input: PublishWorkerInput = {
		kind: 'monev-publish',
		job: { periodId, mover, reason },
		database
	};
	const lock = writeLockOf(database.url);
	const run = queue.then(() =>
		// Kept afterwards when it uses little heap (a city year), like an import thread.
		runInThread<PublishOutcome>(input, PUBLISH_HEAP_MB, PUBLISH_TIMEOUT_MS, lock, true)
	);
	queue = run.catch(() => undefined);
	const outcome = await run;
	if (!outcome.ok) {
		console.error(`[monev] publikasi periode ${periodId} gagal: ${outcome.problem}`);
		// Shown on the form like a refusal: nothing was written (the thread's transaction died with it).
		throw new WorkflowError(409, DIED);
	}
	if (outcome.value.kind === 'refused')
		throw new WorkflowError(outcome.value.status, outcome.value.message);
}
