import { isActionFailure } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { SessionUser } from '../../src/lib/server/auth/types';
import { useDb, type DB } from '../../src/lib/server/db';
import { assessments, opds, periods } from '../../src/lib/server/db/schema';
import { readImportFile } from '../../src/lib/server/import/file';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { indicatorRows, roster } from '../../src/lib/server/periods/periods';
import { moveStage } from '../../src/lib/server/workflow/stages/moves';
import { saveSchedule } from '../../src/lib/server/workflow/stages/schedule';
import { snapshotTables } from './helpers/snapshot';
import { createDraft2022Db, makeTwoStages, sessionUser } from './helpers/workflow';
import { endRequest, request as newRequest } from './helpers/request';

/**
 * Issue 12 (3): an import obeys the rules a cell save obeys (period status, running stage, the
 * stage's evaluators, OPDs stopped at an earlier stage), and what it creates (a period, OPDs) is
 * the admin's. Driven through the /impor actions with real users on a real database.
 */

vi.mock('$app/server', () => import('./helpers/request'));

const page = await import('../../src/routes/impor/+page.server');

const post = (user: SessionUser, fields: Record<string, string | File>) =>
	newRequest('/impor', { user, form: fields });

interface Preview {
	token: string;
	digest: string;
	errors: { line: number; message: string }[];
	counts: { errors: number; refused: number; changes: number };
	changes: { line: number; label: string; refused: string | null }[];
}

let db: DB;
let cleanup: () => Promise<void>;
let periodId: number;
let evaluator: SessionUser;
let admin: SessionUser;
const mover = { actor: SYSTEM_ACTORS.cli, role: 'admin' as const };

beforeEach(async () => {
	({ db, cleanup, periodId } = await createDraft2022Db());
	useDb(db);
	evaluator = await sessionUser(db, 'demo-evaluator');
	admin = await sessionUser(db, 'demo-admin');
});
afterEach(async () => {
	endRequest();
	await cleanup();
});

/** A CSV of 2022's roster and indicators, empty (kept) but for `marks`: [row, column, text]. */
async function table(marks: [number, number, string][], extraRows: string[] = []) {
	const [entries, rows] = await Promise.all([roster(periodId, db), indicatorRows(periodId, db)]);
	const lines = [['No', 'OPD', ...rows.map((r) => r.label)].join(';')];
	entries.forEach((e, r) => {
		const cells = rows.map((_, c) => marks.find(([mr, mc]) => mr === r && mc === c)?.[2] ?? '');
		lines.push([r + 1, e.displayName, ...cells].join(';'));
	});
	extraRows.forEach((name, i) =>
		lines.push([entries.length + i + 1, name, ...rows.map(() => '√')].join(';'))
	);
	return lines.join('\n') + '\n';
}

const file = (text: string) => new File([text], 'impor.csv', { type: 'text/csv' });

async function preview(user: SessionUser, year: number, text: string): Promise<Preview> {
	const result = (await page.actions.preview!(
		post(user, { year: String(year), file: file(text) }) as never
	)) as { preview?: Preview };
	if (!result?.preview) throw new Error(`no preview: ${JSON.stringify(result)}`);
	return result.preview;
}

/** Confirms a preview as `user`; the action result (committed, or a failure with a message). */
async function commit(user: SessionUser, shown: Preview) {
	return page.actions.commit!(post(user, { token: shown.token, digest: shown.digest }) as never);
}

/** Previews then confirms; expects a refusal that writes nothing, and returns the preview. */
async function refused(user: SessionUser, year: number, text: string) {
	const shown = await preview(user, year, text);
	const before = await snapshotTables(db);
	const result = await commit(user, shown);
	expect(isActionFailure(result), JSON.stringify(result)).toBe(true);
	expect(await snapshotTables(db)).toEqual(before);
	return shown;
}

async function committed(user: SessionUser, year: number, text: string) {
	const shown = await preview(user, year, text);
	expect(shown.errors).toEqual([]);
	const result = (await commit(user, shown)) as { committed?: { cellsChanged: number } };
	expect(result.committed, JSON.stringify(result)).toBeTruthy();
	return result.committed!;
}

const messages = (p: Preview) => p.errors.map((e) => e.message);

async function cellCount() {
	return (await db.select().from(assessments).where(eq(assessments.periodId, periodId))).length;
}

describe('a draft period', () => {
	it("is refused to an evaluator, preview and commit, and nothing changes; it is the admin's", async () => {
		const text = await table([[0, 0, '√']]);
		const shown = await refused(evaluator, 2022, text);
		expect(messages(shown)).toEqual([
			'Periode 2022 masih draf: nilai dapat diimpor setelah periode dibuka. Hanya admin yang dapat mengimpor ke periode draf.'
		]);
		expect(await cellCount()).toBe(0);
		// The admin sets a draft up (as the CLI does after creating a year).
		expect((await committed(admin, 2022, text)).cellsChanged).toBe(1);
	});
});

