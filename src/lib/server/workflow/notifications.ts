import { and, desc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Role } from '../../permissions';
import { db, type Conn } from '../db';
import {
	notifications,
	opdParticipation,
	periodOpds,
	periodStages,
	periods,
	users
} from '../db/schema';
import { formatDateTime } from '../../datetime';
import { readTimeZone } from '../config';

export interface NotificationInput {
	kind:
		| 'self.submitted'
		| 'cell.changed'
		| 'appeal.filed'
		| 'appeal.answered'
		| 'deadline.set'
		| 'period.moved'
		| 'participation.reminder';
	message: string;
	href?: string | null;
	periodId?: number | null;
}

/** Notifies the given users (e.g. the evaluators assigned to a stage). */
export async function notifyUsers(userIds: number[], input: NotificationInput, conn: Conn = db()) {
	await insertFor(userIds, input, conn);
}

async function insertFor(userIds: number[], input: NotificationInput, conn: Conn) {
	if (!userIds.length) return;
	await conn.insert(notifications).values(
		userIds.map((userId) => ({
			userId,
			kind: input.kind,
			message: input.message,
			href: input.href ?? null,
			periodId: input.periodId ?? null
		}))
	);
}

/** Notifies every active user of the given roles (e.g. all evaluators). */
export async function notifyRoles(roles: Role[], input: NotificationInput, conn: Conn = db()) {
	const rows = await conn
		.select({ id: users.id })
		.from(users)
		.where(and(inArray(users.role, roles), isNull(users.disabledAt)));
	await insertFor(
		rows.map((r) => r.id),
		input,
		conn
	);
}

/** Notifies the active operators of one OPD. */
export async function notifyOpd(opdId: number, input: NotificationInput, conn: Conn = db()) {
	const rows = await conn
		.select({ id: users.id })
		.from(users)
		.where(and(eq(users.opdId, opdId), eq(users.role, 'operator'), isNull(users.disabledAt)));
	await insertFor(
		rows.map((r) => r.id),
		input,
		conn
	);
}

/** Notifies the active operators of every OPD in a period's roster. */
export async function notifyRoster(periodId: number, input: NotificationInput, conn: Conn = db()) {
	const rows = await conn
		.select({ id: users.id })
		.from(users)
		.innerJoin(periodOpds, eq(periodOpds.opdId, users.opdId))
		.where(
			and(eq(periodOpds.periodId, periodId), eq(users.role, 'operator'), isNull(users.disabledAt))
		);
	await insertFor(
		rows.map((r) => r.id),
		input,
		conn
	);
}

/** A user's notifications, newest first. */
export async function listFor(userId: number, limit = 100, conn: Conn = db()) {
	return conn
		.select()
		.from(notifications)
		.where(eq(notifications.userId, userId))
		.orderBy(desc(notifications.id))
		.limit(limit);
}

/** Marks all of a user's notifications read (only their own: the user id is in the query). */
export async function markAllRead(userId: number, conn: Conn = db()) {
	await conn
		.update(notifications)
		.set({ readAt: new Date() })
		.where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** How early an operator is reminded of the self-assessment deadline. */
export const DEADLINE_NEAR_MS = 3 * 86_400_000;

/**
 * "Deadline near" reminders for an operator, computed when asked (nothing to schedule): the open
 * periods of its OPD whose self-assessment deadline falls within the next three days, and the
 * announced stages whose appeal window (masa sanggah) closes within them.
 */
export async function deadlineReminders(opdId: number, now = new Date(), conn: Conn = db()) {
	const soon = new Date(now.getTime() + DEADLINE_NEAR_MS);
	// The OPD's own deadline: the period's, or its extension when later (participation.ts).
	const own = sql<Date>`case when ${opdParticipation.extendedUntil} > ${periods.selfAssessmentDeadline} then ${opdParticipation.extendedUntil} else ${periods.selfAssessmentDeadline} end`;
	const [selfRows, stageRows] = await Promise.all([
		conn
			.select({ year: periods.year, deadline: own.mapWith(periods.selfAssessmentDeadline) })
			.from(periodOpds)
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.leftJoin(
				opdParticipation,
				and(
					eq(opdParticipation.periodId, periodOpds.periodId),
					eq(opdParticipation.opdId, periodOpds.opdId)
				)
			)
			.where(
				and(
					eq(periodOpds.opdId, opdId),
					eq(periods.status, 'open'),
					gt(own, now.getTime()),
					lte(own, soon.getTime())
				)
			),
		conn
			.select({
				year: periods.year,
				rubric: periods.rubricConfig,
				stageKey: periodStages.stageKey,
				deadline: periodStages.appealEndsAt
			})
			.from(periodOpds)
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.innerJoin(periodStages, eq(periodStages.periodId, periods.id))
			.where(
				and(
					eq(periodOpds.opdId, opdId),
					eq(periods.status, 'evaluation'),
					eq(periodStages.status, 'announced'),
					gt(periodStages.appealEndsAt, now),
					lte(periodStages.appealEndsAt, soon)
				)
			)
	]);
	const zone = readTimeZone();
	const when = (d: Date) => formatDateTime(d, zone);
	return [
		...selfRows.map((r) => ({
			year: r.year,
			deadline: r.deadline!,
			message: `Batas penilaian mandiri ${r.year} tinggal kurang dari 3 hari (${when(r.deadline!)}).`,
			href: `/opd-saya/${r.year}`
		})),
		...stageRows.map((r) => {
			const label = r.rubric.stages.find((s) => s.key === r.stageKey)?.label ?? r.stageKey;
			return {
				year: r.year,
				deadline: r.deadline!,
				message: `Masa sanggah tahap "${label}" ${r.year} berakhir kurang dari 3 hari lagi (${when(r.deadline!)}).`,
				href: `/opd-saya/${r.year}`
			};
		})
	];
}
