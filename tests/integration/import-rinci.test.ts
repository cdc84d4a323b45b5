import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { assessments, indicators, opds, periods } from '../../src/lib/server/db/schema';
import { readImportFile } from '../../src/lib/server/import/file';
import { confirm, previewUpload } from '../../src/lib/server/import/flow';
import { planImport } from '../../src/lib/server/import/matrix';
import { revertImport } from '../../src/lib/server/import/revert';
import { exportFile } from '../../src/lib/server/results/export';
import { moveStage } from '../../src/lib/server/workflow/stages/moves';
import { runMonev } from './helpers/cli';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';
import { makeTwoStages, sessionUser } from './helpers/workflow';

/**
 * Issue 13 §4: the long (`rinci`) export imports back, evidence links and notes included. 2021
 * (seeded, published) is reopened in this test's own database and given evidence; its export
 * imports back as 0 changes (CSV and XLSX), 3 edited rows are exactly 3 changes written through
 * the web import's own functions and undone, and a malformed file changes nothing.
 */

const YEAR = 2021;

let db: DB;
let url: string;
let cleanup: () => Promise<void>;
let periodId: number;

/** Evidence given to the first cells of 2021: links, a note with quote/comma/line break, "-", a formula. */
const EVIDENCE: { evidenceUrl: string | null; note: string | null }[] = [
	{
		evidenceUrl: 'https://serangkota.go.id/dip/renja',
		note: 'Sudah diverifikasi, lihat "lampiran"\nhalaman 2'
	},
	{ evidenceUrl: 'https://a.go.id/1\nhttps://a.go.id/2', note: '=HYPERLINK("http://x")' },
	{ evidenceUrl: null, note: '-' },
	{ evidenceUrl: 'http://dinkes.serangkota.go.id/', note: null }
];

async function cells() {
	return db
		.select({
			id: assessments.id,
			opd: opds.slug,
			indicator: indicators.key,
			value: assessments.value,
			notApplicable: assessments.notApplicable,
			evidenceUrl: assessments.evidenceUrl,
			note: assessments.note
		})
		.from(assessments)
		.innerJoin(opds, eq(opds.id, assessments.opdId))
		.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
		.where(eq(assessments.periodId, periodId))
		.orderBy(asc(assessments.id));
}

beforeEach(async () => {
	({ db, url, cleanup } = await createTestDb('demo'));
	const [period] = await db.select().from(periods).where(eq(periods.year, YEAR));
	periodId = period!.id;
	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.id, periodId));
	const first = await cells();
	for (const [i, evidence] of EVIDENCE.entries())
		await db.update(assessments).set(evidence).where(eq(assessments.id, first[i]!.id));
});
afterEach(async () => cleanup());

async function exported(format: 'csv' | 'xlsx') {
	const file = await exportFile(YEAR, 'rinci', format, db);
	const bytes = typeof file!.body === 'string' ? new TextEncoder().encode(file!.body) : file!.body;
	return { name: file!.filename, bytes };
}

/** The exported CSV's rows (header first), as a spreadsheet user would edit them. */
async function exportedRows() {
	const text = new TextDecoder().decode((await exported('csv')).bytes).replace(/^\ufeff/, '');
	return Papa.parse<string[]>(text.trim(), { delimiter: ',' }).data;
}

/** The line a row starts on: a quoted cell with line breaks (a note) spans several lines. */
const lineOf = (rows: string[][], index: number) =>
	1 + rows.slice(0, index).reduce((n, r) => n + 1 + r.join('').split('\n').length - 1, 0);

const csvFile = (name: string, rows: string[][]) => ({
	name,
	bytes: new TextEncoder().encode(Papa.unparse(rows))
});

// Columns of the export (LONG_COLUMNS): OPD slug, indicator key, value, link, note.
const COL = { code: 2, key: 4, value: 5, url: 7, note: 8 };

