import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchAudit, AUDIT_PAGE_SIZE } from '../../src/lib/server/audit/audit-log';
import type { DB } from '../../src/lib/server/db';
import { opds, periodOpds, users } from '../../src/lib/server/db/schema';
import { mergeOpds, setRetired, updateOpd } from '../../src/lib/server/opds/admin';
import { copyPeriod } from '../../src/lib/server/workflow/period-copy';
import { removeFromRoster } from '../../src/lib/server/periods/rubric';
import { publishedView } from '../../src/lib/server/results/results';
import { WorkflowError } from '../../src/lib/server/workflow/error';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
const actor = { userId: null, name: 'demo-admin' };
const bySlug = async (slug: string) =>
	(await db.select().from(opds).where(eq(opds.slug, slug)))[0]!;

beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(() => cleanup());

describe('OPD master', () => {
	it('renames without touching what was published or printed', async () => {
		const opd = await bySlug('dinas-komunikasi-dan-informatika');
		const before = await publishedView(2021, db);
		await updateOpd(
			opd.id,
			{
				name: 'Dinas Kominfo dan Persandian',
				shortName: 'Diskominfosandi',
				kind: 'dinas',
				websiteUrl: 'https://diskominfo.serangkota.go.id'
			},
			actor,
			db
		);
		expect(await bySlug(opd.slug)).toMatchObject({
			name: 'Dinas Kominfo dan Persandian',
			shortName: 'Diskominfosandi'
		});
		expect(await publishedView(2021, db)).toEqual(before);
		const bad = await updateOpd(
			opd.id,
			{ name: 'x', shortName: '', kind: 'dinas', websiteUrl: null },
			actor,
			db
		).catch((e) => e);
		expect((bad as WorkflowError).status).toBe(400);
	});

	it('refuses names over 200 characters and a website address over 2,048, changing nothing', async () => {
		const opd = await bySlug('dinas-komunikasi-dan-informatika');
		const base = {
			name: opd.name,
			shortName: opd.shortName,
			kind: 'dinas' as const,
			websiteUrl: null
		};
		for (const [edit, message] of [
			[{ name: 'N'.repeat(201) }, /^Nama OPD terlalu panjang: 201 karakter, paling banyak 200\.$/],
			[{ shortName: 'S'.repeat(201) }, /^Nama singkat terlalu panjang/],
			[{ websiteUrl: 'https://x.go.id/' + 'a'.repeat(2040) }, /^Alamat situs terlalu panjang/]
		] as const) {
			const refused = await updateOpd(opd.id, { ...base, ...edit }, actor, db).catch((e) => e);
			expect(refused).toBeInstanceOf(WorkflowError);
			expect((refused as WorkflowError).status).toBe(400);
			expect((refused as WorkflowError).message).toMatch(message);
		}
		expect(await bySlug(opd.slug)).toEqual(opd);
	});

	it('a retired OPD is not copied into a new period', async () => {
		const opd = await bySlug('dinas-komunikasi-dan-informatika');
		await setRetired(opd.id, true, actor, db);
		const { periodId } = await copyPeriod(2021, 2022, actor, db);
		const roster = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
		expect(roster).toHaveLength(31);
		expect(roster.some((r) => r.opdId === opd.id)).toBe(false);
	});

	it('merges: history stays on the source, operators move, refused while in a live period', async () => {
		const source = await bySlug('dinas-komunikasi-dan-informatika');
		const target = (await db.select().from(opds).where(eq(opds.kind, 'badan')))[0]!;
		const { periodId } = await copyPeriod(2021, 2022, actor, db);
		const refused = await mergeOpds(source.id, target.id, actor, db).catch((e) => e);
		expect((refused as WorkflowError).status).toBe(409);
		expect((refused as WorkflowError).message).toMatch(/2022/);
		await removeFromRoster(periodId, source.id, actor, db);
		await mergeOpds(source.id, target.id, actor, db);
		expect(await bySlug(source.slug)).toMatchObject({ mergedIntoId: target.id });
		expect((await bySlug(source.slug)).retiredAt).not.toBeNull();
		const operators = await db.select().from(users).where(eq(users.role, 'operator'));
		expect(operators.every((u) => u.opdId === target.id)).toBe(true);
		// 2021 still shows the source's results.
		expect((await publishedView(2021, db))?.roster.some((r) => r.slug === source.slug)).toBe(true);
		expect(
			((await mergeOpds(target.id, target.id, actor, db).catch((e) => e)) as WorkflowError).status
		).toBe(400);
	});
});

describe('audit log search', () => {
	it('filters by period, entity and actor, and pages by id', async () => {
		const all = await searchAudit({}, db);
		expect(all.events.length).toBeGreaterThan(0);
		const periodEvents = await searchAudit({ year: 2021, entityType: 'period' }, db);
		expect(periodEvents.events.every((e) => e.year === 2021 && e.entityType === 'period')).toBe(
			true
		);
		expect(periodEvents.events.length).toBeGreaterThan(0);
		expect((await searchAudit({ actor: 'nobody' }, db)).events).toEqual([]);
		expect((await searchAudit({ year: 1999 }, db)).events).toEqual([]);
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
			await setRetired(
				(await bySlug('dinas-komunikasi-dan-informatika')).id,
				i % 2 === 0,
				actor,
				db
			);
		const first = await searchAudit({ actor: 'demo-admin' }, db);
		expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
		const second = await searchAudit({ actor: 'demo-admin', before: first.next! }, db);
		expect(second.events).toHaveLength(5);
		expect(second.next).toBeNull();
		expect(second.events[0]!.id).toBeLessThan(first.events.at(-1)!.id);
	});
});
