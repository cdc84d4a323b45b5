import { and, eq, isNotNull, or } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { assessments, periods } from '../../src/lib/server/db/schema';
import { exportFile } from '../../src/lib/server/results/export';
import { readImportFile } from '../../src/lib/server/import/file';
import { confirm, previewUpload, replan } from '../../src/lib/server/import/flow';
import { commitImport, planImport } from '../../src/lib/server/import/matrix';
import { indicatorRows, roster } from '../../src/lib/server/periods/periods';
import { createDraft2022Db, sessionUser } from './helpers/workflow';

/**
 * Issue 11: a year in progress (31 cells assessed) exported as the app's template, edited in 7
 * cells and imported back must change exactly those 7 cells, not mark every unassessed cell
 * "tidak ada".
 */

const actor = SYSTEM_ACTORS.cli;
const YEAR = 2022;

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let opdIds: number[];
let indicatorIds: number[];
let cellCount: number;

/** The 31 assessed cells, by (row, column) of the template: 1, 0, n/a, and one self-assessment only. */
const ASSESSED: { r: number; c: number; value: number | null; na?: boolean; selfOnly?: boolean }[] =
	Array.from({ length: 31 }, (_, i) => {
		const r = Math.floor(i / 5);
		const c = (i * 3) % 13;
		if (i % 10 === 9) return { r, c, value: null, na: true };
		return { r, c, value: i % 3 === 0 ? 0 : 1 };
	});
// A cell with a row but no verified value (the OPD's self-assessment only): still unassessed.
const SELF_ONLY = { r: 20, c: 4 };

const at = (r: number, c: number) => ASSESSED.find((a) => a.r === r && a.c === c);

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());

	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.id, periodId));
	opdIds = (await roster(periodId, db)).map((e) => e.opdId);
	indicatorIds = (await indicatorRows(periodId, db)).map((i) => i.id);
	cellCount = opdIds.length * indicatorIds.length;
	const now = new Date();
	await db.insert(assessments).values([
		...ASSESSED.map((a) => ({
			periodId,
			opdId: opdIds[a.r]!,
			indicatorId: indicatorIds[a.c]!,
			value: a.value,
			notApplicable: a.na ?? false,
			assessedAt: now
		})),
		{
			periodId,
			opdId: opdIds[SELF_ONLY.r]!,
			indicatorId: indicatorIds[SELF_ONLY.c]!,
			value: null,
			selfValue: 1,
			selfAt: now
		}
	]);
});
afterEach(async () => cleanup());

async function exported(format: 'csv' | 'xlsx' = 'csv') {
	const file = await exportFile(YEAR, 'templat', format, db);
	const bytes = typeof file!.body === 'string' ? new TextEncoder().encode(file!.body) : file!.body;
	return { name: file!.filename, bytes };
}

async function matrixOf(file: { name: string; bytes: Uint8Array }) {
	const parsed = await readImportFile(file);
	if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
	return parsed.matrix;
}

/** The exported CSV with some cells rewritten: [row, column, text] by template position. */
async function edited(edits: [number, number, string][]) {
	const text = new TextDecoder().decode((await exported()).bytes).replace(/^\ufeff/, '');
	const rows = Papa.parse<string[]>(text.trim(), { delimiter: ',' }).data;
	for (const [r, c, mark] of edits) rows[r + 1]![c + 2] = mark;
	return { name: 'templat-diedit.csv', bytes: new TextEncoder().encode(Papa.unparse(rows)) };
}

async function assessedCount() {
	const rows = await db
		.select({ id: assessments.id })
		.from(assessments)
		.where(
			and(
				eq(assessments.periodId, periodId),
				or(isNotNull(assessments.value), eq(assessments.notApplicable, true))
			)
		);
	return rows.length;
}

// 7 edits: two unassessed → √, one assessed 0 → √, two assessed 1 → "tidak", one unassessed →
// "n/a", one assessed 1 → "belum dinilai".
const unassessed = (r: number, c: number) => !at(r, c) && !(r === SELF_ONLY.r && c === SELF_ONLY.c);
const pick = (ok: (a: (typeof ASSESSED)[number]) => boolean, n: number) =>
	ASSESSED.filter((a) => !a.na && ok(a)).slice(0, n);
function sevenEdits(): [number, number, string][] {
	const present = pick((a) => a.value === 1, 3);
	const absent = pick((a) => a.value === 0, 1);
	return [
		[30, 0, '√'],
		[31, 12, '√'],
		[absent[0]!.r, absent[0]!.c, '√'],
		[present[0]!.r, present[0]!.c, 'tidak'],
		[present[1]!.r, present[1]!.c, 'tidak'],
		[29, 5, 'n/a'],
		[present[2]!.r, present[2]!.c, 'belum dinilai']
	];
}

