import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReportTable, type ParsedMatrix } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { locationOf, type DB } from '../../src/lib/server/db';
import { assessments, opdAliases, opds, periods } from '../../src/lib/server/db/schema';
import { aliasesById } from '../../src/lib/server/opds/master';
import { commitImport, planImport } from '../../src/lib/server/import/matrix';
import { planFingerprint } from '../../src/lib/server/import/plan';
import type { DraftInput } from '../../src/lib/server/import/plan-jobs';
import { planInThread, warmImportThreads } from '../../src/lib/server/import/plan-thread';
import { readImportFile, spareThreads } from '../../src/lib/server/import/file';
import { readImportLimits } from '../../src/lib/server/config';
import { setCell } from '../../src/lib/server/workflow/assessments';
import { SEED_FILES } from './helpers/seed-reader';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
});
afterEach(async () => cleanup());

const actor = SYSTEM_ACTORS.cli;
/** The 2021 report table with Bapenda gaining a tick in its first indicator. */
function edited(): ParsedMatrix {
	const text = readFileSync(SEED_FILES[2021], 'utf8').replace(
		'32\tBadan Pendapatan Daerah Kota Serang\t',
		'32\tBadan Pendapatan Daerah Kota Serang\t√'
	);
	const parsed = parseReportTable(text);
	if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
	return parsed.matrix;
}
const matrixInput = () => ({ year: 2021, matrix: edited(), source: 'x' });
const text = () =>
	readFileSync(SEED_FILES[2021], 'utf8').replace(
		'32\tBadan Pendapatan Daerah Kota Serang\t',
		'32\tBadan Pendapatan Daerah Kota Serang\t√'
	);
const input = (): DraftInput => ({
	year: 2021,
	file: { name: 'x.txt', bytes: new TextEncoder().encode(text()) },
	source: 'x',
	overrides: {},
	actor: { userId: null }
});
const cellOf = async (opdId: number, indicatorId: number) => {
	const [cell] = await db
		.select({ value: assessments.value, version: assessments.version })
		.from(assessments)
		.where(and(eq(assessments.opdId, opdId), eq(assessments.indicatorId, indicatorId)));
	return cell ?? null;
};

const until = async (ok: () => boolean) => {
	for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
	expect(ok()).toBe(true);
};

describe('import steps in a worker thread', () => {
	it('runs parse, preview and commit on threads started ahead of need, and starts new ones', async () => {
		warmImportThreads();
		await until(() => spareThreads() === 2);
		const parsed = await readImportFile(input().file, readImportLimits());
		expect(parsed.ok).toBe(true);
		const inPlace = await planImport(matrixInput(), db);
		const shown = await planInThread({ kind: 'preview', input: input() }, db);
		expect(shown.kind === 'show' && shown.digest).toBe(inPlace.digest);
		// Each job took its spare; a new one is started after each.
		await until(() => spareThreads() === 2);
		const change = inPlace.changes[0]!;
		const step = await planInThread(
			{
				kind: 'confirm',
				input: input(),
				chosen: { matches: new Map() },
				digest: inPlace.digest,
				shownDigest: inPlace.digest,
				actor
			},
			db
		);
		expect(step.kind).toBe('committed');
		expect((await cellOf(change.opdId, change.indicatorId))?.value).toBe(change.after.value);
		await db.update(periods).set({ title: 'sesudah' }).where(eq(periods.year, 2021));
	});

	it('previews on its own connection exactly what the request would plan in place', async () => {
		expect(locationOf(db)).not.toBeNull();
		const inPlace = await planImport(matrixInput(), db);
		const shown = await planInThread({ kind: 'preview', input: input() }, db);
		expect(shown.kind).toBe('show');
		if (shown.kind !== 'show') return;
		expect(shown.digest).toBe(inPlace.digest);
		expect(shown.view.counts.changes).toBe(1);
	});

	it('commits from the thread under the write lock, and the lock is free afterwards', async () => {
		const plan = await planImport(matrixInput(), db);
		const change = plan.changes[0]!;
		const step = await planInThread(
			{
				kind: 'confirm',
				input: input(),
				chosen: { matches: new Map() },
				digest: plan.digest,
				shownDigest: plan.digest,
				actor
			},
			db
		);
		expect(step.kind).toBe('committed');
		expect((await cellOf(change.opdId, change.indicatorId))?.value).toBe(change.after.value);
		// The next writer of this process is not kept waiting by the thread's commit.
		await db.update(periods).set({ title: 'sesudah' }).where(eq(periods.year, 2021));
	});

	it('refuses in the thread a preview made stale by a cell save, writing nothing', async () => {
		const plan = await planImport(matrixInput(), db);
		const change = plan.changes[0]!;
		const saved = await setCell(
			plan.periodId!,
			change.opdId,
			change.indicatorId,
			{
				value: 1,
				notApplicable: false,
				expectedVersion: (await cellOf(change.opdId, change.indicatorId))?.version ?? 0
			},
			{ userId: null, name: 'lain' },
			db
		);
		expect(saved.status).toBe('saved');
		const before = await snapshotTables(db);
		const step = await planInThread(
			{
				kind: 'confirm',
				input: input(),
				chosen: { matches: new Map() },
				digest: plan.digest,
				shownDigest: plan.digest,
				actor
			},
			db
		);
		expect(step.kind).toBe('show');
		if (step.kind !== 'show') return;
		expect(step.message).toMatch(/berubah sejak pratinjau/);
		expect(await snapshotTables(db)).toEqual(before);
	});
});

