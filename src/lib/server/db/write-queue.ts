import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import Database from 'libsql';
import type { InValue } from '@libsql/client';
import { writeLockOf, type DB } from '.';
import { toRow, toSql } from './client-values';

type BatchItem = Parameters<DB['batch']>[0][number];

interface Pending {
	statements: BatchItem[];
	resolve: (results: unknown[]) => void;
	reject: (error: unknown) => void;
}

/** Runs a group's statements as one transaction and returns drizzle's result for each. */
type Writer = (statements: BatchItem[]) => Promise<unknown[]>;

/** What drizzle's `_prepare()` of a raw or built query offers (the same calls `db.batch` makes). */
interface Prepared {
	getQuery(): { sql: string; params: unknown[] };
	mapResult(result: unknown, isFromBatch: boolean): unknown;
}

/**
 * Group commit for small conditional writes (the matrix's cell saves). Writes that arrive while a
 * batch is committing wait and then commit together in the next batch: one transaction and one
 * fsync for many saves, instead of one each. Every write must be self-checking SQL (conditional
 * on the version it expects), because the writes of one batch run one after the other inside a
 * single transaction. If a batch fails, its writes are retried one by one, so one bad write never
 * fails the others.
 */
class WriteQueue {
	#pending: Pending[] = [];
	#running = false;
	#writer: Promise<Writer> | undefined;

	constructor(private readonly db: DB) {}

	#writerFor(): Promise<Writer> {
		this.#writer ??= (async () => {
			const fallback: Writer = (statements) =>
				this.db.batch(statements as [BatchItem, ...BatchItem[]]);
			if (this.db.$client.protocol !== 'file') return fallback;
			const [main] = await this.db.all<{ name: string; file: string }>(sql`PRAGMA database_list`);
			if (!main?.file) return fallback;
			return fileWriter(main.file);
		})();
		return this.#writer;
	}

	async open(): Promise<void> {
		await this.#writerFor();
	}

	submit(statements: BatchItem[]): Promise<unknown[]> {
		return new Promise((resolve, reject) => {
			this.#pending.push({ statements, resolve, reject });
			if (!this.#running) void this.#drain();
		});
	}

	async #drain() {
		this.#running = true;
		try {
			while (this.#pending.length) {
				const group = this.#pending;
				this.#pending = [];
				await this.#commit(group);
			}
		} finally {
			this.#running = false;
		}
	}

	async #commit(group: Pending[]) {
		try {
			const write = await this.#writerFor();
			const results = await write(group.flatMap((p) => p.statements));
			let at = 0;
			for (const p of group) {
				p.resolve(results.slice(at, at + p.statements.length));
				at += p.statements.length;
			}
		} catch (error) {
			if (group.length === 1) {
				group[0]!.reject(error);
				return;
			}
			for (const p of group) await this.#commit([p]);
		}
	}
}

/** Distinct SQL texts kept prepared; cell saves use a handful, so this is never reached by them. */
const STATEMENT_CACHE = 64;

/**
 * The writer of a local file: one connection of its own, opened with the driver underneath
 * `@libsql/client`, because the client prepares every statement again on every call — measured,
 * parsing and planning the save's statements (and reading their column lists) was over a third
 * of a save's CPU time, and saves are CPU-bound: 20 writers on one event loop wait for each
 * other's CPU. Here each distinct SQL text is prepared once (drizzle's SQL keeps values as
 * parameters, so a save's SQL text repeats). `synchronous = NORMAL`, the setting SQLite
 * recommends with WAL: a commit no longer waits for an fsync (the WAL is synced at checkpoints),
 * so a crash of the machine can lose the last moments of saves but never corrupts the database,
 * and a crash of the app loses nothing (the commit's write() is done before the save is
 * acknowledged). The group runs under the process's write lock, like every other writer.
 */
function fileWriter(file: string): Writer {
	const connection = new Database(file, { timeout: 5000 });
	connection.exec('PRAGMA synchronous = NORMAL');
	const lock = writeLockOf(`file:${file}`);
	const committed = checkpoints(file, connection);
	const prepared = new Map<string, { statement: Database.Statement; columns: string[] | null }>();
	const statementFor = (text: string) => {
		let entry = prepared.get(text);
		if (!entry) {
			if (prepared.size >= STATEMENT_CACHE) prepared.clear();
			const statement = connection.prepare(text);
			const columns = rowColumns(statement);
			prepared.set(text, (entry = { statement, columns }));
		}
		return entry;
	};
	const execute = (item: BatchItem) => {
		const query = (item as unknown as { _prepare(): Prepared })._prepare();
		const { sql: text, params } = query.getQuery();
		const { statement, columns } = statementFor(text);
		const args = params.map((value) => toSql(value as InValue));
		// The shape of @libsql/client's ResultSet, which drizzle maps from (`mapResult`).
		if (columns) {
			const rows = (statement.all(...args) as unknown[][]).map((values) => toRow(values, columns));
			return query.mapResult({ columns, columnTypes: [], rows, rowsAffected: 0 }, true);
		}
		const info = statement.run(...args);
		return query.mapResult(
			{
				columns: [],
				columnTypes: [],
				rows: [],
				rowsAffected: info.changes,
				lastInsertRowid: BigInt(info.lastInsertRowid)
			},
			true
		);
	};
	return (statements) =>
		lock.run(async () => {
			// Synchronous from BEGIN to COMMIT: nothing else runs on this connection meanwhile.
			connection.exec('BEGIN IMMEDIATE');
			try {
				const results = statements.map(execute);
				connection.exec('COMMIT');
				committed();
				return results;
			} catch (error) {
				if (connection.inTransaction) connection.exec('ROLLBACK');
				throw error;
			}
		});
}

