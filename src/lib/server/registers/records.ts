/**
 * Adding, changing and deleting the rows of the desk's registers (requests and their recaps,
 * objections and theirs, disputes, survey responses) and the 12 monthly website visits. Every
 * change is one transaction with its audit row; the audit names the fields that changed, never a
 * personal value. A change carries the version the form was opened with: when the row changed in
 * between, nothing is written and the caller says so (no write is silently lost).
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db, type Conn } from '../db';
import {
	serviceDisputes,
	serviceObjections,
	serviceRequests,
	surveyResponses,
	websiteVisits
} from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { REGISTER_FORMS, type RegisterSlug } from '../../registers/forms';
import type { RegisterValues } from '../../validation/register';

const TABLES = {
	requests: serviceRequests,
	objections: serviceObjections,
	disputes: serviceDisputes,
	survey: surveyResponses
} as const;

const ENTITY = {
	requests: 'service_request',
	objections: 'service_objection',
	disputes: 'service_dispute',
	survey: 'survey_response'
} as const;

type AnyTable = (typeof TABLES)[keyof typeof TABLES];
type Row = Record<string, unknown> & { id: number; year: number };

function tableOf(slug: RegisterSlug) {
	const form = REGISTER_FORMS[slug];
	// The four tables share id and year; `kind` exists on the two that hold recaps.
	const table = TABLES[form.table] as unknown as typeof serviceRequests;
	return { form, table, entity: ENTITY[form.table] };
}

/** A short fingerprint of a row's stored content: what a form posts back as `version`. */
export function versionOf(row: object): string {
	return createHash('sha256').update(JSON.stringify(row)).digest('base64url').slice(0, 16);
}

function whereSlug(slug: RegisterSlug, year: number) {
	const { form, table } = tableOf(slug);
	return form.kind
		? and(eq(table.year, year), eq(table.kind, form.kind))
		: eq((table as unknown as AnyTable).year, year);
}

/** The rows of one register form of a year (personal data included), in month/date order. */
export async function listRecords(slug: RegisterSlug, year: number, conn: Conn = db()) {
	const { table, form } = tableOf(slug);
	const order =
		form.table === 'requests' || form.table === 'objections'
			? [asc(table.month), asc(table.id)]
			: [asc(table.id)];
	const rows = (await conn
		.select()
		.from(table)
		.where(whereSlug(slug, year))
		.orderBy(...order)) as unknown as Row[];
	return rows;
}

/** One row of a register form with its version, or null (another year, kind or id). */
export async function getRecord(
	slug: RegisterSlug,
	year: number,
	id: number,
	conn: Conn = db()
): Promise<{ row: Row; version: string } | null> {
	const { table } = tableOf(slug);
	const [row] = (await conn
		.select()
		.from(table)
		.where(and(whereSlug(slug, year), eq(table.id, id)))) as unknown as Row[];
	return row ? { row, version: versionOf(row) } : null;
}

/** The non-personal fields of a row, for the audit log. */
function auditable(slug: RegisterSlug, row: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const field of REGISTER_FORMS[slug].fields)
		if (!field.personal && field.name in row) out[field.name] = row[field.name] ?? null;
	return out;
}

/** Personal fields whose value changed: named in the audit, their values never. */
function personalChanged(
	slug: RegisterSlug,
	before: Record<string, unknown>,
	after: RegisterValues
) {
	return REGISTER_FORMS[slug].fields
		.filter((fl) => fl.personal && (before[fl.name] ?? null) !== (after[fl.name] ?? null))
		.map((fl) => fl.name);
}

/**
 * Adds a row. A request entry with the same day and applicant as an earlier one is flagged as a
 * possible duplicate and kept: the desk decides, the register never drops a row by itself.
 */
