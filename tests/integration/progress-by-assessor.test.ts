import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { progressByAssessor, setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { assessments, periods } from '../../src/lib/server/db/schema';
import { actorOf, findByUsername } from '../../src/lib/server/accounts/users';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

it('counts each cell under the evaluator who last set its verified value', async () => {
	const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.id, period!.id));
	expect(await progressByAssessor(period!.id, db)).toEqual([
		{ userId: null, name: null, username: null, cells: 416 }
	]);
	const evaluator = (await findByUsername('demo-evaluator', db))!;
	const cells = await db
		.select()
		.from(assessments)
		.where(eq(assessments.periodId, period!.id))
		.limit(3);
	for (const cell of cells) {
		const result = await setCell(
			period!.id,
			cell.opdId,
			cell.indicatorId,
			{ value: cell.value === 1 ? 0 : 1, notApplicable: false, expectedVersion: cell.version },
			actorOf(evaluator),
			db
		);
		expect(result.status).toBe('saved');
	}
	// A cell cleared back to "not assessed" counts for nobody.
	await db
		.update(assessments)
		.set({ value: null })
		.where(and(eq(assessments.periodId, period!.id), eq(assessments.id, cells[0]!.id)));
	expect(await progressByAssessor(period!.id, db)).toEqual([
		{ userId: null, name: null, username: null, cells: 413 },
		{ userId: evaluator.id, name: 'Evaluator Demo', username: 'demo-evaluator', cells: 2 }
	]);
});
