import { and, eq } from 'drizzle-orm';
import type { CellDetail } from '../../insights/opd-page';
import { db, type Conn } from '../db';
import { assessments, indicators } from '../db/schema';

/**
 * Evidence and notes of one OPD's cells in a period, by indicator key: what the evaluators and the
 * OPD itself recorded. For signed-in readers who may see this OPD; never for the public.
 */
export async function cellDetails(
	periodId: number,
	opdId: number,
	conn: Conn = db()
): Promise<CellDetail[]> {
	return conn
		.select({
			indicator: indicators.key,
			evidenceUrl: assessments.evidenceUrl,
			note: assessments.note,
			selfEvidenceUrl: assessments.selfEvidenceUrl,
			selfNote: assessments.selfNote
		})
		.from(assessments)
		.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
		.where(and(eq(assessments.periodId, periodId), eq(assessments.opdId, opdId)));
}