/** Group commits between two checkpoints by the thread: a few dozen to a few hundred WAL pages. */
const CHECKPOINT_EVERY = 8;
/**
 * The writer's own automatic checkpoint, at 2,000 pages (8 MB of WAL) instead of 1,000: a
 * backstop. A PASSIVE checkpoint copies the pages committed before it started, and the WAL only
 * starts over when a write begins with every page copied, which a burst of saves (20 writers
 * without a pause) does not leave time for: the WAL grows. At 2,000 pages the writer checkpoints
 * in its commit, copying only what the thread has not copied yet (the last few commits), and
 * the WAL starts over. Measured with 20 writers saving without a pause: no commit over 3 ms with
 * the thread; without it, 26 commits of 11–13 ms in 13,200 saves (SQLite's default, every 1,000
 * pages), and the p99 of a save 16–20 ms instead of 8–13.
 */
const WAL_BACKSTOP = 2_000;

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that
 * crosses 1,000 WAL pages: it copies them into the database and fsyncs both files, and, the
 * driver being synchronous, every writer and request of the process waits for it (measured: the
 * tail of the cell-save latency). Here the writer's automatic checkpoint is off and one thread of
 * the process runs `PRAGMA wal_checkpoint(PASSIVE)` on its own connection every
 * `CHECKPOINT_EVERY` group commits: PASSIVE never blocks writers and is never blocked by them,
 * and once it has caught up the next commit starts the WAL over.
 * Durability is unchanged: a commit is in the WAL before it is acknowledged, and SQLite replays
 * the WAL after a crash. If the thread cannot start or dies, the writer goes back to the
 * automatic checkpoint. Returns the callback for after each commit.
 */
function checkpoints(file: string, writer: Database.Database): () => void {
	const thread = checkpointThread();
	if (!thread) return () => {};
	writer.exec(`PRAGMA wal_autocheckpoint = ${WAL_BACKSTOP}`);
	// 1 while the thread checkpoints this file. Shared memory rather than a reply message: a
	// reply waits for this thread's event loop, which a burst of saves can keep busy for seconds
	// (measured in the benchmark: the reply came 3.7 s after a 4 ms checkpoint, no other
	// checkpoint was asked for meanwhile, and the WAL grew to the backstop).
	const running = new Int32Array(new SharedArrayBuffer(4));
	let commits = 0;
	// An idle thread must not keep the process alive.
	thread.unref();
	thread.once('exit', () => {
		if (writer.open) writer.exec('PRAGMA wal_autocheckpoint = 1000');
	});
	return () => {
		if (++commits < CHECKPOINT_EVERY || Atomics.load(running, 0) === 1) return;
		commits = 0;
		Atomics.store(running, 0, 1);
		thread.postMessage({ file, running });
	};
}

/** The thread's code: one connection per database file, a PASSIVE checkpoint per message. */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const files = new Map();
parentPort.on('message', ({ file, running }) => {
	try {
		let checkpoint = files.get(file);
		if (!checkpoint) files.set(file, (checkpoint = new Database(file).prepare('PRAGMA wal_checkpoint(PASSIVE)')));
		checkpoint.all();
	} finally {
		Atomics.store(running, 0, 0);
	}
});`;

let checkpointer: Worker | null | undefined;

/** The process's one checkpoint thread (for every database it writes), started on first use. */
function checkpointThread(): Worker | null {
	if (checkpointer !== undefined) return checkpointer;
	try {
		const driver = createRequire(import.meta.url).resolve('libsql');
		checkpointer = new Worker(CHECKPOINTER, { eval: true, workerData: { driver } });
	} catch {
		return (checkpointer = null);
	}
	checkpointer.setMaxListeners(0);
	checkpointer.once('exit', () => (checkpointer = null));
	checkpointer.on('error', () => undefined);
	return checkpointer;
}

/**
 * The column names of a statement that returns rows, which then answers in arrays; null for the
 * others, for which raw() throws (how @libsql/client tells them apart).
 */
function rowColumns(statement: Database.Statement): string[] | null {
	try {
		return statement
			.raw(true)
			.columns()
			.map((c) => c.name);
	} catch {
		return null;
	}
}

const queues = new WeakMap<DB, WriteQueue>();

function queueOf(db: DB): WriteQueue {
	let queue = queues.get(db);
	if (!queue) {
		queue = new WriteQueue(db);
		queues.set(db, queue);
	}
	return queue;
}

/** Runs `statements` as one atomic unit, committed together with concurrent submissions. */
export function submitWrite(db: DB, statements: BatchItem[]): Promise<unknown[]> {
	return queueOf(db).submit(statements);
}

/**
 * Opens the writer (its connection and the checkpoint thread) now, at server start, so the first
 * saves after a start do not pay for it (measured: the first burst of 20 saves waited 50–70 ms).
 */
export async function openWriter(db: DB): Promise<void> {
	await queueOf(db).open();
}
