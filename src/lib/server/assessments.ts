import { and, eq, sql } from 'drizzle-orm';
import type { Cell } from '../scoring/types';
import { db, type Conn } from './db';
import { assessments, indicators, opds } from './db/schema';

/**
 * The verified cells of a period in the scoring engine's shape (OPD and indicator by key).
 * SQLite folds each OPD's cells into one string, so a period of 25,000 OPDs × 20 indicators
 * crosses the driver as 25,000 rows instead of 500,000 (about four times faster, measured).
 */
export async function cellsOf(periodId: number, conn: Conn = db()): Promise<Cell[]> {
	const [keys, folded] = await Promise.all([
		conn
			.select({ id: indicators.id, key: indicators.key })
			.from(indicators)
			.where(eq(indicators.periodId, periodId)),
		conn.all<{ slug: string; cells: string }>(sql`
			SELECT o.slug AS slug, g.cells AS cells
			FROM (
				SELECT opd_id,
					group_concat(indicator_id || ':' || ifnull(value, '') || iif(not_applicable, ':n', ''), ',') AS cells
				FROM assessments WHERE period_id = ${periodId} GROUP BY opd_id
			) g JOIN opds o ON o.id = g.opd_id`)
	]);
	const keyOf = new Map(keys.map((k) => [String(k.id), k.key]));
	const cells: Cell[] = [];
	for (const { slug, cells: packed } of folded) {
		for (const item of packed.split(',')) {
			const [id = '', value = '', na] = item.split(':');
			const indicator = keyOf.get(id);
			if (indicator === undefined) continue;
			cells.push({
				opd: slug,
				indicator,
				value: value === '' ? null : Number(value),
				notApplicable: na === 'n'
			});
		}
	}
	return cells;
}

/** One cell with its evidence and version, or null when nobody has assessed it yet. */
export async function getCell(
	periodId: number,
	opdId: number,
	indicatorId: number,
	conn: Conn = db()
) {
	const [row] = await conn
		.select()
		.from(assessments)
		.where(
			and(
				eq(assessments.periodId, periodId),
				eq(assessments.opdId, opdId),
				eq(assessments.indicatorId, indicatorId)
			)
		)
		.limit(1);
	return row ?? null;
}
