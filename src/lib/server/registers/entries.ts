/**
 * The desk's permohonan informasi register: reading a year's rows (personal data included: only
 * for `registers.manage`). Changes go through `records.ts`.
 */
import { asc, eq, max } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { serviceRequests } from '../db/schema';

/** The latest year the request register holds anything, or null. */
export async function latestRegisterYear(conn: Conn = db()): Promise<number | null> {
	const [row] = await conn.select({ year: max(serviceRequests.year) }).from(serviceRequests);
	return row?.year ?? null;
}

/** A year's request rows, recap rows and entries, in month then entry order. */
export async function listRequests(year: number, conn: Conn = db()) {
	return conn
		.select()
		.from(serviceRequests)
		.where(eq(serviceRequests.year, year))
		.orderBy(asc(serviceRequests.month), asc(serviceRequests.id));
}
