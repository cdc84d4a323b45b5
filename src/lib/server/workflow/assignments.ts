import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
	assignmentConflictRefusal,
	assignmentLocks,
	assignmentRefusal,
	type GridLocks,
	type AssignmentRules,
	type AssignmentScope
} from '../../workflow/assignments';
import { type PeriodStatus } from '../../workflow/lifecycle';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import {
	assignmentAspects,
	assignmentOpds,
	evaluatorConflicts,
	indicators,
	periodOpds,
	periods,
	users
} from '../db/schema';
import { WorkflowError } from './error';

/** Who scores what in a period: assignments per evaluator and conflicts of interest (data verbs). */

/** Whether the period has any assignment at all (otherwise every evaluator may fill every cell). */
async function periodAssigned(periodId: number, conn: Conn): Promise<boolean> {
	const [row] = await conn.all<{ any: number | null }>(sql`SELECT
		coalesce((SELECT 1 FROM assignment_opds WHERE period_id = ${periodId} LIMIT 1),
			(SELECT 1 FROM assignment_aspects WHERE period_id = ${periodId} LIMIT 1)) AS any`);
	return Boolean(row?.any);
}

/** Every evaluator's scope in a period, by user id. */
async function scopesOf(periodId: number, conn: Conn): Promise<Map<number, AssignmentScope>> {
	const [opdRows, aspectRows] = await Promise.all([
		conn
			.select({ userId: assignmentOpds.userId, opdId: assignmentOpds.opdId })
			.from(assignmentOpds)
			.where(eq(assignmentOpds.periodId, periodId)),
		conn
			.select({ userId: assignmentAspects.userId, aspect: assignmentAspects.aspect })
			.from(assignmentAspects)
			.where(eq(assignmentAspects.periodId, periodId))
	]);
	const scopes = new Map<number, { opdIds: number[]; aspects: string[] }>();
	const scopeOf = (id: number) => {
		let s = scopes.get(id);
		if (!s) scopes.set(id, (s = { opdIds: [], aspects: [] }));
		return s;
	};
	for (const r of opdRows) scopeOf(r.userId).opdIds.push(r.opdId);
	for (const r of aspectRows) scopeOf(r.userId).aspects.push(r.aspect);
	return scopes;
}

/** Conflicts of one user in a period: OPD id → note. */
async function conflictsOf(
	periodId: number,
	userId: number,
	conn: Conn
): Promise<Map<number, string>> {
	const rows = await conn
		.select({ opdId: evaluatorConflicts.opdId, note: evaluatorConflicts.note })
		.from(evaluatorConflicts)
		.where(and(eq(evaluatorConflicts.periodId, periodId), eq(evaluatorConflicts.userId, userId)));
	return new Map(rows.map((r) => [r.opdId, r.note]));
}

/** What `assignmentRefusal` needs about one user in one period. A system actor has no limits. */
export async function rulesFor(
	periodId: number,
	userId: number | null,
	conn: Conn = db()
): Promise<AssignmentRules> {
	if (userId === null) return { periodAssigned: false, scope: null, conflicts: new Map() };
	const [assigned, scopes, conflicts] = await Promise.all([
		periodAssigned(periodId, conn),
		scopesOf(periodId, conn),
		conflictsOf(periodId, userId, conn)
	]);
	return { periodAssigned: assigned, scope: scopes.get(userId) ?? null, conflicts };
}

async function isAdminActor(actor: Pick<Actor, 'userId'>, conn: Conn): Promise<boolean> {
	if (actor.userId === null) return true;
	const [user] = await conn
		.select({ role: users.role })
		.from(users)
		.where(eq(users.id, actor.userId));
	return user?.role === 'admin';
}

/**
 * Why `actor` may not set this cell under the period's assignments and conflicts, or null.
 * setCell calls it only when the period has assignments or the actor a conflict with the OPD.
 */
export async function cellAssignmentBlock(
	periodId: number,
	opdId: number,
	indicatorId: number,
	actor: Actor,
	conn: Conn = db()
): Promise<string | null> {
	const [[cell], rules, isAdmin, labels] = await Promise.all([
		conn.all<{ opd_name: string; aspect: string }>(sql`SELECT
			coalesce(r.display_name, o.name) AS opd_name, i.aspect AS aspect
			FROM indicators i JOIN opds o ON o.id = ${opdId}
			LEFT JOIN period_opds r ON r.period_id = ${periodId} AND r.opd_id = o.id
			WHERE i.id = ${indicatorId}`),
		rulesFor(periodId, actor.userId, conn),
		isAdminActor(actor, conn),
		aspectLabelsOf(periodId, conn)
	]);
	if (!cell) return null;
	return assignmentRefusal(
		rules,
		{ isAdmin },
		{
			opdId,
			opdName: cell.opd_name,
			aspect: cell.aspect,
			aspectLabel: labels.get(cell.aspect) ?? cell.aspect
		}
	);
}

