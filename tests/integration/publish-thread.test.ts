import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import {
	auditEvents,
	periods,
	publishedFiles,
	publishedSnapshots
} from '../../src/lib/server/db/schema';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { publishInThread } from '../../src/lib/server/workflow/publish-thread';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

const mover = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };

/** Every published byte of a period: its snapshot and files, and when it was published. */
async function published(year: number) {
	const [period] = await db.select().from(periods).where(eq(periods.year, year));
	const [snapshot] = await db
		.select()
		.from(publishedSnapshots)
		.where(eq(publishedSnapshots.periodId, period!.id));
	const files = await db
		.select({ name: publishedFiles.name, body: publishedFiles.body, etag: publishedFiles.etag })
		.from(publishedFiles)
		.where(eq(publishedFiles.periodId, period!.id))
		.orderBy(asc(publishedFiles.name));
	return { period: period!, snapshot: snapshot!, files };
}

describe('publishing in a worker thread', () => {
	it.each([2020, 2021])(
		'writes the same snapshot and files for %i as publishing in place',
		async (year) => {
			const before = await published(year);
			await db.update(periods).set({ status: 'final' }).where(eq(periods.year, year));
			await publishInThread(before.period.id, mover, '', db);
			const after = await published(year);
			expect(after.period.status).toBe('published');
			expect(after.period.publishedAt!.getTime()).toBeGreaterThan(
				before.period.publishedAt!.getTime()
			);
			// Only the publication time differs (it is in the snapshot, results.json and page.json).
			const was = JSON.stringify(before.period.publishedAt!.toISOString());
			const now = JSON.stringify(after.period.publishedAt!.toISOString());
			expect(after.snapshot.body).toBe(before.snapshot.body.replaceAll(was, now));
			expect(after.files.map((f) => f.name)).toEqual(before.files.map((f) => f.name));
			expect(after.files.length).toBeGreaterThan(6);
			for (const [i, file] of after.files.entries()) {
				const old = before.files[i]!;
				expect(file.body, file.name).toBe(old.body.replaceAll(was, now));
				if (file.body === old.body) expect(file.etag, file.name).toBe(old.etag);
			}
			const [event] = await db
				.select()
				.from(auditEvents)
				.where(eq(auditEvents.action, 'period.publish'))
				.orderBy(asc(auditEvents.id))
				.limit(1)
				.offset(2);
			expect(event?.periodId).toBe(before.period.id);
		}
	);

	it('a refused move comes back as the same WorkflowError, nothing written', async () => {
		const before = await published(2021);
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
		const attempt = publishInThread(before.period.id, mover, '', db);
		await expect(attempt).rejects.toBeInstanceOf(WorkflowError);
		await expect(attempt).rejects.toMatchObject({ status: 409 });
		const after = await published(2021);
		expect(after.period.status).toBe('evaluation');
		expect(after.snapshot).toEqual(before.snapshot);
		expect(after.files).toEqual(before.files);
	});
});
