import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReportTable, type ParsedMatrix } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { assessments, auditEvents, opds, periods } from '../../src/lib/server/db/schema';
import { commitImport, NEW_OPD, planImport } from '../../src/lib/server/import/matrix';
import { revertImport } from '../../src/lib/server/import/revert';
import { SEED_FILES } from './helpers/seed-reader';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

function table2021(edit: (text: string) => string = (t) => t): ParsedMatrix {
	const parsed = parseReportTable(edit(readFileSync(SEED_FILES[2021], 'utf8')));
	if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
	return parsed.matrix;
}

const actor = SYSTEM_ACTORS.cli;
const openYear = (year: number) =>
	db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, year));
const bapendaGains = (t: string) =>
	t.replace(
		'32\tBadan Pendapatan Daerah Kota Serang\t',
		'32\tBadan Pendapatan Daerah Kota Serang\t√'
	);

describe('planImport', () => {
	it('previews a new year without writing: recognised OPDs with scores, new OPDs, indicators', async () => {
		const before = await snapshotTables(db);
		const matrix = table2021((t) =>
			t
				.replace('Dinas Kependudukan dan Pencatatan Sipil Kota Serang', 'Dinas Dukcapil')
				.replace('32\tBadan Pendapatan Daerah Kota Serang', '32\tKelurahan Cipare Kota Serang')
		);
		const plan = await planImport({ year: 2022, matrix, source: 'x.txt' }, db);
		expect(await snapshotTables(db)).toEqual(before);
		expect(plan.createsPeriod).toBe(true);
		expect(plan.errors).toEqual([]);
		const sosial = plan.rows.find((r) => r.name === 'Dinas Dukcapil')!;
		expect(sosial).toMatchObject({
			opd: 'dinas-kependudukan-dan-pencatatan-sipil',
			isNew: false,
			exact: false
		});
		expect(sosial.score).toBeGreaterThan(0.8);
		expect(plan.rows.filter((r) => r.isNew).map((r) => r.opd)).toEqual(['kelurahan-cipare']);
		expect(plan.columns.every((c) => c.matchedLabel !== null)).toBe(true);
		expect(plan.cellsTotal).toBe(32 * 13);
	});

	it('lists the cells that change from → to in an open year', async () => {
		await openYear(2021);
		const plan = await planImport({ year: 2021, matrix: table2021(bapendaGains), source: 'x' }, db);
		expect(plan.errors).toEqual([]);
		expect(plan.changes).toEqual([
			expect.objectContaining({
				opd: 'badan-pendapatan-daerah',
				before: { value: 0, notApplicable: false },
				after: { value: 1, notApplicable: false }
			})
		]);
	});

	it("takes a user's correction of a match, and 'new' to create an OPD", async () => {
		const matrix = table2021();
		const line = matrix.rows.find((r) => r.name.startsWith('Dinas Sosial'))!.line;
		const line2 = matrix.rows.find((r) => r.name.startsWith('Dinas Kesehatan'))!.line;
		const plan = await planImport(
			{ year: 2022, matrix, source: 'x', overrides: { [line]: NEW_OPD, [line2]: 'dinas-sosial' } },
			db
		);
		expect(plan.errors).toEqual([]);
		expect(plan.rows.find((r) => r.line === line)).toMatchObject({
			isNew: true,
			opd: 'dinas-sosial-2'
		});
		expect(plan.rows.find((r) => r.line === line2)).toMatchObject({
			opd: 'dinas-sosial',
			corrected: true
		});
	});

	it('reports two rows matched to one OPD as an error on the second line', async () => {
		const matrix = table2021();
		const line = matrix.rows.find((r) => r.name.startsWith('Dinas Kesehatan'))!.line;
		const plan = await planImport(
			{ year: 2022, matrix, source: 'x', overrides: { [line]: 'dinas-sosial' } },
			db
		);
		expect(plan.errors).toHaveLength(1);
		expect(plan.errors[0]!.message).toMatch(/OPD yang sama/);
	});
});

