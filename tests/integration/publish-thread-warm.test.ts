import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { periods } from '../../src/lib/server/db/schema';
import { spareThreads, threadReuses } from '../../src/lib/server/import/file';
import { publishInThread, warmPublishThread } from '../../src/lib/server/workflow/publish-thread';
import { createTestDb } from './helpers/test-db';

// A file of its own: the threads waiting for a job are per process (per test file in vitest).
let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

const mover = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };

async function republish(year: number) {
	await db.update(periods).set({ status: 'final' }).where(eq(periods.year, year));
	const [period] = await db.select().from(periods).where(eq(periods.year, year));
	await publishInThread(period!.id, mover, '', db);
	const [after] = await db.select().from(periods).where(eq(periods.year, year));
	return after!;
}

it('publishes on a thread started ahead of need, which stays for the next publish', async () => {
	expect(spareThreads()).toBe(0);
	// No period offers a publish to this user: nothing starts.
	warmPublishThread(['evaluation', 'published'], 'admin', db);
	warmPublishThread(['final'], 'pimpinan', db);
	await new Promise((r) => setTimeout(r, 200));
	expect(spareThreads()).toBe(0);
	warmPublishThread(['final'], 'admin', db);
	for (let i = 0; i < 300 && spareThreads() === 0; i++) await new Promise((r) => setTimeout(r, 20));
	expect(spareThreads()).toBe(1);
	expect((await republish(2020)).status).toBe('published');
	// The first publish took the waiting thread (a first job: no reuse); the second ran on the
	// same thread, kept after the first because a city year leaves little heap in it.
	expect(threadReuses()).toBe(0);
	expect(spareThreads()).toBe(1);
	expect((await republish(2021)).status).toBe('published');
	expect(threadReuses()).toBe(1);
	expect(spareThreads()).toBe(1);
});

it('publishes in place, with no thread, when MONEV_PUBLISH_THREAD=0', async () => {
	process.env.MONEV_PUBLISH_THREAD = '0';
	try {
		const reused = threadReuses();
		const spares = spareThreads();
		warmPublishThread(['final'], 'admin', db);
		expect((await republish(2021)).status).toBe('published');
		expect(threadReuses()).toBe(reused);
		expect(spareThreads()).toBe(spares);
	} finally {
		delete process.env.MONEV_PUBLISH_THREAD;
	}
});