async function aspectLabelsOf(periodId: number, conn: Conn): Promise<Map<string, string>> {
	const [period] = await conn
		.select({ config: periods.rubricConfig })
		.from(periods)
		.where(eq(periods.id, periodId));
	return new Map((period?.config.aspects ?? []).map((a) => [a.key, a.label]));
}

/**
 * What the import planner needs to check cells as `cellAssignmentBlock` does, read once for the
 * whole file; null when nothing limits this importer (no assignments, no conflicts).
 */
export async function importAssignmentContext(
	periodId: number,
	userId: number | null,
	conn: Conn = db()
): Promise<{
	rules: AssignmentRules;
	aspectOfIndicatorId: Map<number, string>;
	aspectLabels: Map<string, string>;
} | null> {
	const rules = await rulesFor(periodId, userId, conn);
	if (!rules.periodAssigned && rules.conflicts.size === 0) return null;
	const [rows, aspectLabels] = await Promise.all([
		conn
			.select({ id: indicators.id, aspect: indicators.aspect })
			.from(indicators)
			.where(eq(indicators.periodId, periodId)),
		aspectLabelsOf(periodId, conn)
	]);
	return { rules, aspectOfIndicatorId: new Map(rows.map((r) => [r.id, r.aspect])), aspectLabels };
}

/** What the matrix grid locks for this user under assignments and conflicts (see assignmentLocks). */
export async function matrixAssignmentLocks(
	periodId: number,
	user: { id: number; role: string },
	rows: readonly { id: number; name: string }[],
	conn: Conn = db()
): Promise<GridLocks | null> {
	const [rules, inds] = await Promise.all([
		rulesFor(periodId, user.id, conn),
		conn
			.select({ id: indicators.id, aspect: indicators.aspect })
			.from(indicators)
			.where(eq(indicators.periodId, periodId))
	]);
	return assignmentLocks(rules, { isAdmin: user.role === 'admin' }, inds, rows);
}

/** One user's scope for the matrix ("Tugas saya"): null when the period has no assignments. */
export async function myAssignment(
	periodId: number,
	userId: number,
	conn: Conn = db()
): Promise<{
	periodAssigned: boolean;
	scope: AssignmentScope | null;
	conflictOpdIds: number[];
} | null> {
	const rules = await rulesFor(periodId, userId, conn);
	if (!rules.periodAssigned && rules.conflicts.size === 0) return null;
	return {
		periodAssigned: rules.periodAssigned,
		scope: rules.scope,
		conflictOpdIds: [...rules.conflicts.keys()]
	};
}

async function editablePeriod(periodId: number, conn: Conn) {
	const [period] = await conn.select().from(periods).where(eq(periods.id, periodId));
	if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
	if (!assignmentsEditable(period.status))
		throw new WorkflowError(
			409,
			`Periode ${period.year} sudah ${period.status === 'final' ? 'final' : 'dipublikasikan'}: ` +
				'penugasan dan konflik kepentingan tidak dapat diubah lagi.'
		);
	return period;
}

async function evaluatorOrFail(userId: number, conn: Conn) {
	const [user] = await conn
		.select({
			id: users.id,
			name: users.displayName,
			role: users.role,
			disabledAt: users.disabledAt
		})
		.from(users)
		.where(eq(users.id, userId));
	if (!user || user.disabledAt || (user.role !== 'evaluator' && user.role !== 'admin'))
		throw new WorkflowError(400, 'Penilai tidak dikenal: pilih penilai aktif dari daftar.');
	return user;
}

