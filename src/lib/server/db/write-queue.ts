import { sql } from 'drizzle-orm';
import { openDb, type DB } from '.';

type BatchItem = Parameters<DB['batch']>[0][number];

interface Pending {
	statements: BatchItem[];
	resolve: (results: unknown[]) => void;
	reject: (error: unknown) => void;
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
	#writer: Promise<DB> | undefined;

	constructor(private readonly db: DB) {}

	/**
	 * A local file gets its own single-connection writer with `synchronous = NORMAL`, the setting
	 * SQLite recommends with WAL: a commit no longer waits for an fsync (the WAL is synced at
	 * checkpoints), so a crash of the machine can lose the last moments of saves but never corrupts
	 * the database, and a crash of the app loses nothing. Everything else keeps the defaults.
	 */
	#writerDb(): Promise<DB> {
		this.#writer ??= (async () => {
			if (this.db.$client.protocol !== 'file') return this.db;
			const [main] = await this.db.all<{ name: string; file: string }>(sql`PRAGMA database_list`);
			if (!main?.file) return this.db;
			const writer = openDb(`file:${main.file}`);
			await writer.$client.execute('PRAGMA synchronous = NORMAL');
			return writer;
		})();
		return this.#writer;
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
		const all = group.flatMap((p) => p.statements);
		try {
			const writer = await this.#writerDb();
			const results = await writer.batch(all as [BatchItem, ...BatchItem[]]);
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

const queues = new WeakMap<DB, WriteQueue>();

/** Runs `statements` as one atomic unit, committed together with concurrent submissions. */
export function submitWrite(db: DB, statements: BatchItem[]): Promise<unknown[]> {
	let queue = queues.get(db);
	if (!queue) {
		queue = new WriteQueue(db);
		queues.set(db, queue);
	}
	return queue.submit(statements);
}
