import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cellsOf } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { assessments, indicators, opds, periods } from '../../src/lib/server/db/schema';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

/** The plain row-per-cell reading that cellsOf's folded query must agree with. */
async function plainCells(periodId: number) {
	return db
		.select({
			opd: opds.slug,
			indicator: indicators.key,
			value: assessments.value,
			notApplicable: assessments.notApplicable
		})
		.from(assessments)
		.innerJoin(opds, eq(opds.id, assessments.opdId))
		.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
		.where(eq(assessments.periodId, periodId));
}

const sorted = <T extends { opd: string; indicator: string }>(cells: T[]) =>
	[...cells].sort((a, b) => a.opd.localeCompare(b.opd) || a.indicator.localeCompare(b.indicator));

it('reads every cell of a period exactly: values, not assessed, not applicable, fractions', async () => {
	const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
	const rows = await db.select().from(assessments).where(eq(assessments.periodId, period!.id));
	// Vary the values beyond 0/1 so the folded encoding is really exercised.
	const edits = [
		{ value: null, notApplicable: false },
		{ value: null, notApplicable: true },
		{ value: 2.5, notApplicable: false },
		{ value: 0.1, notApplicable: false },
		{ value: 1234567, notApplicable: false },
		{ value: 1 / 3, notApplicable: false },
		{ value: 0.1 + 0.2, notApplicable: false },
		{ value: -2, notApplicable: false },
		{ value: 1e20, notApplicable: false }
	];
	for (const [i, edit] of edits.entries()) {
		await db
			.update(assessments)
			.set(edit)
			.where(eq(assessments.id, rows[i * 7]!.id));
	}
	const columns = await cellsOf(period!.id, db);
	const folded = columns.opd.map((opd, k) => ({
		opd,
		indicator: columns.indicator[k]!,
		value: columns.value[k]!,
		notApplicable: columns.notApplicable[k]!
	}));
	expect(folded).toHaveLength(416);
	expect(sorted(folded)).toEqual(sorted(await plainCells(period!.id)));
	expect(folded.filter((c) => c.notApplicable)).toHaveLength(1);
	expect(folded.filter((c) => c.value === 0.1)).toHaveLength(1);
});