async function rosterNames(periodId: number, conn: Conn): Promise<Map<number, string>> {
	const rows = await conn
		.select({ id: periodOpds.opdId, name: periodOpds.displayName })
		.from(periodOpds)
		.where(eq(periodOpds.periodId, periodId));
	return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Replaces an evaluator's assignment in a period (OPDs and aspects; both empty removes it).
 * Refuses OPDs outside the roster, unknown aspects and OPDs the evaluator is linked to. Audited.
 */
export async function saveAssignment(
	periodId: number,
	userId: number,
	input: { opdIds: number[]; aspects: string[] },
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const period = await editablePeriod(periodId, tx);
		const evaluator = await evaluatorOrFail(userId, tx);
		const opdIds = [...new Set(input.opdIds)].sort((a, b) => a - b);
		const aspects = [...new Set(input.aspects)].sort();
		const roster = await rosterNames(periodId, tx);
		const outside = opdIds.filter((id) => !roster.has(id));
		if (outside.length)
			throw new WorkflowError(
				400,
				`OPD yang dipilih untuk ${evaluator.name} bukan peserta periode ${period.year}.`
			);
		const known = new Set(period.rubricConfig.aspects.map((a) => a.key));
		const unknown = aspects.filter((a) => !known.has(a));
		if (unknown.length)
			throw new WorkflowError(
				400,
				`Aspek ${unknown.map((a) => `"${a}"`).join(', ')} tidak ada pada rubrik periode ${period.year}.`
			);
		const conflicts = await conflictsOf(periodId, userId, tx);
		const clash = assignmentConflictRefusal(
			evaluator.name,
			opdIds,
			conflicts,
			(id) => roster.get(id) ?? `OPD #${id}`
		);
		if (clash) throw new WorkflowError(409, clash);
		const before = (await scopesOf(periodId, tx)).get(userId) ?? { opdIds: [], aspects: [] };
		const where = (t: typeof assignmentOpds | typeof assignmentAspects) =>
			and(eq(t.periodId, periodId), eq(t.userId, userId));
		await tx.delete(assignmentOpds).where(where(assignmentOpds));
		await tx.delete(assignmentAspects).where(where(assignmentAspects));
		if (opdIds.length)
			await tx.insert(assignmentOpds).values(opdIds.map((opdId) => ({ periodId, userId, opdId })));
		if (aspects.length)
			await tx
				.insert(assignmentAspects)
				.values(aspects.map((aspect) => ({ periodId, userId, aspect })));
		await audit.record(
			actor,
			{
				action: 'assignment.set',
				entityType: 'assignment',
				entityId: `${periodId}:${userId}`,
				periodId,
				before: {
					opdIds: [...before.opdIds].sort((a, b) => a - b),
					aspects: [...before.aspects].sort()
				},
				after: { opdIds, aspects }
			},
			tx
		);
	});
}

/**
 * Records a conflict of interest (the evaluator declares it, or the admin records it) and takes
 * the OPD out of the evaluator's assignment in the same transaction. Audited.
 */
export async function recordConflict(
	periodId: number,
	userId: number,
	opdId: number,
	note: string,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const period = await editablePeriod(periodId, tx);
		await evaluatorOrFail(userId, tx);
		const roster = await rosterNames(periodId, tx);
		if (!roster.has(opdId))
			throw new WorkflowError(400, `OPD yang dipilih bukan peserta periode ${period.year}.`);
		await tx
			.insert(evaluatorConflicts)
			.values({ periodId, userId, opdId, note, recordedBy: actor.userId })
			.onConflictDoUpdate({
				target: [evaluatorConflicts.periodId, evaluatorConflicts.userId, evaluatorConflicts.opdId],
				set: { note, recordedBy: actor.userId }
			});
		const dropped = await tx
			.delete(assignmentOpds)
			.where(
				and(
					eq(assignmentOpds.periodId, periodId),
					eq(assignmentOpds.userId, userId),
					eq(assignmentOpds.opdId, opdId)
				)
			)
			.returning();
		await audit.record(
			actor,
			{
				action: 'conflict.record',
				entityType: 'conflict',
				entityId: `${periodId}:${userId}:${opdId}`,
				periodId,
				after: { userId, opdId, opd: roster.get(opdId), note, unassigned: dropped.length > 0 }
			},
			tx
		);
	});
}

/** Removes a conflict record (the admin, e.g. after a mistaken entry). Audited. */
export async function removeConflict(
	periodId: number,
	userId: number,
	opdId: number,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		await editablePeriod(periodId, tx);
		const removed = await tx
			.delete(evaluatorConflicts)
			.where(
				and(
					eq(evaluatorConflicts.periodId, periodId),
					eq(evaluatorConflicts.userId, userId),
					eq(evaluatorConflicts.opdId, opdId)
				)
			)
			.returning();
		if (!removed.length)
			throw new WorkflowError(404, 'Catatan konflik kepentingan tidak ditemukan.');
		await audit.record(
			actor,
			{
				action: 'conflict.remove',
				entityType: 'conflict',
				entityId: `${periodId}:${userId}:${opdId}`,
				periodId,
				before: { note: removed[0]!.note }
			},
			tx
		);
	});
}

