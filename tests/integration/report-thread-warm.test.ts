import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useDb, type DB } from '../../src/lib/server/db';
import { spareThreads, threadReuses } from '../../src/lib/server/import/file';
import { reportInThread } from '../../src/lib/server/report/report-thread';
import { demoUsersByRole } from './helpers/auth';
import { endRequest, request, run } from './helpers/request';
import { createTestDb } from './helpers/test-db';

// A file of its own: the threads waiting for a job are per process (per test file in vitest).
vi.mock('$app/server', () => import('./helpers/request'));
const composer = await import('../../src/routes/layanan/[year=year]/laporan-tahunan/+page.server');

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

it('opening the composer starts the report thread, and the download runs on it', async () => {
	expect(spareThreads()).toBe(0);
	const { petugas } = await demoUsersByRole(db);
	await run(
		composer.load,
		request('/layanan/2021/laporan-tahunan', { user: petugas!, params: { year: '2021' } })
	);
	for (let i = 0; i < 300 && spareThreads() === 0; i++) await new Promise((r) => setTimeout(r, 20));
	expect(spareThreads()).toBe(1);
	const first = await reportInThread(2021, 'docx', false, db);
	expect(first.kind).toBe('file');
	// The download took the waiting thread (a first job: no reuse), which a city year's report
	// leaves small enough to stay; the next download runs on it.
	expect(threadReuses()).toBe(0);
	expect(spareThreads()).toBe(1);
	expect((await reportInThread(2021, 'html', false, db)).kind).toBe('file');
	expect(threadReuses()).toBe(1);
});
