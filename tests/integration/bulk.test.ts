import { count } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { bulkInsert } from '../../src/lib/server/db/bulk';
import { opds } from '../../src/lib/server/db/schema';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await createTestDb()));
afterEach(async () => cleanup());

const rows = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		slug: `opd-${i}`,
		name: `OPD "${i}" & co`,
		shortName: `O${i}`,
		kind: 'dinas' as const,
		websiteUrl: i % 2 ? null : `https://opd-${i}.example`,
		retiredAt: i === 1 ? new Date(1_700_000_000_123) : null
	}));

it('writes every row and value as drizzle would read them back, across statement chunks', async () => {
	await bulkInsert(db, opds, rows(20_005));
	const back = await db.select().from(opds).orderBy(opds.id);
	expect(back).toHaveLength(20_005);
	expect(back[1]).toMatchObject({ slug: 'opd-1', name: 'OPD "1" & co', websiteUrl: null });
	expect(back[1]!.retiredAt?.getTime()).toBe(1_700_000_000_123);
	expect(back[20_004]).toMatchObject({
		slug: 'opd-20004',
		websiteUrl: 'https://opd-20004.example'
	});
	// columns left out get their defaults
	expect(back[0]!.createdAt).toBeInstanceOf(Date);
});

it("joins the caller's transaction: a rollback leaves nothing behind", async () => {
	await expect(
		db.transaction(async (tx) => {
			await bulkInsert(tx, opds, rows(3));
			const [inside] = await tx.select({ n: count() }).from(opds);
			expect(inside!.n).toBe(3);
			throw new Error('roll back');
		})
	).rejects.toThrow('roll back');
	const [after] = await db.select({ n: count() }).from(opds);
	expect(after!.n).toBe(0);
});

it('fails on a constraint like a normal insert', async () => {
	await expect(bulkInsert(db, opds, [...rows(2), ...rows(1)])).rejects.toThrow(/UNIQUE/);
});