export async function addRecord(
	slug: RegisterSlug,
	year: number,
	values: RegisterValues,
	actor: Actor,
	conn: Conn = db()
): Promise<{ id: number; possibleDuplicate: boolean }> {
	const { table, entity } = tableOf(slug);
	return conn.transaction(async (tx) => {
		let possibleDuplicate = false;
		if (slug === 'permohonan') {
			const [same] = await tx
				.select({ id: serviceRequests.id })
				.from(serviceRequests)
				.where(
					and(
						eq(serviceRequests.year, year),
						eq(serviceRequests.receivedOn, String(values.receivedOn)),
						sql`lower(trim(${serviceRequests.applicantName})) = lower(${String(values.applicantName)})`
					)
				)
				.limit(1);
			possibleDuplicate = same !== undefined;
		}
		const insert = { ...values, year, ...(slug === 'permohonan' ? { possibleDuplicate } : {}) };
		const [row] = await tx
			.insert(table)
			.values(insert as typeof serviceRequests.$inferInsert)
			.returning({ id: table.id });
		await record(
			actor,
			{
				action: `registers.${slug}.add`,
				entityType: entity,
				entityId: row!.id,
				after: { year, ...auditable(slug, values), possibleDuplicate }
			},
			tx
		);
		return { id: row!.id, possibleDuplicate };
	});
}

export type ChangeOutcome = 'done' | 'missing' | 'stale';

/** Replaces a row's fields when it is still at `version`; audited with what changed. */
export async function updateRecord(
	slug: RegisterSlug,
	year: number,
	id: number,
	version: string,
	values: RegisterValues,
	actor: Actor,
	conn: Conn = db()
): Promise<ChangeOutcome> {
	const { table, entity } = tableOf(slug);
	return conn.transaction(async (tx) => {
		const current = await getRecord(slug, year, id, tx);
		if (!current) return 'missing';
		if (current.version !== version) return 'stale';
		await tx
			.update(table)
			.set(values as Partial<typeof serviceRequests.$inferInsert>)
			.where(eq(table.id, id));
		const before = auditable(slug, current.row);
		const after = auditable(slug, values);
		for (const key of Object.keys(after))
			if (before[key] === after[key]) {
				delete before[key];
				delete after[key];
			}
		await record(
			actor,
			{
				action: `registers.${slug}.update`,
				entityType: entity,
				entityId: id,
				before: { year, ...before },
				after: { year, ...after, personalChanged: personalChanged(slug, current.row, values) }
			},
			tx
		);
		return 'done';
	});
}

/** Deletes a row when it is still at `version`; audited with its non-personal fields. */
export async function deleteRecord(
	slug: RegisterSlug,
	year: number,
	id: number,
	version: string,
	actor: Actor,
	conn: Conn = db()
): Promise<ChangeOutcome> {
	const { table, entity } = tableOf(slug);
	return conn.transaction(async (tx) => {
		const current = await getRecord(slug, year, id, tx);
		if (!current) return 'missing';
		if (current.version !== version) return 'stale';
		await tx.delete(table).where(eq(table.id, id));
		await record(
			actor,
			{
				action: `registers.${slug}.delete`,
				entityType: entity,
				entityId: id,
				before: { year, ...auditable(slug, current.row) }
			},
			tx
		);
		return 'done';
	});
}

/** The 12 monthly visits of a year (null: not recorded) and their version. */
export async function getVisits(year: number, conn: Conn = db()) {
	const rows = await conn.select().from(websiteVisits).where(eq(websiteVisits.year, year));
	const visits = Array<number | null>(12).fill(null);
	for (const r of rows) visits[r.month - 1] = r.visits;
	return { visits, version: versionOf(visits) };
}

/** Sets the 12 monthly visits when they are still at `version`; blank months are removed. */
export async function setVisits(
	year: number,
	version: string,
	visits: (number | null)[],
	actor: Actor,
	conn: Conn = db()
): Promise<ChangeOutcome> {
	return conn.transaction(async (tx) => {
		const current = await getVisits(year, tx);
		if (current.version !== version) return 'stale';
		// Months left as they were keep their row (and the source it cites); the others are
		// replaced, and a month emptied is removed.
		for (let i = 0; i < 12; i++) {
			const n = visits[i] ?? null;
			if (n === current.visits[i]) continue;
			const month = i + 1;
			await tx
				.delete(websiteVisits)
				.where(and(eq(websiteVisits.year, year), eq(websiteVisits.month, month)));
			if (n !== null) await tx.insert(websiteVisits).values({ year, month, visits: n });
		}
		await record(
			actor,
			{
				action: 'registers.visits.set',
				entityType: 'website_visits',
				entityId: year,
				before: { year, visits: current.visits },
				after: { year, visits }
			},
			tx
		);
		return 'done';
	});
}
