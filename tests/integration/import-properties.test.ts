import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReportTable, type ParsedCell, type ParsedMatrix } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { periods } from '../../src/lib/server/db/schema';
import { exportFile } from '../../src/lib/server/results/export';
import { readImportFile } from '../../src/lib/server/import/file';
import { commitImport } from '../../src/lib/server/import/matrix';
import { SEED_FILES } from './helpers/seed-reader';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';

const actor = SYSTEM_ACTORS.cli;
const text = fc
	.stringMatching(/^[A-Za-z0-9 ,;"'=+\-@&.()/]{1,20}$/)
	.map((s) => s.replace(/\s+/g, ' ').trim())
	.filter((s) => /[A-Za-z]/.test(s));
const cell = fc.constantFrom<ParsedCell>(
	{ value: 1, notApplicable: false },
	{ value: 0, notApplicable: false },
	{ value: null, notApplicable: true }
);
const matrix: fc.Arbitrary<ParsedMatrix> = fc
	.record({
		labels: fc.array(text, { minLength: 1, maxLength: 5 }),
		names: fc.array(text, { minLength: 1, maxLength: 8 })
	})
	.chain(({ labels, names }) =>
		fc.record({
			headers: fc.constant(labels.map((l, i) => `${l} K${i + 1}`)),
			rows: fc.tuple(
				...names.map((n, i) =>
					fc.array(cell, { minLength: labels.length, maxLength: labels.length }).map((cells) => ({
						number: i + 1,
						name: `${n} Unit${i + 1}`,
						line: i + 2,
						cells
					}))
				)
			)
		})
	);

// The report layout ("matriks") writes "tidak ada" as an empty cell, read back as a blank 0.
const shape = (m: ParsedMatrix) => ({
	headers: m.headers,
	rows: m.rows.map(({ number, name, cells }) => ({
		number,
		name,
		cells: cells.map(({ value, notApplicable }) => ({ value, notApplicable }))
	}))
});

describe('export → import round trip through the database (property)', () => {
	it('a matrix imported, exported as CSV and .xlsx, and read again, is the same matrix', async () => {
		await fc.assert(
			fc.asyncProperty(matrix, async (m) => {
				const { db, cleanup } = await createTestDb();
				try {
					const outcome = await commitImport({ year: 2030, matrix: m, source: 'p', actor }, db);
					if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
					for (const format of ['csv', 'xlsx'] as const) {
						const file = await exportFile(2030, 'matriks', format, db);
						const bytes =
							typeof file!.body === 'string' ? new TextEncoder().encode(file!.body) : file!.body;
						const back = await readImportFile({ name: `m.${format}`, bytes });
						if (!back.ok) throw new Error(back.errors.map((e) => e.message).join('\n'));
						expect(shape(back.matrix)).toEqual(shape(m));
					}
				} finally {
					await cleanup();
				}
			}),
			{ numRuns: 12 }
		);
	}, 120_000);
});

describe('a failed import changes nothing (property)', () => {
	let db: DB;
	let cleanup: () => Promise<void>;
	let year2021: ParsedMatrix;
	beforeAll(async () => {
		({ db, cleanup } = await createTestDb('demo'));
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
		const parsed = parseReportTable(readFileSync(SEED_FILES[2021], 'utf8'));
		if (!parsed.ok) throw new Error('seed unreadable');
		year2021 = parsed.matrix;
	});
	afterAll(async () => cleanup());

	/** Makes the database fail the import part-way, as a full disk or a crash would. */
	async function withFailure(trigger: string, run: () => Promise<unknown>) {
		await db.$client.execute(trigger);
		try {
			return await run().then(
				() => 'written',
				(e: unknown) => `${String(e)} ${String((e as { cause?: unknown }).cause)}`
			);
		} finally {
			await db.$client.execute('DROP TRIGGER IF EXISTS fail_import');
		}
	}

	it('a new year failing at any point of the write leaves every table as it was', async () => {
		const before = await snapshotTables(db);
		await fc.assert(
			fc.asyncProperty(matrix, fc.nat(), fc.boolean(), async (m, at, inCells) => {
				const cells = m.rows.length * m.headers.length;
				const trigger = inCells
					? `CREATE TRIGGER fail_import BEFORE INSERT ON assessments WHEN (SELECT count(*) FROM assessments WHERE period_id = NEW.period_id) >= ${at % cells} BEGIN SELECT RAISE(ABORT, 'disk full'); END`
					: `CREATE TRIGGER fail_import BEFORE INSERT ON period_opds WHEN NEW.display_number = ${(at % m.rows.length) + 1} BEGIN SELECT RAISE(ABORT, 'disk full'); END`;
				const result = await withFailure(trigger, () =>
					commitImport({ year: 2031, matrix: m, source: 'p', actor }, db)
				);
				expect(result).toMatch(/disk full/);
				expect(await snapshotTables(db)).toEqual(before);
			}),
			{ numRuns: 15 }
		);
	}, 120_000);

	it('an update of an open year failing at any changed cell leaves every table as it was', async () => {
		const before = await snapshotTables(db);
		const flips = fc.uniqueArray(fc.nat({ max: 32 * 13 - 1 }), { minLength: 1, maxLength: 40 });
		await fc.assert(
			fc.asyncProperty(flips, fc.nat(), async (cellsToFlip, at) => {
				const m: ParsedMatrix = structuredClone(year2021);
				for (const k of cellsToFlip) {
					const c = m.rows[Math.floor(k / 13)]!.cells[k % 13]!;
					c.value = c.value === 1 ? 0 : 1;
					c.notApplicable = false;
				}
				const failAt = (at % cellsToFlip.length) + 1;
				const trigger = `CREATE TRIGGER fail_import BEFORE UPDATE ON assessments WHEN (SELECT count(*) FROM assessments WHERE version > 1) >= ${failAt - 1} AND NEW.version > OLD.version BEGIN SELECT RAISE(ABORT, 'disk full'); END`;
				const result = await withFailure(trigger, () =>
					commitImport({ year: 2021, matrix: m, source: 'p', actor }, db)
				);
				expect(result).toMatch(/disk full/);
				expect(await snapshotTables(db)).toEqual(before);
			}),
			{ numRuns: 15 }
		);
	}, 120_000);
});