describe('commitImport', () => {
	it('writes what the preview showed, in one audit event', async () => {
		await openYear(2021);
		const matrix = table2021(bapendaGains);
		const plan = await planImport({ year: 2021, matrix, source: 'x' }, db);
		const outcome = await commitImport(
			{ year: 2021, matrix, source: 'x', actor, expectedDigest: plan.digest },
			db
		);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.summary.cellsChanged).toBe(1);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.id, outcome.summary.eventId));
		expect(event!.action).toBe('period.import');
	});

	it('refuses a stale preview (a cell changed since) and writes nothing', async () => {
		await openYear(2021);
		const matrix = table2021(bapendaGains);
		const plan = await planImport({ year: 2021, matrix, source: 'x' }, db);
		// Someone else ticks the very cell the preview would change.
		const change = plan.changes[0]!;
		await db
			.update(assessments)
			.set({ value: 1, version: 2 })
			.where(
				and(eq(assessments.opdId, change.opdId), eq(assessments.indicatorId, change.indicatorId))
			);
		const before = await snapshotTables(db);
		const outcome = await commitImport(
			{ year: 2021, matrix, source: 'x', actor, expectedDigest: plan.digest },
			db
		);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.stale).toBe(true);
		expect(outcome.errors[0]!.message).toMatch(/berubah sejak pratinjau/);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('refuses a stale preview of a new year that someone else created meanwhile', async () => {
		const matrix = table2021();
		const plan = await planImport({ year: 2022, matrix, source: 'x' }, db);
		expect((await commitImport({ year: 2022, matrix, source: 'x', actor }, db)).ok).toBe(true);
		const outcome = await commitImport(
			{ year: 2022, matrix, source: 'x', actor, expectedDigest: plan.digest },
			db
		);
		expect(outcome.ok).toBe(false);
	});
});

describe('revertImport', () => {
	it('restores every changed cell, audits it, and refuses a second revert', async () => {
		await openYear(2021);
		const before = await db.select().from(assessments);
		const matrix = table2021((t) => bapendaGains(t).replace(/^(1\t[^\t]+\t)√/m, '$1'));
		const outcome = await commitImport({ year: 2021, matrix, source: 'x', actor }, db);
		if (!outcome.ok) throw new Error(outcome.errors[0]!.message);
		expect(outcome.summary.cellsChanged).toBeGreaterThanOrEqual(1);
		const reverted = await revertImport(outcome.summary.eventId, actor, db);
		expect(reverted).toEqual({ ok: true, restored: outcome.summary.cellsChanged });
		const after = await db.select().from(assessments);
		const values = (rows: typeof before) =>
			rows.map((r) => [r.id, r.value, r.notApplicable]).sort((a, b) => Number(a[0]) - Number(b[0]));
		expect(values(after)).toEqual(values(before));
		const events = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.import.revert'));
		expect(events).toHaveLength(1);
		const again = await revertImport(outcome.summary.eventId, actor, db);
		expect(again.ok).toBe(false);
	});

	it('refuses when a changed cell was edited since, and changes nothing', async () => {
		await openYear(2021);
		const matrix = table2021(bapendaGains);
		const outcome = await commitImport({ year: 2021, matrix, source: 'x', actor }, db);
		if (!outcome.ok) throw new Error('import failed');
		const [bapenda] = await db.select().from(opds).where(eq(opds.slug, 'badan-pendapatan-daerah'));
		const [cell] = await db
			.select()
			.from(assessments)
			.where(and(eq(assessments.opdId, bapenda!.id), eq(assessments.version, 2)));
		await db.update(assessments).set({ value: 0, version: 3 }).where(eq(assessments.id, cell!.id));
		const before = await snapshotTables(db);
		const reverted = await revertImport(outcome.summary.eventId, actor, db);
		expect(reverted.ok).toBe(false);
		if (!reverted.ok) expect(reverted.message).toMatch(/sudah diubah sejak impor/);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('removes a year the import created, with the OPDs only it used', async () => {
		const before = await snapshotTables(db, ['audit_events', 'sqlite_sequence']);
		const matrix = table2021((t) =>
			t.replace('32\tBadan Pendapatan Daerah Kota Serang', '32\tKelurahan Cipare Kota Serang')
		);
		const outcome = await commitImport({ year: 2022, matrix, source: 'x', actor }, db);
		if (!outcome.ok) throw new Error('import failed');
		const reverted = await revertImport(outcome.summary.eventId, actor, db);
		expect(reverted).toEqual({ ok: true, restored: 32 * 13 });
		const after = await snapshotTables(db, ['audit_events', 'sqlite_sequence']);
		expect(after).toEqual(before);
	});
});
