import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReportTable } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import {
	assessments,
	auditEvents,
	indicators,
	opds,
	periods
} from '../../src/lib/server/db/schema';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { SEED_FILES } from './helpers/seed-reader';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;

beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

function table2021(edit: (text: string) => string = (t) => t) {
	const parsed = parseReportTable(edit(readFileSync(SEED_FILES[2021], 'utf8')));
	if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
	return parsed.matrix;
}

async function counts() {
	const [[p], [a], [o], [e]] = await Promise.all([
		db.select({ n: count() }).from(periods),
		db.select({ n: count() }).from(assessments),
		db.select({ n: count() }).from(opds),
		db.select({ n: count() }).from(auditEvents)
	]);
	return { periods: p!.n, assessments: a!.n, opds: o!.n, audit: e!.n };
}

describe('importing a report table', () => {
	it("creates a new year with the earlier years' indicator keys and OPDs, as a draft", async () => {
		const matrix = table2021((t) => t.replace('Renja 2021', 'Renja 2022'));
		const outcome = await importMatrix(
			{ year: 2022, matrix, actor: SYSTEM_ACTORS.cli, source: 'uji.txt' },
			db
		);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.summary.createdPeriod).toBe(true);
		expect(outcome.summary.opdsCreated).toEqual([]);
		expect(outcome.summary.cellsWritten).toBe(32 * 13);
		const [period] = await db.select().from(periods).where(eq(periods.year, 2022));
		expect(period!.status).toBe('draft');
		const rows = await db
			.select({
				key: indicators.key,
				label: indicators.label,
				weight: indicators.weight,
				kind: indicators.kind
			})
			.from(indicators)
			.where(eq(indicators.periodId, period!.id));
		expect(rows).toContainEqual({ key: 'renja', label: 'Renja 2022', weight: 1, kind: 'check' });
		expect(rows.every((r) => r.kind === 'check' && r.weight === 1)).toBe(true);
	});

	it('creates OPDs it does not know yet', async () => {
		const matrix = table2021((t) =>
			t.replace('32\tBadan Pendapatan Daerah Kota Serang', '32\tKelurahan Cipare Kota Serang')
		);
		const outcome = await importMatrix(
			{ year: 2023, matrix, actor: SYSTEM_ACTORS.cli, source: 'x' },
			db
		);
		expect(outcome.ok && outcome.summary.opdsCreated).toEqual(['kelurahan-cipare']);
	});

	it('refuses a published (locked) year and changes nothing', async () => {
		const before = await counts();
		const outcome = await importMatrix(
			{ year: 2021, matrix: table2021(), actor: SYSTEM_ACTORS.cli, source: 'x' },
			db
		);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.errors[0]!.message).toMatch(/terkunci/);
		expect(await counts()).toEqual(before);
	});

	it('updates the changed cells of an open year, bumps versions and audits before → after', async () => {
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
		// Row 32 (Badan Pendapatan Daerah) gains "Struktur Organisasi".
		const matrix = table2021((t) =>
			t.replace(
				'32\tBadan Pendapatan Daerah Kota Serang\t',
				'32\tBadan Pendapatan Daerah Kota Serang\t√'
			)
		);
		const outcome = await importMatrix(
			{ year: 2021, matrix, actor: SYSTEM_ACTORS.cli, source: 'x' },
			db
		);
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.summary.cellsChanged).toBe(1);
		const changed = await db.select().from(assessments).where(eq(assessments.version, 2));
		expect(changed).toHaveLength(1);
		expect(changed[0]!.value).toBe(1);
		const [event] = await db
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.import'))
			.orderBy(auditEvents.id)
			.limit(1)
			.offset(2);
		expect(event!.actor).toBe('cli');
		expect((event!.after as { changes: unknown[] }).changes).toEqual([
			expect.objectContaining({
				before: { value: 0, notApplicable: false },
				after: { value: 1, notApplicable: false }
			})
		]);
	});

	it("rejects an OPD that is not in the year's roster, naming the line, and changes nothing", async () => {
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
		const before = await counts();
		const matrix = table2021((t) => t.replace('Dinas Sosial Kota Serang', 'Dinas Antah Berantah'));
		const outcome = await importMatrix(
			{ year: 2021, matrix, actor: SYSTEM_ACTORS.cli, source: 'x' },
			db
		);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.errors).toHaveLength(1);
		expect(outcome.errors[0]!.message).toMatch(/Dinas Antah Berantah/);
		const sosialLine =
			readFileSync(SEED_FILES[2021], 'utf8')
				.split('\n')
				.findIndex((l) => l.includes('Dinas Sosial')) + 1;
		expect(outcome.errors[0]!.line).toBe(sosialLine);
		expect(await counts()).toEqual(before);
	});
});
