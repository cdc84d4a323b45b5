import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { opds, periodOpds, periods } from '../../src/lib/server/db/schema';
import { roster } from '../../src/lib/server/periods/periods';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

/** The roster as row objects, ordered by SQL: what `roster()` read before it read one JSON value. */
async function rowByRow(periodId: number) {
	return db
		.select({
			opdId: opds.id,
			slug: opds.slug,
			name: opds.name,
			shortName: opds.shortName,
			kind: opds.kind,
			websiteUrl: opds.websiteUrl,
			displayNumber: periodOpds.displayNumber,
			displayName: periodOpds.displayName,
			notRatedReason: periodOpds.notRatedReason,
			notRatedKind: periodOpds.notRatedKind
		})
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(eq(periodOpds.periodId, periodId))
		.orderBy(asc(periodOpds.displayNumber), asc(opds.name));
}

describe('roster read as one JSON value', () => {
	it('equals the row-by-row read, values, types and order, with ties and a left-out OPD', async () => {
		const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
		const [first, second] = await roster(period!.id, db);
		// A tie on the display number (ordered by name) and a left-out OPD with a reason.
		await db
			.update(periodOpds)
			.set({ displayNumber: first!.displayNumber })
			.where(eq(periodOpds.opdId, second!.opdId));
		await db
			.update(periodOpds)
			.set({ notRatedReason: 'tidak mengisi "SAQ" — €', notRatedKind: 'tidak berpartisipasi' })
			.where(eq(periodOpds.opdId, first!.opdId));
		await db.update(opds).set({ websiteUrl: null }).where(eq(opds.id, second!.opdId));
		const read = await roster(period!.id, db);
		expect(read.length).toBeGreaterThan(30);
		expect(read).toStrictEqual(await rowByRow(period!.id));
		expect(read.some((e) => e.notRatedKind === 'tidak berpartisipasi')).toBe(true);
	});

	it('answers an empty list for a period without OPDs', async () => {
		expect(await roster(999_999, db)).toEqual([]);
	});
});
