/**
 * The desk's permohonan informasi register: reading a year's rows (personal data included: only
 * for `registers.manage`) and adding one entry, audited, in one transaction.
 */
import { and, asc, eq, max, sql } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { serviceRequests } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import type { RequestEntryInput } from '../../validation/register';

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

/**
 * Adds one entry. An entry with the same day and applicant as an earlier one is flagged as a
 * possible duplicate and kept: the desk decides, the register never drops a row by itself.
 */
export async function addRequestEntry(
	year: number,
	input: RequestEntryInput,
	actor: Actor,
	conn: Conn = db()
): Promise<{ id: number; possibleDuplicate: boolean }> {
	return conn.transaction(async (tx) => {
		const [same] = await tx
			.select({ id: serviceRequests.id })
			.from(serviceRequests)
			.where(
				and(
					eq(serviceRequests.year, year),
					eq(serviceRequests.receivedOn, input.receivedOn),
					sql`lower(trim(${serviceRequests.applicantName})) = lower(${input.applicantName})`
				)
			)
			.limit(1);
		const possibleDuplicate = same !== undefined;
		const [row] = await tx
			.insert(serviceRequests)
			.values({
				...input,
				year,
				kind: 'entry',
				month: Number(input.receivedOn.slice(5, 7)),
				count: 1,
				possibleDuplicate
			})
			.returning({ id: serviceRequests.id });
		// The audit row names what changed, not who asked: no personal data in the log.
		await record(
			actor,
			{
				action: 'registers.request.add',
				entityType: 'service_request',
				entityId: row!.id,
				after: {
					year,
					receivedOn: input.receivedOn,
					channel: input.channel,
					decision: input.decision,
					possibleDuplicate
				}
			},
			tx
		);
		return { id: row!.id, possibleDuplicate };
	});
}
