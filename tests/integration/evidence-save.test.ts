import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { getCell, setCell } from '../../src/lib/server/workflow/assessments';
import type { DB } from '../../src/lib/server/db';
import { assessments, periods } from '../../src/lib/server/db/schema';
import { actorOf, findByUsername } from '../../src/lib/server/accounts/users';
import { parseCellFields } from '../../src/lib/validation/cell';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
	({ db, cleanup } = await createTestDb('demo'));
});
afterEach(async () => cleanup());

async function firstCell() {
	const [period] = await db.select().from(periods).where(eq(periods.year, 2021));
	await db.update(periods).set({ status: 'evaluation' }).where(eq(periods.id, period!.id));
	const [cell] = await db
		.select()
		.from(assessments)
		.where(eq(assessments.periodId, period!.id))
		.limit(1);
	return cell!;
}

it('keeps several evidence links of a cell, one per line, from a form post', async () => {
	const cell = await firstCell();
	const parsed = parseCellFields({
		value: '1',
		version: String(cell.version),
		evidenceUrl: 'https://ppid.serangkota.go.id/dip/1  https://satpolpp.serangkota.go.id/renja.pdf'
	});
	expect(parsed.ok).toBe(true);
	if (!parsed.ok) return;
	const evaluator = (await findByUsername('demo-evaluator', db))!;
	const result = await setCell(
		cell.periodId,
		cell.opdId,
		cell.indicatorId,
		parsed.cell,
		actorOf(evaluator),
		db
	);
	expect(result.status).toBe('saved');
	const saved = await getCell(cell.periodId, cell.opdId, cell.indicatorId, db);
	expect(saved!.evidenceUrl).toBe(
		'https://ppid.serangkota.go.id/dip/1\nhttps://satpolpp.serangkota.go.id/renja.pdf'
	);
});

it('refuses a cell whose evidence holds something that is not a web link, and changes nothing', async () => {
	const cell = await firstCell();
	const evaluator = (await findByUsername('demo-evaluator', db))!;
	await expect(
		setCell(
			cell.periodId,
			cell.opdId,
			cell.indicatorId,
			{
				value: 1,
				notApplicable: false,
				expectedVersion: cell.version,
				evidenceUrl: 'https://a.go.id javascript:alert(1)'
			},
			actorOf(evaluator),
			db
		)
	).rejects.toThrow(/javascript:alert\(1\)/);
	const after = await getCell(cell.periodId, cell.opdId, cell.indicatorId, db);
	expect(after).toEqual(cell);
});
