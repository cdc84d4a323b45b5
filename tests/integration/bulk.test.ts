import { asc, count } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { bulkInsert, insertMatrixCells } from '../../src/lib/server/db/bulk';
import { assessments, indicators, opds, periods } from '../../src/lib/server/db/schema';
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

it('writes a matrix as the same assessment rows bulkInsert writes', async () => {
	const codes = [
		{ value: 1 as const, notApplicable: false },
		{ value: 0 as const, notApplicable: false },
		{ value: null, notApplicable: false },
		{ value: null, notApplicable: true }
	];
	await bulkInsert(db, opds, rows(16_000));
	const opdRows = await db.select({ id: opds.id }).from(opds).orderBy(asc(opds.id));
	const [period] = await db
		.insert(periods)
		.values({ year: 2030, title: 'Uji', rubricConfig: {} as never })
		.returning({ id: periods.id });
	const inds = await db
		.insert(indicators)
		.values(
			[0, 1, 2].map((i) => ({
				periodId: period!.id,
				key: `k${i}`,
				label: `K${i}`,
				aspect: 'dip',
				kind: 'check' as const,
				weight: 1,
				sortOrder: i + 1
			}))
		)
		.returning({ id: indicators.id });
	const matrix = opdRows.map((o, r) => ({
		opdId: o.id,
		cells: [0, 1, 2].map((c) => codes[(r + c) % 4]!)
	}));
	const at = new Date(1_700_000_000_456);
	await insertMatrixCells(
		db,
		period!.id,
		inds.map((i) => i.id),
		matrix,
		null,
		at
	);
	const back = await db
		.select()
		.from(assessments)
		.orderBy(asc(assessments.opdId), asc(assessments.indicatorId));
	expect(back).toHaveLength(48_000);
	back.forEach((a, k) => {
		const r = Math.floor(k / 3);
		const cell = codes[(r + (k % 3)) % 4]!;
		expect(a).toMatchObject({
			periodId: period!.id,
			opdId: opdRows[r]!.id,
			indicatorId: inds[k % 3]!.id,
			value: cell.notApplicable ? null : cell.value,
			notApplicable: cell.notApplicable,
			assessedBy: null,
			version: 1,
			selfNotApplicable: false
		});
		expect(a.assessedAt?.getTime()).toBe(1_700_000_000_456);
	});
});