/** The three edits: one value (1 → 0), one link, one note; by the cells they touch. */
async function threeEdits() {
	const rows = await exportedRows();
	const all = await cells();
	const rowOf = (c: { opd: string; indicator: string }) =>
		rows.findIndex((r) => r[COL.code] === c.opd && r[COL.key] === c.indicator);
	const valued = all.find((c, i) => i >= EVIDENCE.length && c.value === 1 && !c.notApplicable)!;
	const [noted, , , linked] = all;
	rows[rowOf(valued)]![COL.value] = '0';
	rows[rowOf(linked!)]![COL.url] = 'https://dinkes.serangkota.go.id/dip';
	rows[rowOf(noted!)]![COL.note] = 'Diperbarui dari lembar kerja';
	return {
		file: csvFile('rinci-diedit.csv', rows),
		valued,
		linked: linked!,
		noted: noted!,
		lines: [rowOf(valued), rowOf(linked!), rowOf(noted!)]
			.map((i) => lineOf(rows, i))
			.sort((a, b) => a - b)
	};
}

async function matrixOf(file: { name: string; bytes: Uint8Array }) {
	const parsed = await readImportFile(file);
	if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
	return parsed.matrix;
}

describe('the long (rinci) export imports back', () => {
	it.each(['csv', 'xlsx'] as const)(
		'an unchanged %s export of a year with evidence is 0 changes',
		async (format) => {
			const matrix = await matrixOf(await exported(format));
			expect(matrix.layout).toBe('long');
			const plan = await planImport({ year: YEAR, matrix, source: 'rinci' }, db);
			expect(plan.errors).toEqual([]);
			expect(plan.changes).toEqual([]);
			expect(plan.evidenceChanges).toBe(0);
			expect(plan.cellsTotal).toBe((await cells()).length);
		}
	);

	it('3 edited rows (value, link, note) are exactly 3 changes through the web import, and undo restores them', async () => {
		const before = await cells();
		const edits = await threeEdits();
		const user = await sessionUser(db, 'demo-evaluator');
		const shown = await previewUpload(
			{ userId: user.id, year: YEAR, file: edits.file, source: 'rinci-diedit.csv' },
			db
		);
		if (!shown.ok) throw new Error(shown.errors.map((e) => e.message).join('\n'));
		const p = shown.preview;
		expect(p.errors).toEqual([]);
		expect(p.counts.changes).toBe(3);
		expect(p.counts.evidence).toBe(2);
		expect(p.kinds).toMatchObject({ total: 1, toAbsent: 1 });
		// Each change on the line of its own row, with the evidence it changes in words.
		expect(p.changes.map((c) => c.line).sort((a, b) => a - b)).toEqual(edits.lines);
		const evidence = p.changes.flatMap((c) => c.evidence);
		expect(evidence).toEqual(
			expect.arrayContaining([
				'tautan bukti: http://dinkes.serangkota.go.id/ → https://dinkes.serangkota.go.id/dip',
				'catatan: Sudah diverifikasi, lihat "lampiran" halaman 2 → Diperbarui dari lembar kerja'
			])
		);
		expect(evidence).toHaveLength(2);

		const done = await confirm(
			{
				token: p.token,
				userId: user.id,
				digest: p.digest,
				chosen: { matches: new Map() },
				actor: { userId: user.id, name: user.username }
			},
			db
		);
		if (done.kind !== 'committed') throw new Error(JSON.stringify(done));
		expect(done.summary.cellsChanged).toBe(3);

		const after = await cells();
		const changed = after.filter((c, i) => JSON.stringify(c) !== JSON.stringify(before[i]));
		expect(changed.map((c) => c.id).sort()).toEqual(
			[edits.valued.id, edits.linked.id, edits.noted.id].sort()
		);
		const byId = new Map(after.map((c) => [c.id, c]));
		expect(byId.get(edits.valued.id)).toMatchObject({ value: 0, evidenceUrl: null });
		expect(byId.get(edits.linked.id)).toMatchObject({
			evidenceUrl: 'https://dinkes.serangkota.go.id/dip',
			note: null
		});
		expect(byId.get(edits.noted.id)).toMatchObject({
			evidenceUrl: EVIDENCE[0]!.evidenceUrl,
			note: 'Diperbarui dari lembar kerja'
		});
		// The same file again: nothing left to change.
		const again = await planImport(
			{ year: YEAR, matrix: await matrixOf(edits.file), source: 'x' },
			db
		);
		expect(again.changes).toEqual([]);

		const undone = await revertImport(done.summary.eventId, SYSTEM_ACTORS.cli, db);
		expect(undone).toEqual({ ok: true, restored: 3 });
		expect(await cells()).toEqual(before);
	});

	it('a malformed file gives row-numbered errors and changes nothing', async () => {
		const user = await sessionUser(db, 'demo-evaluator');
		const start = await snapshotTables(db);
		const rows = await exportedRows();
		const bad = rows.map((r) => [...r]);
		bad[3]![COL.url] = 'javascript:alert(1)';
		bad.splice(6, 0, [...bad[5]!]); // row 6 repeated as row 7
		const parsed = await previewUpload(
			{ userId: user.id, year: YEAR, file: csvFile('rusak.csv', bad), source: 'rusak.csv' },
			db
		);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.map((e) => [e.line, e.columnLabel])).toEqual([
			[lineOf(bad, 3), 'Tautan bukti'],
			[lineOf(bad, 6), 'Kode indikator']
		]);
		expect(parsed.errors[1]!.message).toContain(`sudah ada di baris ${lineOf(bad, 5)}`);

		// An unknown indicator is found by the plan, on the row that names it.
		const unknown = rows.map((r) => [...r]);
		unknown[9]![COL.key] = 'tidak-ada-indikator-ini';
		unknown[9]![COL.value] = '1';
		const shown = await previewUpload(
			{ userId: user.id, year: YEAR, file: csvFile('asing.csv', unknown), source: 'asing.csv' },
			db
		);
		if (!shown.ok) throw new Error('expected a preview');
		const line = lineOf(unknown, 9);
		expect(shown.preview.errors.map((e) => [e.line, e.column, e.columnLabel])).toEqual([
			[line, 5, 'Kode indikator']
		]);
		expect(shown.preview.errors[0]!.message).toMatch(
			new RegExp(
				`^Baris ${line}, kolom 5 \\(Kode indikator\\): Indikator "tidak-ada-indikator-ini" tidak cocok`
			)
		);
		const refused = await confirm(
			{
				token: shown.preview.token,
				userId: user.id,
				digest: shown.preview.digest,
				chosen: { matches: new Map() },
				actor: { userId: user.id, name: user.username }
			},
			db
		);
		expect(refused.kind).toBe('preview');
		expect(await snapshotTables(db)).toEqual(start);
	});

	it('an evidence-only change obeys the cell rules: refused in a stage that is not running', async () => {
		const { visit } = await makeTwoStages(db, periodId);
		await moveStage(periodId, 'web', 'start', SYSTEM_ACTORS.cli, db);
		const [visitKey] = await db
			.select({ key: indicators.key })
			.from(indicators)
			.where(and(eq(indicators.periodId, periodId), eq(indicators.id, visit[0]!)));
		const rows = await exportedRows();
		const at = rows.findIndex((r, i) => i > 0 && r[COL.key] === visitKey!.key);
		rows[at]![COL.note] = 'catatan baru';
		const plan = await planImport(
			{ year: YEAR, matrix: await matrixOf(csvFile('tahap.csv', rows)), source: 'tahap' },
			db
		);
		expect(plan.changes).toHaveLength(1);
		expect(plan.changes[0]).toMatchObject({ line: lineOf(rows, at), before: { value: 1 } });
		expect(plan.changes[0]!.refused).toMatch(/Visitasi/);
		expect(plan.errors.map((e) => e.message)).toEqual([expect.stringMatching(/Visitasi/)]);
	});

	it('a long file cannot create a year', async () => {
		const matrix = await matrixOf(await exported('csv'));
		const plan = await planImport({ year: 2030, matrix, source: 'rinci' }, db);
		expect(plan.errors.map((e) => e.message)).toEqual([
			expect.stringMatching(/^Berkas format rinci .* periode 2030 belum ada/)
		]);
	});

	it('the CLI imports it too: --dry-run --json counts the value and evidence changes', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'monev-rinci-'));
		try {
			const file = join(dir, 'rinci.csv');
			writeFileSync(file, (await threeEdits()).file.bytes);
			const run = runMonev(
				url,
				'import',
				'--year',
				String(YEAR),
				'--file',
				file,
				'--dry-run',
				'--json'
			);
			expect(run.status, run.stderr).toBe(0);
			const out = JSON.parse(run.stdout) as {
				changes: { total: number };
				evidenceChanges: number;
				errors: unknown[];
			};
			expect(out).toMatchObject({ changes: { total: 1 }, evidenceChanges: 2, errors: [] });
			expect(run.stderr).toMatch(/2 dengan tautan bukti\/catatan berubah/);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
