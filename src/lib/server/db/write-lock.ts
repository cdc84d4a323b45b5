import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One writer at a time per database, queued in JavaScript rather than in SQLite. The libSQL
 * driver runs SQLite on the main thread: a second connection that meets a held write lock
 * busy-waits (up to the 5 s busy timeout) with the event loop blocked, so the transaction holding
 * the lock cannot finish either — the whole server stalls, then the write fails. Awaiting this
 * lock instead lets the holder finish first. Re-entrant: work already inside the lock (a nested
 * call in the same async flow) runs at once instead of waiting for itself.
 */
export class WriteLock {
	#tail: Promise<unknown> = Promise.resolve();
	#inside = new AsyncLocalStorage<true>();

	run<T>(work: () => Promise<T>): Promise<T> {
		if (this.#inside.getStore()) return work();
		const result = this.#tail.then(() => this.#inside.run(true, work));
		// The next writer waits for this one to settle, whether it succeeded or not.
		this.#tail = result.catch(() => undefined);
		return result;
	}
}

const locks = new Map<string, WriteLock>();

/** The lock shared by every handle this process opens on the same database URL. */
export function writeLockFor(url: string): WriteLock {
	let lock = locks.get(url);
	if (!lock) locks.set(url, (lock = new WriteLock()));
	return lock;
}
