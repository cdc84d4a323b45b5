import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseReportTable } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { opds, periodOpds, periods } from '../../src/lib/server/db/schema';
import { threadReuses } from '../../src/lib/server/import/file';
import { planImport } from '../../src/lib/server/import/matrix';
import type { DraftInput } from '../../src/lib/server/import/plan-jobs';
import { planInThread, prepareImportYear } from '../../src/lib/server/import/plan-thread';
import { rosterMatcherStats } from '../../src/lib/server/import/roster-matcher';
import { updateOpd } from '../../src/lib/server/opds/admin';
import { setAliases } from '../../src/lib/server/opds/aliases';
import { SEED_FILES } from './helpers/seed-reader';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.year, 2021));
});
afterEach(async () => cleanup());

const actor = SYSTEM_ACTORS.cli;
const BAPENDA = 'Badan Pendapatan Daerah Kota Serang';

/** The 2021 report table with Bapenda's row written as `name`. */
const text = (name = BAPENDA) =>
	readFileSync(SEED_FILES[2021], 'utf8').replace(`32\t${BAPENDA}\t`, `32\t${name}\t`);
function matrixInput(name?: string) {
	const parsed = parseReportTable(text(name));
	if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
	return { year: 2021, matrix: parsed.matrix, source: 'x' };
}
const draft = (name?: string): DraftInput => ({
	year: 2021,
	file: { name: 'x.txt', bytes: new TextEncoder().encode(text(name)) },
	source: 'x',
	overrides: {},
	actor: { userId: null }
});

async function bapenda() {
	const [opd] = await db.select().from(opds).where(eq(opds.name, BAPENDA));
	return opd!;
}
/** The OPD the plan matched Bapenda's row (line of its number 32) to, and whether exactly. */
async function rowOf(name: string) {
	const plan = await planImport(matrixInput(name), db);
	const row = plan.rows.find((r) => r.name === name);
	return { opd: row?.opd ?? null, exact: row?.exact ?? false };
}

describe("the import's roster matcher, kept while the roster reads the same", () => {
	it('is built once for previews of an unchanged roster, and again after any roster change', async () => {
		const opd = await bapenda();
		const before = { ...rosterMatcherStats };
		expect(await rowOf(BAPENDA)).toEqual({ opd: opd.slug, exact: true });
		expect(await rowOf(BAPENDA)).toEqual({ opd: opd.slug, exact: true });
		expect(rosterMatcherStats.builds - before.builds).toBe(1);
		expect(rosterMatcherStats.reuses - before.reuses).toBe(1);

		// A rename (audited, as the OPD page does it): the new name matches exactly at once.
		const renamed = 'Badan Pengelola Pajak Kota Serang Uji';
		await updateOpd(
			opd.id,
			{ name: renamed, shortName: opd.shortName, kind: opd.kind, websiteUrl: opd.websiteUrl },
			actor,
			db
		);
		expect(await rowOf(renamed)).toEqual({ opd: opd.slug, exact: true });
		expect(rosterMatcherStats.builds - before.builds).toBe(2);

		// An alias added.
		await setAliases(opd.id, 'Dispenda Serang Lama', actor, db);
		expect(await rowOf('Dispenda Serang Lama')).toEqual({ opd: opd.slug, exact: true });
		expect(rosterMatcherStats.builds - before.builds).toBe(3);

		// Even a write the audit log never saw (the key is the roster's text, not its history).
		await db
			.update(periodOpds)
			.set({ displayName: 'Bapenda Nama Cetak Baru' })
			.where(eq(periodOpds.opdId, opd.id));
		expect(await rowOf('Bapenda Nama Cetak Baru')).toEqual({ opd: opd.slug, exact: true });
		expect(rosterMatcherStats.builds - before.builds).toBe(4);
		expect(rosterMatcherStats.reuses - before.reuses).toBe(1);
	});

	it('is kept in the import thread between steps, and never outlives a roster change', async () => {
		const opd = await bapenda();
		const first = await planInThread({ kind: 'preview', input: draft() }, db);
		expect(first.kind === 'show' && first.view.counts.errors).toBe(0);
		const reusesBefore = threadReuses();
		const again = await planInThread({ kind: 'preview', input: draft() }, db);
		expect(again.kind === 'show' && again.digest).toBe(first.kind === 'show' && first.digest);
		// The second step ran on the thread of the first (which holds the first step's matcher).
		expect(threadReuses()).toBe(reusesBefore + 1);

		const renamed = 'Badan Pengelola Pajak Kota Serang Uji';
		await updateOpd(
			opd.id,
			{ name: renamed, shortName: opd.shortName, kind: opd.kind, websiteUrl: opd.websiteUrl },
			actor,
			db
		);
		const shown = await planInThread({ kind: 'preview', input: draft(renamed) }, db);
		expect(threadReuses()).toBe(reusesBefore + 2);
		expect(shown.kind).toBe('show');
		if (shown.kind !== 'show') return;
		expect(shown.view.counts.errors).toBe(0);
		expect(shown.digest).toBe((await planImport(matrixInput(renamed), db)).digest);
	});

	it('is prepared in the import thread when the import page opens, and rebuilt after a change', async () => {
		const opd = await bapenda();
		const first = await prepareImportYear(2021, db);
		expect(first).not.toBeNull();
		const reusesBefore = threadReuses();
		// The preview runs on the prepared thread and finds Bapenda's row.
		const shown = await planInThread({ kind: 'preview', input: draft() }, db);
		expect(threadReuses()).toBe(reusesBefore + 1);
		expect(shown.kind === 'show' && shown.view.counts.errors).toBe(0);
		const again = await prepareImportYear(2021, db);
		expect(again!.builds).toBe(first!.builds);
		expect(again!.reuses).toBe(first!.reuses + 2);
		await setAliases(opd.id, 'Dispenda Serang Lama', actor, db);
		const changed = await prepareImportYear(2021, db);
		expect(changed!.builds).toBe(first!.builds + 1);
	});
});
