import { readFileSync } from 'node:fs';
import { isActionFailure, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParseResult } from '../../src/lib/import';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { readImportLimits } from '../../src/lib/server/config';
import { useDb, type DB } from '../../src/lib/server/db';
import { readImportFile } from '../../src/lib/server/import/file';
import {
	part,
	SHEET_HEAD,
	SHEET_TAIL,
	workbookParts,
	xlsxBomb,
	xlsxOfCells,
	xlsxOfRows,
	zipOf
} from './helpers/hostile-xlsx';
import { demoUsersByRole } from './helpers/auth';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { endRequest, request as newRequest } from './helpers/request';

/**
 * Hostile uploads: zip bombs (honest and lying headers), too many zip entries, sheets and text
 * beyond the row/column caps, and a parse that exhausts its thread. Each is refused with an
 * Indonesian error naming the cap, changes nothing, and the process carries on.
 */

vi.mock('$app/server', () => import('./helpers/request'));
const page = await import('../../src/routes/impor/+page.server');

const DEFAULTS = readImportLimits({});
const BIG = 'terlalu besar setelah dibuka: lebih dari 50 MB (batas MONEV_IMPORT_MAX_UNZIPPED_MB)';
const ROWS = 'lebih dari 100.000 baris (batas MONEV_IMPORT_MAX_ROWS)';
const COLUMNS = 'lebih dari 500 kolom (batas MONEV_IMPORT_MAX_COLUMNS)';
const DIED = 'melampaui batas memori atau waktu server';

const read = (bytes: Uint8Array, name = 'unggahan.xlsx', limits = DEFAULTS) =>
	readImportFile({ name, bytes }, limits);

function errorOf(result: ParseResult): string {
	if (result.ok) throw new Error('expected the file to be refused');
	expect(result.errors).toHaveLength(1);
	return result.errors[0]!.message;
}

/** Posts a file to the /impor preview action as the evaluator; returns the failure's errors. */
async function postPreview(bytes: Uint8Array, name: string) {
	const event = newRequest('/impor?/preview', {
		user: evaluator,
		form: { year: '2022', file: new File([bytes as Uint8Array<ArrayBuffer>], name) }
	});
	const result = await (page.actions.preview as (e: RequestEvent) => Promise<unknown>)(event);
	if (!isActionFailure(result))
		throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
	expect(result.status).toBe(400);
	return (result.data as unknown as { issues: { message: string }[] }).issues;
}

let db: DB;
let cleanup: () => Promise<void>;
let evaluator: SessionUser;
beforeAll(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	useDb(db);
	evaluator = (await demoUsersByRole(db)).evaluator!;
});
afterAll(async () => {
	endRequest();
	await cleanup();
});

