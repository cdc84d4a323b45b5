/**
 * The award lists a year's Laporan Tahunan prints. The one place the report reads awards from:
 * swap this function's body when the award lists move to their own module.
 */
import { asc, eq } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { officialAwards, opds, periods } from '../db/schema';
import type { AwardList } from '../../report/document';

/** Today: the official awards recorded with the year's monev period, as one list. */
export async function reportAwardLists(year: number, conn: Conn = db()): Promise<AwardList[]> {
	const rows = await conn
		.select({
			position: officialAwards.position,
			title: officialAwards.title,
			points: officialAwards.points,
			source: officialAwards.source,
			opdName: opds.name
		})
		.from(officialAwards)
		.innerJoin(periods, eq(periods.id, officialAwards.periodId))
		.innerJoin(opds, eq(opds.id, officialAwards.opdId))
		.where(eq(periods.year, year))
		.orderBy(asc(officialAwards.position));
	if (rows.length === 0) return [];
	return [
		{
			title: `Penghargaan monev website dan DIP OPD tahun ${year}`,
			source: rows[0]!.source,
			entries: rows.map((r) => ({ position: r.position, opdName: r.opdName, points: r.points }))
		}
	];
}