describe('a staged period under evaluation', () => {
	let web: number[];
	let visit: number[];
	beforeEach(async () => {
		({ web, visit } = await makeTwoStages(db, periodId));
		await transition(periodId, 'open', mover, '', db);
		await transition(periodId, 'evaluation', mover, '', db);
	});
	const col = (id: number, ids: number[]) => ids.indexOf(id);

	it('refuses cells of a stage that has not started, naming the stage, columns and count', async () => {
		await moveStage(periodId, 'web', 'start', SYSTEM_ACTORS.cli, db);
		const all = [...web, ...visit];
		const v0 = col(visit[0]!, all);
		const v1 = col(visit[1]!, all);
		const text = await table([
			[0, col(web[0]!, all), '√'],
			[0, v0, '√'],
			[1, v0, '√'],
			[2, v1, 'tidak']
		]);
		const labels = (await indicatorRows(periodId, db)).map((r) => r.label);
		for (const user of [evaluator, admin]) {
			const shown = await refused(user, 2022, text);
			expect(messages(shown)).toEqual([
				`Tahap "Visitasi" belum dimulai: 3 sel tidak akan ditulis (kolom "${labels[v0]}", "${labels[v1]}"). ` +
					'Hanya tahap yang sedang berjalan yang dapat diisi; hapus kolom itu dari berkas atau kembalikan nilainya.'
			]);
			expect(shown.counts.refused).toBe(3);
			expect(shown.changes.filter((c) => c.refused).map((c) => c.label)).toEqual([
				labels[v0],
				labels[v0],
				labels[v1]
			]);
			expect(shown.changes.find((c) => !c.refused)?.label).toBe(labels[col(web[0]!, all)]);
		}
		expect(await cellCount()).toBe(0);
		// Only the running stage's cell: written.
		const ok = await table([[0, col(web[0]!, all), '√']]);
		expect((await committed(evaluator, 2022, ok)).cellsChanged).toBe(1);
	});

	it('refuses every cell while no stage runs, also to the CLI', async () => {
		const text = await table([[0, 0, '√']]);
		const shown = await refused(evaluator, 2022, text);
		expect(messages(shown)[0]).toMatch(/^Tahap "Monitoring website" belum dimulai: 1 sel/);
		const { matrix } = (await readImportFile({
			name: 'x.csv',
			bytes: new TextEncoder().encode(text)
		})) as Extract<Awaited<ReturnType<typeof readImportFile>>, { ok: true }>;
		const before = await snapshotTables(db);
		const cli = await importMatrix(
			{ year: 2022, matrix, source: 'x.csv', actor: SYSTEM_ACTORS.cli },
			db
		);
		expect(cli.ok).toBe(false);
		if (!cli.ok) expect(cli.errors[0]!.message).toMatch(/Monitoring website" belum dimulai/);
		expect(await snapshotTables(db)).toEqual(before);
	});

	it('refuses an evaluator not assigned to the running stage; the assigned admin may', async () => {
		await saveSchedule(
			periodId,
			'web',
			{ startsAt: null, endsAt: null, appealEndsAt: null, evaluatorIds: [admin.id] },
			SYSTEM_ACTORS.cli,
			db
		);
		await moveStage(periodId, 'web', 'start', SYSTEM_ACTORS.cli, db);
		const text = await table([
			[0, 0, '√'],
			[1, 1, '√']
		]);
		const shown = await refused(evaluator, 2022, text);
		expect(messages(shown)).toEqual([
			expect.stringMatching(
				/^Anda tidak ditugaskan sebagai penilai tahap "Monitoring website": 2 sel tidak akan ditulis/
			)
		]);
		expect(await cellCount()).toBe(0);
		expect((await committed(admin, 2022, text)).cellsChanged).toBe(2);
	});

	it('refuses cells of an OPD that stopped at an earlier stage, naming its row', async () => {
		const [first, second] = await roster(periodId, db);
		// The first OPD meets every web indicator, the second none: it stops at the web stage.
		await db.insert(assessments).values(
			web.flatMap((indicatorId) => [
				{ periodId, opdId: first!.opdId, indicatorId, value: 1 },
				{ periodId, opdId: second!.opdId, indicatorId, value: 0 }
			])
		);
		for (const action of ['start', 'announce', 'close'] as const)
			await moveStage(periodId, 'web', action, SYSTEM_ACTORS.cli, db);
		await moveStage(periodId, 'visit', 'start', SYSTEM_ACTORS.cli, db);
		const c = web.length; // the first visit column
		const shown = await refused(
			evaluator,
			2022,
			await table([
				[0, c, '√'],
				[1, c, '√'],
				[1, c + 1, '√']
			])
		);
		expect(shown.errors).toEqual([
			{
				line: 3,
				column: null,
				columnLabel: null,
				message:
					`Baris 3: "${second!.displayName}": Tidak lanjut ke tahap berikutnya: nilai tahap ` +
					'"Monitoring website" 0,00 di bawah batas minimum 50,00. 2 sel tidak akan ditulis.'
			}
		]);
		const visitCells = await db
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, periodId), eq(assessments.indicatorId, visit[0]!)));
		expect(visitCells).toEqual([]);
		expect((await committed(evaluator, 2022, await table([[0, c, '√']]))).cellsChanged).toBe(1);
	});
});