describe('commitImport with a plan made outside the lock', () => {
	it('writes the plan as it is while its fingerprint holds', async () => {
		const fingerprint = await planFingerprint(2021, db);
		const plan = await planImport(matrixInput(), db);
		// A plan narrowed by hand shows which plan the commit wrote: with the fingerprint
		// unchanged it is taken as it is (not planned again).
		const change = plan.changes[0]!;
		const outcome = await commitImport(
			{ ...matrixInput(), actor, planned: { plan: { ...plan, changes: [] }, fingerprint } },
			db
		);
		expect(outcome.ok).toBe(true);
		expect((await cellOf(change.opdId, change.indicatorId))?.value ?? null).toEqual(
			change.before?.value ?? null
		);
	});

	it('plans again inside the lock when the fingerprint changed, writing the real plan', async () => {
		const plan = await planImport(matrixInput(), db);
		const change = plan.changes[0]!;
		const outcome = await commitImport(
			{
				...matrixInput(),
				actor,
				planned: { plan: { ...plan, changes: [] }, fingerprint: 'changed' }
			},
			db
		);
		expect(outcome.ok).toBe(true);
		expect((await cellOf(change.opdId, change.indicatorId))?.value).toBe(change.after.value);
	});

	it('a cell save changes the fingerprint', async () => {
		const fingerprint = await planFingerprint(2021, db);
		const plan = await planImport(matrixInput(), db);
		const change = plan.changes[0]!;
		await setCell(
			plan.periodId!,
			change.opdId,
			change.indicatorId,
			{
				value: 1,
				notApplicable: false,
				expectedVersion: (await cellOf(change.opdId, change.indicatorId))?.version ?? 0
			},
			{ userId: null, name: 'lain' },
			db
		);
		expect(await planFingerprint(2021, db)).not.toBe(fingerprint);
	});

	it('reads the aliases of a roster larger than SQLite takes variables', async () => {
		const [opd] = await db.select({ id: opds.id }).from(opds).limit(1);
		await db
			.insert(opdAliases)
			.values({ opdId: opd!.id, alias: 'Nama Lama Uji', key: 'nama lama uji' });
		const ids = [opd!.id, ...Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i)];
		const many = await aliasesById(ids, db);
		expect(many.get(opd!.id)).toContain('Nama Lama Uji');
		expect(many).toEqual(await aliasesById([opd!.id], db));
	});
});