describe('zip bombs are refused before they can fill memory', () => {
	it('a 1 GB sheet with an honest header: refused from the central directory, through /impor, nothing written', async () => {
		const bomb = xlsxBomb(1024);
		expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
		const before = await snapshotTables(db);
		const started = performance.now();
		const errors = await postPreview(bomb, 'bom.xlsx');
		expect(performance.now() - started).toBeLessThan(3000);
		expect(errors.map((e) => e.message)).toEqual([expect.stringContaining(BIG)]);
		expect(errors[0]!.message).toMatch(/^berkas \.xlsx /);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('a 4 GB sheet whose header says 1 KB (4 MB file, like the reported one): stopped while inflating', async () => {
		const bomb = xlsxBomb(4096, 1000);
		expect(bomb.length).toBeGreaterThan(4_000_000);
		const before = await snapshotTables(db);
		const heapBefore = process.memoryUsage().heapUsed;
		const errors = await postPreview(bomb, 'bom-bohong.xlsx');
		expect(errors.map((e) => e.message)).toEqual([expect.stringContaining(BIG)]);
		// Inflated in the parse thread, capped at 50 MB there: this process's heap never saw it.
		expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('the unzipped cap is counted over all the entries together, and follows the setting', async () => {
		// Three 20 MB entries: each under 50 MB, together over it, every header lying.
		const padding = (name: string) => {
			const p = part(name, Buffer.alloc(20 * 1024 * 1024, 0x20));
			return { ...p, declaredSize: 10 };
		};
		const zip = zipOf([
			...workbookParts(),
			padding('xl/a.xml'),
			padding('xl/b.xml'),
			padding('xl/c.xml')
		]);
		expect(errorOf(await read(zip))).toContain(BIG);
		const small = readImportLimits({ MONEV_IMPORT_MAX_UNZIPPED_MB: '1' });
		const message = errorOf(await read(xlsxBomb(16), 'kecil.xlsx', small));
		expect(message).toContain('lebih dari 1 MB (batas MONEV_IMPORT_MAX_UNZIPPED_MB)');
	});

	it('a header that lies within the cap marks the file as damaged', async () => {
		const sheet = part('xl/worksheets/sheet1.xml', SHEET_HEAD + SHEET_TAIL);
		const zip = zipOf([...workbookParts(), { ...sheet, declaredSize: sheet.size + 1 }]);
		expect(errorOf(await read(zip))).toMatch(/^berkas \.xlsx tidak dapat dibaca \(rusak/);
	});

	it('a zip with too many entries is refused before anything is inflated', async () => {
		const many = Array.from({ length: 2001 }, (_, i) => part(`xl/p${i}.xml`, '<x/>'));
		const message = errorOf(await read(zipOf([...workbookParts(), ...many])));
		expect(message).toMatch(/berisi 2\.005 bagian; buku kerja yang wajar tidak lebih dari 2\.000/);
	});
});

describe('rows and columns are capped, for .xlsx and text alike', () => {
	it('a sheet of 100,001 rows is refused; 100,000 is the cap, not an error', async () => {
		const rows = Array.from({ length: 100_001 }, (_, i) => [String(i)]);
		const postedErrors = await postPreview(xlsxOfRows(rows), 'baris.xlsx');
		expect(postedErrors.map((e) => e.message)).toEqual([expect.stringContaining(ROWS)]);
		const few = readImportLimits({ MONEV_IMPORT_MAX_ROWS: '3' });
		const header = ['No', 'Nama OPD', 'Kategori A'];
		const ok = await read(
			xlsxOfRows([header, ['1', 'Dinas X', '√'], ['2', 'Dinas Y', '']]),
			'pas.xlsx',
			few
		);
		expect(ok.ok).toBe(true);
		const over = await read(
			xlsxOfRows([header, ['1', 'Dinas X', '√'], ['2', 'Dinas Y', ''], ['3', 'Dinas Z', '']]),
			'lebih.xlsx',
			few
		);
		expect(errorOf(over)).toContain('lebih dari 3 baris (batas MONEV_IMPORT_MAX_ROWS)');
	});

	it('one cell far down or far right is caught by its address, before parsing', async () => {
		expect(
			errorOf(
				await read(
					xlsxOfCells([
						[1, 1, 'No'],
						[1_000_000, 1, 'x']
					])
				)
			)
		).toContain(ROWS);
		// Column 501 is "SG".
		expect(
			errorOf(
				await read(
					xlsxOfCells([
						[1, 1, 'No'],
						[2, 501, 'x']
					])
				)
			)
		).toContain(COLUMNS);
		const wide = await read(
			xlsxOfCells([
				[1, 1, 'No'],
				[1, 2, 'Nama OPD'],
				[2, 500, 'x']
			])
		);
		expect(wide.ok ? '' : errorOf(wide)).not.toContain('MONEV_IMPORT');
	});

	it('CSV and pasted text: rows by lines, columns by categories', async () => {
		const header = 'No,Nama OPD,Kategori A\n';
		const lines =
			header + Array.from({ length: 100_000 }, (_, i) => `${i},Dinas ${i},√`).join('\n');
		const postedErrors = await postPreview(new TextEncoder().encode(lines), 'baris.csv');
		expect(postedErrors.map((e) => e.message)).toEqual([expect.stringContaining(ROWS)]);
		const categories = Array.from({ length: 501 }, (_, i) => `Kategori ${i}`);
		const wide = `No,Nama OPD,${categories.join(',')}\n1,Dinas X,${categories.map(() => '√').join(',')}\n`;
		expect(errorOf(await read(new TextEncoder().encode(wide), 'lebar.csv'))).toContain(COLUMNS);
	});
});

describe('a parse that goes wrong ends its thread, never the process', () => {
	// With the caps raised, a sparse sheet (one cell at A1, one at XFD20000) makes the spreadsheet
	// parser build 20,000 rows of 16,384 cells: far more than a 64 MB heap (set for this test).
	const raised = readImportLimits({
		MONEV_IMPORT_MAX_ROWS: '10000000',
		MONEV_IMPORT_MAX_COLUMNS: '20000',
		MONEV_IMPORT_PARSE_HEAP_MB: '64'
	});
	const sparse = xlsxOfCells([
		[1, 1, 'No'],
		[20_000, 16_384, 'x']
	]);

	it('out of memory: the thread dies, the caller gets an error, the next upload works', async () => {
		const started = performance.now();
		const result = await readImportFile({ name: 'jarang.xlsx', bytes: sparse }, raised);
		expect(errorOf(result)).toContain(DIED);
		expect(performance.now() - started).toBeLessThan(15_000);
		const bytes = readFileSync('tests/fixtures/import/first-sheet-2022.xlsx');
		const next = await readImportFile({ name: 'first-sheet-2022.xlsx', bytes });
		expect(next.ok && next.matrix.rows.length).toBe(8);
	});

	it('too slow: the thread is stopped at the time limit', async () => {
		const result = await readImportFile(
			{ name: 'jarang.xlsx', bytes: sparse },
			{ ...raised, parseHeapMb: 512 },
			50
		);
		expect(errorOf(result)).toContain(DIED);
	});
});

describe('settings', () => {
	it('defaults fit a national roster; a bad value names its variable', () => {
		expect(DEFAULTS).toEqual({
			maxUnzippedBytes: 50 * 1024 * 1024,
			maxRows: 100_000,
			maxColumns: 500,
			parseHeapMb: 512
		});
		expect(() => readImportLimits({ MONEV_IMPORT_MAX_ROWS: 'banyak' })).toThrow(
			/MONEV_IMPORT_MAX_ROWS/
		);
		expect(() => readImportLimits({ MONEV_IMPORT_MAX_COLUMNS: '0' })).toThrow(
			/MONEV_IMPORT_MAX_COLUMNS/
		);
	});
});