describe('what an import creates', () => {
	it("a new year's period is the admin's", async () => {
		const text = await table([[0, 0, '√']]);
		const shown = await refused(evaluator, 2023, text);
		expect(messages(shown)).toEqual([
			'Periode 2023 belum ada. Membuat periode baru hanya dapat dilakukan admin: minta admin membuat periode 2023 (atau mengimpor berkas ini), lalu impor lagi.'
		]);
		expect(await db.select().from(periods).where(eq(periods.year, 2023))).toEqual([]);
		await committed(admin, 2023, text);
		expect(await db.select().from(periods).where(eq(periods.year, 2023))).toHaveLength(1);
	});

	it("an OPD not on the list is the admin's to create", async () => {
		const text = await table([], ['Kelurahan Cipare Kota Serang']);
		const shown = await refused(evaluator, 2023, text);
		const line = (await roster(periodId, db)).length + 2;
		expect(shown.errors).toContainEqual({
			line,
			column: 2,
			columnLabel: 'NAMA OPD',
			message:
				`Baris ${line}, kolom 2 (NAMA OPD): OPD "Kelurahan Cipare Kota Serang" belum terdaftar. ` +
				'Membuat OPD baru hanya dapat dilakukan admin: pilih OPD yang dimaksud, perbaiki namanya, ' +
				'atau minta admin menambahkan OPD itu.'
		});
		expect(await db.select().from(opds).where(eq(opds.slug, 'kelurahan-cipare'))).toEqual([]);
		await committed(admin, 2023, text);
		expect(await db.select().from(opds).where(eq(opds.slug, 'kelurahan-cipare'))).toHaveLength(1);
	});
});

describe('the CLI (a system actor, with the admin rights)', () => {
	it.each(['final', 'published'] as const)('is still refused a %s period', async (status) => {
		await db.update(periods).set({ status }).where(eq(periods.id, periodId));
		const parsed = await readImportFile({
			name: 'x.csv',
			bytes: new TextEncoder().encode(await table([[0, 0, '√']]))
		});
		if (!parsed.ok) throw new Error('unreadable');
		const before = await snapshotTables(db);
		const outcome = await importMatrix(
			{ year: 2022, matrix: parsed.matrix, source: 'x.csv', actor: SYSTEM_ACTORS.cli },
			db
		);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.errors[0]!.message).toMatch(/terkunci/);
		expect(await snapshotTables(db)).toEqual(before);
	});
});

describe('a double-scored period', () => {
	it("refuses every written cell, to the admin and the CLI: the raters' values fill it", async () => {
		await transition(periodId, 'open', mover, '', db);
		await transition(periodId, 'evaluation', mover, '', db);
		await db.update(periods).set({ doubleScored: true }).where(eq(periods.id, periodId));
		const text = await table([
			[0, 0, '√'],
			[1, 1, '√']
		]);
		const shown = await refused(admin, 2022, text);
		expect(messages(shown)).toEqual([
			expect.stringMatching(
				/^Periode 2022 dinilai dua penilai: nilai diisi masing-masing penilai, bukan lewat impor \(2 sel tidak akan ditulis\)/
			)
		]);
		expect(shown.changes.map((c) => c.refused)).toEqual([
			'periode dinilai dua penilai',
			'periode dinilai dua penilai'
		]);
		const parsed = await readImportFile({ name: 'x.csv', bytes: new TextEncoder().encode(text) });
		if (!parsed.ok) throw new Error('unreadable');
		const before = await snapshotTables(db);
		const cli = await importMatrix(
			{ year: 2022, matrix: parsed.matrix, source: 'x.csv', actor: SYSTEM_ACTORS.cli },
			db
		);
		expect(cli.ok).toBe(false);
		if (!cli.ok) expect(cli.errors[0]!.message).toMatch(/dinilai dua penilai/);
		expect(await snapshotTables(db)).toEqual(before);
		expect(await cellCount()).toBe(0);
	});
});
