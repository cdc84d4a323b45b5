import { and, desc, eq, gt, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { STATUS_LABELS } from '../../workflow/lifecycle';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { assessments, auditEvents, indicators, opds, periodOpds, periods } from '../db/schema';
import type { AuditedChange } from './matrix';

/** OPD slugs per statement when undoing created OPDs (SQLite allows 32,766 variables). */
const CREATED_CHUNK = 10_000;

export type RevertOutcome = { ok: true; restored: number } | { ok: false; message: string };

interface ImportAfter {
	source?: string;
	createdPeriod?: boolean;
	opdsCreated?: string[];
	changes?: AuditedChange[];
	cells?: number;
}

class Refused extends Error {}

type ImportEvent = typeof auditEvents.$inferSelect;

/** An import event as the history lists it; `cells` is what a revert restores (or removes). */
function importEntry(e: ImportEvent, reverted: boolean) {
	const after = (e.after ?? {}) as ImportAfter;
	return {
		id: e.id,
		at: e.at,
		actor: e.actor,
		year: Number(e.entityId),
		source: after.source ?? '',
		createdPeriod: after.createdPeriod === true,
		cells: after.createdPeriod ? (after.cells ?? 0) : (after.changes?.length ?? 0),
		reverted
	};
}

export type ImportEntry = ReturnType<typeof importEntry>;

/** The imports of the last months, newest first, with whether each was reverted already. */
export async function recentImports(limit = 20, conn: Conn = db()) {
	const [events, reverts] = await Promise.all([
		conn
			.select()
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.import'))
			.orderBy(desc(auditEvents.id))
			.limit(limit),
		conn
			.select({ after: auditEvents.after })
			.from(auditEvents)
			.where(eq(auditEvents.action, 'period.import.revert'))
	]);
	const reverted = new Set(
		reverts.map((r) => (r.after as { revertedEvent?: number })?.revertedEvent)
	);
	return events.map((e) => importEntry(e, reverted.has(e.id)));
}

/** True when the import `eventId` was undone already (its revert event exists). */
async function wasReverted(eventId: number, conn: Conn): Promise<boolean> {
	const [again] = await conn
		.select({ id: auditEvents.id })
		.from(auditEvents)
		.where(
			and(
				eq(auditEvents.action, 'period.import.revert'),
				sql`json_extract(${auditEvents.after}, '$.revertedEvent') = ${eventId}`
			)
		)
		.limit(1);
	return !!again;
}

/** One import of the history (for the revert confirmation), or null when there is none. */
export async function findImport(eventId: number, conn: Conn = db()): Promise<ImportEntry | null> {
	const [event] = await conn.select().from(auditEvents).where(eq(auditEvents.id, eventId));
	if (!event || event.action !== 'period.import') return null;
	return importEntry(event, await wasReverted(eventId, conn));
}

/**
 * Undoes an import: restores every changed cell's value from before it (an import into a new
 * year removes that year again, with the OPDs it created if nothing else uses them). Refused when
 * any of those cells changed since, when the period is locked, or when it was reverted already.
 * One transaction with its own audit event.
 */
export async function revertImport(
	eventId: number,
	actor: Actor,
	conn: Conn = db()
): Promise<RevertOutcome> {
	try {
		const restored = await conn.transaction(async (tx) => {
			const [event] = await tx.select().from(auditEvents).where(eq(auditEvents.id, eventId));
			if (!event || event.action !== 'period.import')
				throw new Refused(`Impor #${eventId} tidak ditemukan.`);
			if (await wasReverted(eventId, tx))
				throw new Refused(`Impor #${eventId} sudah dibatalkan sebelumnya.`);
			const [period] = event.periodId
				? await tx.select().from(periods).where(eq(periods.id, event.periodId))
				: [];
			if (!period) throw new Refused(`Periode impor #${eventId} sudah tidak ada.`);
			if (period.status === 'final' || period.status === 'published')
				throw new Refused(
					`Periode ${period.year} berstatus "${STATUS_LABELS[period.status]}" dan terkunci; buka kembali ` +
						'periode itu sebelum membatalkan impor.'
				);
			const after = (event.after ?? {}) as ImportAfter;
			const count = after.createdPeriod
				? await removeCreatedPeriod(tx, period, after, eventId)
				: await restoreCells(tx, period.id, after.changes ?? [], actor);
			await audit.record(
				actor,
				{
					action: 'period.import.revert',
					entityType: 'period',
					entityId: period.year,
					periodId: after.createdPeriod ? null : period.id,
					before: null,
					after: { revertedEvent: eventId, restored: count, removedPeriod: !!after.createdPeriod }
				},
				tx
			);
			return count;
		});
		return { ok: true, restored };
	} catch (e) {
		if (e instanceof Refused) return { ok: false, message: e.message };
		throw e;
	}
}

async function restoreCells(
	tx: Conn,
	periodId: number,
	changes: AuditedChange[],
	actor: Actor
): Promise<number> {
	const conflicts: string[] = [];
	const now = new Date();
	const work: (() => Promise<unknown>)[] = [];
	for (const change of changes) {
		const [cell] = await tx
			.select()
			.from(assessments)
			.where(
				and(
					eq(assessments.periodId, periodId),
					eq(assessments.opdId, change.opdId),
					eq(assessments.indicatorId, change.indicatorId)
				)
			);
		const same =
			cell &&
			cell.version === change.version &&
			cell.value === change.after.value &&
			cell.notApplicable === change.after.notApplicable &&
			(!change.evidence ||
				(cell.evidenceUrl === change.evidence.after.evidenceUrl &&
					cell.note === change.evidence.after.note));
		if (!same) {
			conflicts.push(`${change.opd} × ${change.indicator}`);
			continue;
		}
		work.push(() =>
			change.before === null
				? tx.delete(assessments).where(eq(assessments.id, cell.id))
				: tx
						.update(assessments)
						.set({
							...change.before,
							...(change.evidence ? change.evidence.before : {}),
							assessedBy: actor.userId,
							assessedAt: now,
							version: cell.version + 1
						})
						.where(eq(assessments.id, cell.id))
		);
	}
	if (conflicts.length) {
		const list = conflicts.slice(0, 5).join(', ') + (conflicts.length > 5 ? ', …' : '');
		throw new Refused(
			`Impor tidak dapat dibatalkan: ${conflicts.length} sel sudah diubah sejak impor (${list}). ` +
				'Ubah sel itu secara manual bila perlu.'
		);
	}
	for (const run of work) await run();
	return changes.length;
}

async function removeCreatedPeriod(
	tx: Conn,
	period: typeof periods.$inferSelect,
	after: ImportAfter,
	eventId: number
): Promise<number> {
	if (period.status !== 'draft')
		throw new Refused(
			`Periode ${period.year} sudah berstatus "${STATUS_LABELS[period.status]}"; impor yang membuatnya tidak ` +
				'dapat dibatalkan lagi.'
		);
	const [touched] = await tx
		.select({ id: assessments.id })
		.from(assessments)
		.where(
			and(
				eq(assessments.periodId, period.id),
				or(gt(assessments.version, 1), isNotNull(assessments.selfAt))
			)
		)
		.limit(1);
	const [later] = await tx
		.select({ id: auditEvents.id })
		.from(auditEvents)
		.where(and(eq(auditEvents.periodId, period.id), gt(auditEvents.id, eventId)))
		.limit(1);
	if (touched || later)
		throw new Refused(
			`Periode ${period.year} sudah diubah sejak impor; impor yang membuatnya tidak dapat ` +
				'dibatalkan lagi.'
		);
	const [{ n } = { n: 0 }] = await tx
		.select({ n: sql<number>`count(*)` })
		.from(assessments)
		.where(eq(assessments.periodId, period.id));
	// Children first, explicitly: the cascade is not needed to understand what goes.
	await tx.delete(assessments).where(eq(assessments.periodId, period.id));
	await tx.delete(periodOpds).where(eq(periodOpds.periodId, period.id));
	await tx.delete(indicators).where(eq(indicators.periodId, period.id));
	await tx.delete(periods).where(eq(periods.id, period.id));
	// OPDs the import created go too, unless something else now refers to them. Set-based and in
	// chunks: a national import creates more OPDs than SQLite takes variables in one statement.
	// Each NOT IN list is read once (uncorrelated), not once per OPD.
	const unused = (table: string, column: string) =>
		sql`${opds.id} not in (select ${sql.identifier(column)} from ${sql.identifier(table)} where ${sql.identifier(column)} is not null)`;
	const created = after.opdsCreated ?? [];
	for (let i = 0; i < created.length; i += CREATED_CHUNK) {
		await tx
			.delete(opds)
			.where(
				and(
					inArray(opds.slug, created.slice(i, i + CREATED_CHUNK)),
					unused('period_opds', 'opd_id'),
					unused('users', 'opd_id'),
					unused('award_entries', 'opd_id'),
					unused('assessments', 'opd_id'),
					unused('appeals', 'opd_id'),
					unused('opds', 'merged_into_id')
				)
			);
	}
	return Number(n);
}
