import { and, desc, eq } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { auditEvents } from '../db/schema';

/** Who is acting: a signed-in user, or a named system actor ("cli", "seed"). */
export interface Actor {
	userId: number | null;
	name: string;
}

export const SYSTEM_ACTORS = {
	seed: { userId: null, name: 'seed' },
	cli: { userId: null, name: 'cli' }
} satisfies Record<string, Actor>;

export interface AuditInput {
	action: string;
	entityType: string;
	entityId: string | number;
	periodId?: number | null;
	before?: unknown;
	after?: unknown;
}

/** Appends one audit event; call it inside the transaction that makes the change. */
export async function record(actor: Actor, input: AuditInput, conn: Conn = db()): Promise<void> {
	await conn.insert(auditEvents).values({
		userId: actor.userId,
		actor: actor.name,
		action: input.action,
		entityType: input.entityType,
		entityId: String(input.entityId),
		periodId: input.periodId ?? null,
		before: input.before ?? null,
		after: input.after ?? null
	});
}

/** Audit history of one entity, newest first. */
export async function historyOf(entityType: string, entityId: string | number, conn: Conn = db()) {
	return conn
		.select()
		.from(auditEvents)
		.where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, String(entityId))))
		.orderBy(desc(auditEvents.id));
}

/** The most recent audit events, newest first. */
export async function recent(limit = 100, conn: Conn = db()) {
	return conn.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(limit);
}