describe("the app's template round-trips into a year in progress", () => {
	it('sets up 31 assessed cells out of the whole table', async () => {
		expect(await assessedCount()).toBe(31);
		expect(cellCount).toBeGreaterThan(400);
		for (const [r, c] of [
			[30, 0],
			[31, 12],
			[29, 5]
		] as const)
			expect(unassessed(r, c)).toBe(true);
	});

	it.each(['csv', 'xlsx'] as const)(
		'an unchanged %s export imported back changes nothing',
		async (format) => {
			const matrix = await matrixOf(await exported(format));
			const plan = await planImport({ year: YEAR, matrix, source: 'templat' }, db);
			expect(plan.errors).toEqual([]);
			expect(plan.empty).toBe('keep');
			expect(plan.changes).toEqual([]);
			expect(plan.counts).toEqual({
				total: 0,
				toPresent: 0,
				toAbsent: 0,
				toNotApplicable: 0,
				toUnassessed: 0
			});
			// Every unassessed cell is empty in the file; "tidak ada" would mark them all absent.
			expect(plan.blanks).toEqual({ cells: cellCount - 31, wouldMarkAbsent: cellCount - 31 });
			const outcome = await commitImport({ year: YEAR, matrix, source: 'templat', actor }, db);
			expect(outcome.ok && outcome.summary.cellsChanged).toBe(0);
			expect(await assessedCount()).toBe(31);
		}
	);

	it('7 edited cells are exactly 7 changes, counted by kind, and only they are written', async () => {
		const matrix = await matrixOf(await edited(sevenEdits()));
		const plan = await planImport({ year: YEAR, matrix, source: 'diedit' }, db);
		expect(plan.errors).toEqual([]);
		expect(plan.counts).toEqual({
			total: 7,
			toPresent: 3,
			toAbsent: 2,
			toNotApplicable: 1,
			toUnassessed: 1
		});
		expect(plan.changes).toHaveLength(7);
		const outcome = await commitImport({ year: YEAR, matrix, source: 'diedit', actor }, db);
		expect(outcome.ok && outcome.summary.cellsChanged).toBe(7);
		// 31 assessed, +2 √ +1 n/a on unassessed cells, −1 cleared.
		expect(await assessedCount()).toBe(33);
		// The same file again: nothing left to change.
		const again = await planImport({ year: YEAR, matrix, source: 'diedit' }, db);
		expect(again.counts.total).toBe(0);
	});

	it('the report-table convention (empty = tidak ada) is a choice, with its count', async () => {
		const matrix = await matrixOf(await edited(sevenEdits()));
		const plan = await planImport({ year: YEAR, matrix, source: 'x', empty: 'absent' }, db);
		// The 7 edits (3 of them to unassessed cells, none blank) plus every other empty cell.
		const blanks = cellCount - 31 - 3;
		expect(plan.blanks).toEqual({ cells: blanks, wouldMarkAbsent: blanks });
		expect(plan.counts).toEqual({
			total: 7 + blanks,
			toPresent: 3,
			toAbsent: 2 + blanks,
			toNotApplicable: 1,
			toUnassessed: 1
		});
	});

	it('the web flow: keep by default, absent on request, which needs a tick before it is written', async () => {
		const user = await sessionUser(db, 'demo-evaluator');
		const shown = await previewUpload(
			{ userId: user.id, year: YEAR, file: await edited(sevenEdits()), source: 'web.csv' },
			db
		);
		if (!shown.ok) throw new Error('no preview');
		expect(shown.preview.kinds.total).toBe(7);
		expect(shown.preview.periodStatus).toBe('Evaluasi');
		expect(shown.preview.changes.map((c) => c.before)).not.toContain('(kosong)');

		const matches = new Map<number, string>();
		const absent = await replan(shown.preview.token, user.id, { matches, empty: 'absent' }, db);
		if (absent.kind !== 'preview') throw new Error(absent.kind);
		expect(absent.preview.empty).toBe('absent');
		expect(absent.preview.kinds.toAbsent).toBe(2 + cellCount - 34);
		expect(absent.preview.needsAbsentAck).toBe(true);

		const commit = (ackAbsent: boolean, empty: 'keep' | 'absent') =>
			confirm(
				{
					token: shown.preview.token,
					userId: user.id,
					digest: absent.preview.digest,
					chosen: { matches, empty, ackAbsent },
					actor: { userId: user.id, name: user.username }
				},
				db
			);
		const unticked = await commit(false, 'absent');
		expect(unticked.kind === 'preview' && unticked.message).toMatch(/Centang/);
		expect(await assessedCount()).toBe(31);

		// Back to "biarkan": the preview is shown again, then the 7 cells go in without a tick.
		const back = await commit(false, 'keep');
		if (back.kind !== 'preview') throw new Error(back.kind);
		expect(back.preview.kinds.total).toBe(7);
		const done = await confirm(
			{
				token: shown.preview.token,
				userId: user.id,
				digest: back.preview.digest,
				chosen: { matches, empty: 'keep', ackAbsent: false },
				actor: { userId: user.id, name: user.username }
			},
			db
		);
		expect(done.kind === 'committed' && done.summary.cellsChanged).toBe(7);
	});

	it('an annual-report table still reads empty as tidak ada by default', async () => {
		const header = ['NO', 'NAMA OPD', 'JENIS DATA'].join('\t');
		const rosterRows = await roster(periodId, db);
		const labels = (await indicatorRows(periodId, db)).map((i) => i.label);
		const text = [
			header,
			['', '', ...labels].join('\t'),
			['1', rosterRows[0]!.displayName, '√', ...labels.slice(1).map(() => '')].join('\t')
		].join('\n');
		const matrix = await matrixOf({ name: 'laporan.txt', bytes: new TextEncoder().encode(text) });
		expect(matrix.layout).toBe('report');
		const plan = await planImport({ year: YEAR, matrix, source: 'laporan' }, db);
		expect(plan.errors).toEqual([]);
		expect(plan.empty).toBe('absent');
		expect(plan.counts.toAbsent).toBeGreaterThan(0);
		const kept = await planImport({ year: YEAR, matrix, source: 'laporan', empty: 'keep' }, db);
		expect(kept.counts.toAbsent).toBe(0);
	});
});
