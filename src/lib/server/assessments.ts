import { and, eq } from 'drizzle-orm';
import type { Cell } from '../scoring/types';
import { db, type Conn } from './db';
import { assessments, indicators, opds } from './db/schema';

/** The verified cells of a period in the scoring engine's shape (OPD and indicator by key). */
export async function cellsOf(periodId: number, conn: Conn = db()): Promise<Cell[]> {
	const rows = await conn
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
	return rows;
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
