import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { indicators, opds, periodOpds } from '../../src/lib/server/db/schema';
import { transition } from '../../src/lib/server/workflow/lifecycle';
import { updateOpd } from '../../src/lib/server/opds/admin';
import { dashboardYearViews } from '../../src/lib/server/results/year-views';
import { createTestDb } from './helpers/test-db';
import { seedWithDraft2022 } from './helpers/workflow';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await createTestDb()));
afterEach(() => cleanup());

// 2022 is copied from 2021, so its dashboard shows all three years.
const byYear = async () =>
	new Map(
		(await dashboardYearViews(2022, new URLSearchParams(), db))!.views.map((v) => [v.year, v])
	);

it('computes a year once per change: a cell change recomputes its year only, an OPD rename all', async () => {
	const { periodId } = await seedWithDraft2022(db);
	const admin = { actor: { userId: null, name: 'admin' }, role: 'admin' as const };
	await transition(periodId, 'open', admin, '', db);
	const first = await byYear();
	const again = await byYear();
	for (const year of [2020, 2021, 2022]) expect(again.get(year)).toBe(first.get(year));

	const [entry] = await db.select().from(periodOpds).where(eq(periodOpds.periodId, periodId));
	const [ind] = await db.select().from(indicators).where(eq(indicators.periodId, periodId));
	await setCell(
		periodId,
		entry!.opdId,
		ind!.id,
		{ value: 1, notApplicable: false, expectedVersion: 0 },
		admin.actor,
		db
	);
	const afterCell = await byYear();
	expect(afterCell.get(2021)).toBe(first.get(2021));
	expect(afterCell.get(2022)).not.toBe(first.get(2022));
	const [opd] = await db.select().from(opds).where(eq(opds.id, entry!.opdId));
	const scored = afterCell.get(2022)!.result.opds.find((o) => o.opd === opd!.slug);
	expect(scored?.indicatorsMet).toBe(1);

	await updateOpd(
		opd!.id,
		{ name: `${opd!.name} (baru)`, shortName: opd!.shortName, kind: opd!.kind, websiteUrl: null },
		admin.actor,
		db
	);
	const afterRename = await byYear();
	for (const year of [2020, 2021, 2022])
		expect(afterRename.get(year)).not.toBe(afterCell.get(year));
});
