import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReportTable, type ParsedMatrix } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import { locationOf, type DB } from '../../src/lib/server/db';
import { assessments, opdAliases, opds, periods } from '../../src/lib/server/db/schema';
import { aliasesById } from '../../src/lib/server/opds/master';
import { seedDemo } from '../../src/lib/server/db/seed';
import { commitImport, planImport } from '../../src/lib/server/import/matrix';
import { planFingerprint } from '../../src/lib/server/import/plan';
import type { DraftInput } from '../../src/lib/server/import/plan-jobs';
import { planInThread } from '../../src/lib/server/import/plan-thread';
import { setCell } from '../../src/lib/server/workflow/assessments';
import { SEED_FILES } from './helpers/seed-reader';
import { snapshotTables } from './helpers/snapshot';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb());
	await seedDemo('data/seeds', db);
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
const input = (): DraftInput => ({ year: 2021, matrix: edited(), source: 'x', overrides: {} });

/** The worker thread's plan ready to commit (a confirm whose form matches the preview). */
async function threadPlan(shownDigest: string) {
	const step = await planInThread(
		{
			kind: 'confirm',
			input: input(),
			chosen: { matches: new Map() },
			digest: shownDigest,
			shownDigest
		},
		db
	);
	if (step.kind !== 'commit') throw new Error(`expected a plan to commit, got ${step.kind}`);
	return step;
}

describe('import planning in a worker thread', () => {
	it('plans on its own connection exactly what the request would plan in place', async () => {
		expect(locationOf(db)).not.toBeNull();
		const inPlace = await planImport({ ...input() }, db);
		const shown = await planInThread({ kind: 'preview', input: input() }, db);
		expect(shown.kind).toBe('show');
		if (shown.kind !== 'show') return;
		expect(shown.digest).toBe(inPlace.digest);
		expect(shown.view.counts.changes).toBe(1);
		const step = await threadPlan(inPlace.digest);
		expect(step.plan).toEqual(inPlace);
		expect(step.fingerprint).toBe(await planFingerprint(2021, db));
	});

	it('writes the thread plan as it is while its fingerprint holds inside the write lock', async () => {
		const plan = await planImport({ ...input() }, db);
		const step = await threadPlan(plan.digest);
		// A plan narrowed by hand shows which plan the commit wrote: with the fingerprint
		// unchanged it is taken as it is (not planned again).
		const change = step.plan.changes[0]!;
		const narrowed = { ...step.plan, changes: [] };
		const outcome = await commitImport(
			{ ...input(), actor, planned: { plan: narrowed, fingerprint: step.fingerprint } },
			db
		);
		expect(outcome.ok).toBe(true);
		const [cell] = await db
			.select({ value: assessments.value })
			.from(assessments)
			.where(
				and(eq(assessments.opdId, change.opdId), eq(assessments.indicatorId, change.indicatorId))
			);
		expect(cell?.value ?? null).toEqual(change.before?.value ?? null);
	});

	it('plans again inside the lock when the fingerprint changed, writing the real plan', async () => {
		const plan = await planImport({ ...input() }, db);
		const step = await threadPlan(plan.digest);
		const change = step.plan.changes[0]!;
		const narrowed = { ...step.plan, changes: [] };
		const outcome = await commitImport(
			{ ...input(), actor, planned: { plan: narrowed, fingerprint: 'changed' } },
			db
		);
		expect(outcome.ok).toBe(true);
		const [cell] = await db
			.select({ value: assessments.value })
			.from(assessments)
			.where(
				and(eq(assessments.opdId, change.opdId), eq(assessments.indicatorId, change.indicatorId))
			);
		expect(cell?.value).toEqual(change.after.value);
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

	it('refuses a thread plan made stale by a cell save after it, writing nothing', async () => {
		const plan = await planImport({ ...input() }, db);
		const step = await threadPlan(plan.digest);
		const change = step.plan.changes[0]!;
		const [current] = await db
			.select({ version: assessments.version })
			.from(assessments)
			.where(
				and(eq(assessments.opdId, change.opdId), eq(assessments.indicatorId, change.indicatorId))
			);
		const saved = await setCell(
			step.plan.periodId!,
			change.opdId,
			change.indicatorId,
			{ value: 1, notApplicable: false, expectedVersion: current?.version ?? 0 },
			{ userId: null, name: 'lain' },
			db
		);
		expect(saved.status).toBe('saved');
		expect(await planFingerprint(2021, db)).not.toBe(step.fingerprint);
		const before = await snapshotTables(db);
		const outcome = await commitImport(
			{ ...input(), actor, expectedDigest: plan.digest, planned: step },
			db
		);
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.stale).toBe(true);
		expect(await snapshotTables(db)).toEqual(before);
	});
});
