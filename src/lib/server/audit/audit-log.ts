import { and, desc, eq, inArray, lt, ne, type SQL } from 'drizzle-orm';
import {
	describeAuditEvent,
	type AuditEventInput,
	type AuditNames
} from '../../workflow/audit-text';
import { db, type Conn } from '../db';
import { auditEvents, indicators, opds, periods, users } from '../db/schema';

export interface AuditFilter {
	year?: number;
	entityType?: string;
	actor?: string;
	/** Keyset page: events older than this id. */
	before?: number;
	/**
	 * Leave out the raters' own values of double-scored periods (entity `rater-score`): an
	 * evaluator must not read another rater's value here before both submitted. Their originals
	 * reach the cell's history once the cell is agreed or settled.
	 */
	hideRaterScores?: boolean;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log, newest first, filtered by period, entity type and actor, one page at a time
 * (keyset on the id, so deep pages stay as fast as the first). Answers the page and the id to
 * continue from (null on the last page).
 */
export async function searchAudit(filter: AuditFilter, conn: Conn = db()) {
	const where: SQL[] = [];
	if (filter.entityType) where.push(eq(auditEvents.entityType, filter.entityType));
	if (filter.actor) where.push(eq(auditEvents.actor, filter.actor));
	if (filter.before) where.push(lt(auditEvents.id, filter.before));
	if (filter.hideRaterScores) where.push(ne(auditEvents.entityType, 'rater-score'));
	if (filter.year) {
		const [p] = await conn
			.select({ id: periods.id })
			.from(periods)
			.where(eq(periods.year, filter.year));
		if (!p) return { events: [], next: null };
		where.push(eq(auditEvents.periodId, p.id));
	}
	const rows = await conn
		.select({
			id: auditEvents.id,
			at: auditEvents.at,
			actor: auditEvents.actor,
			action: auditEvents.action,
			entityType: auditEvents.entityType,
			entityId: auditEvents.entityId,
			year: periods.year,
			before: auditEvents.before,
			after: auditEvents.after
		})
		.from(auditEvents)
		.leftJoin(periods, eq(periods.id, auditEvents.periodId))
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditEvents.id))
		.limit(AUDIT_PAGE_SIZE + 1);
	const more = rows.length > AUDIT_PAGE_SIZE;
	const events = rows.slice(0, AUDIT_PAGE_SIZE);
	return { events, next: more ? (events.at(-1)?.id ?? null) : null };
}

/** The distinct entity types and actors, for the filter menus. */
export async function auditFacets(conn: Conn = db()) {
	const [types, actors] = await Promise.all([
		conn.selectDistinct({ v: auditEvents.entityType }).from(auditEvents),
		conn.selectDistinct({ v: auditEvents.actor }).from(auditEvents)
	]);
	return { entityTypes: types.map((t) => t.v).sort(), actors: actors.map((a) => a.v).sort() };
}

/**
 * The events of one page in sentences (workflow/audit-text.ts), with the names of the OPDs,
 * categories and users they are about read in three queries for the whole page.
 */
export async function describeEvents<E extends AuditEventInput>(events: E[], conn: Conn = db()) {
	const opdIds = new Set<number>();
	const indicatorIds = new Set<number>();
	const userIds = new Set<number>();
	for (const e of events) {
		if (e.entityType === 'cell') {
			const [, opd, indicator] = e.entityId.split(':').map(Number);
			if (Number.isInteger(opd)) opdIds.add(opd!);
			if (Number.isInteger(indicator)) indicatorIds.add(indicator!);
		} else if (e.entityType === 'opd' && /^\d+$/.test(e.entityId)) opdIds.add(Number(e.entityId));
		else if (e.entityType === 'user' && /^\d+$/.test(e.entityId)) userIds.add(Number(e.entityId));
	}
	const [opdRows, indicatorRows, userRows] = await Promise.all([
		opdIds.size
			? conn
					.select({ id: opds.id, name: opds.name })
					.from(opds)
					.where(inArray(opds.id, [...opdIds]))
			: [],
		indicatorIds.size
			? conn
					.select({ id: indicators.id, label: indicators.label })
					.from(indicators)
					.where(inArray(indicators.id, [...indicatorIds]))
			: [],
		userIds.size
			? conn
					.select({ id: users.id, username: users.username })
					.from(users)
					.where(inArray(users.id, [...userIds]))
			: []
	]);
	const opdNames = new Map(opdRows.map((r) => [r.id, r.name]));
	const indicatorNames = new Map(indicatorRows.map((r) => [r.id, r.label]));
	const userNames = new Map(userRows.map((r) => [r.id, r.username]));
	const names: AuditNames = {
		opd: (id) => opdNames.get(id),
		indicator: (id) => indicatorNames.get(id),
		user: (id) => userNames.get(id)
	};
	return events.map((e) => ({ event: e, ...describeAuditEvent(e, names) }));
}