/** One evaluator on the assignment page: scope, conflicts and progress inside the scope. */
export interface AssignmentRow {
	userId: number;
	name: string;
	username: string;
	role: string;
	opdIds: number[];
	aspects: string[];
	conflicts: { opdId: number; opdName: string; note: string }[];
	/** Cells inside the scope and how many of them have a verified value (by anyone). */
	cells: number;
	filled: number;
}

/** The assignment page: every active evaluator, their scope, conflicts and progress. */
export async function assignmentBoard(periodId: number, conn: Conn = db()) {
	const [evaluators, scopes, conflictRows, roster, indicatorRows] = await Promise.all([
		conn
			.select({
				id: users.id,
				name: users.displayName,
				username: users.username,
				role: users.role
			})
			.from(users)
			.where(and(inArray(users.role, ['evaluator', 'admin']), sql`${users.disabledAt} IS NULL`))
			.orderBy(asc(users.displayName)),
		scopesOf(periodId, conn),
		conn.select().from(evaluatorConflicts).where(eq(evaluatorConflicts.periodId, periodId)),
		conn
			.select({
				id: periodOpds.opdId,
				name: periodOpds.displayName,
				number: periodOpds.displayNumber
			})
			.from(periodOpds)
			.where(eq(periodOpds.periodId, periodId))
			.orderBy(asc(periodOpds.displayNumber)),
		conn
			.select({ aspect: indicators.aspect, n: sql<number>`count(*)`.mapWith(Number) })
			.from(indicators)
			.where(eq(indicators.periodId, periodId))
			.groupBy(indicators.aspect)
	]);
	const nameOf = new Map(roster.map((r) => [r.id, r.name]));
	const perAspect = new Map(indicatorRows.map((r) => [r.aspect, r.n]));
	const totalIndicators = indicatorRows.reduce((s, r) => s + r.n, 0);
	const rows: AssignmentRow[] = [];
	for (const e of evaluators) {
		const scope = scopes.get(e.id) ?? { opdIds: [], aspects: [] };
		const assigned = scope.opdIds.length > 0 || scope.aspects.length > 0;
		const opdCount = scope.opdIds.length || roster.length;
		const indicatorCount = scope.aspects.length
			? scope.aspects.reduce((s, a) => s + (perAspect.get(a) ?? 0), 0)
			: totalIndicators;
		let filled = 0;
		if (assigned) {
			const [row] = await conn.all<{ n: number }>(sql`SELECT count(*) AS n
				FROM assessments a JOIN indicators i ON i.id = a.indicator_id
				WHERE a.period_id = ${periodId} AND a.assessed_at IS NOT NULL
					AND (a.value IS NOT NULL OR a.not_applicable = 1)
					AND (${scope.opdIds.length === 0 ? 1 : 0} = 1 OR a.opd_id IN
						(SELECT opd_id FROM assignment_opds WHERE period_id = ${periodId} AND user_id = ${e.id}))
					AND (${scope.aspects.length === 0 ? 1 : 0} = 1 OR i.aspect IN
						(SELECT aspect FROM assignment_aspects WHERE period_id = ${periodId} AND user_id = ${e.id}))`);
			filled = Number(row?.n ?? 0);
		}
		rows.push({
			userId: e.id,
			name: e.name,
			username: e.username,
			role: e.role,
			opdIds: [...scope.opdIds],
			aspects: [...scope.aspects],
			conflicts: conflictRows
				.filter((c) => c.userId === e.id)
				.map((c) => ({
					opdId: c.opdId,
					opdName: nameOf.get(c.opdId) ?? `#${c.opdId}`,
					note: c.note
				})),
			cells: assigned ? opdCount * indicatorCount : 0,
			filled
		});
	}
	return { evaluators: rows, roster, periodAssigned: scopes.size > 0 };
}

/** Assignments and conflicts change until the period is final; then the board is read-only. */
export function assignmentsEditable(status: PeriodStatus): boolean {
	return status !== 'final' && status !== 'published';
}
