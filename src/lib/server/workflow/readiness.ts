import { and, eq, isNull, sql } from 'drizzle-orm';
import { readinessOf, type Readiness } from '../../workflow/readiness';
import { stageOfIndicator, stagesOf, stoppedOpds } from './stages/read';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { appeals, assessments, indicators, opds, periodOpds, periods } from '../db/schema';
import { openTies } from './ties';
import { doubleScoringGaps } from './double-scoring';
import { lengthProblem, TEXT_LIMITS } from '../../validation/text-limits';
import { WorkflowError } from './error';
import {
	DEFAULT_NOT_RATED_KIND,
	notRatedReasonProblem,
	type NotRatedKind
} from '../../workflow/not-rated';

/**
 * The cells of a period that have no verified value yet, as (OPD, indicator) pairs with the OPD's
 * name that year. A staged period leaves out the later stages of an OPD that did not go on: those
 * cells are never assessed, by design.
 */
export async function unassessedCells(periodId: number, conn: Conn) {
	const rows = await conn
		.select({
			opdId: periodOpds.opdId,
			opd: periodOpds.displayName,
			indicatorId: indicators.id,
			indicatorKey: indicators.key
		})
		.from(periodOpds)
		.innerJoin(indicators, eq(indicators.periodId, periodOpds.periodId))
		.leftJoin(
			assessments,
			and(
				eq(assessments.periodId, periodOpds.periodId),
				eq(assessments.opdId, periodOpds.opdId),
				eq(assessments.indicatorId, indicators.id)
			)
		)
		.where(
			and(
				eq(periodOpds.periodId, periodId),
				isNull(periodOpds.notRatedReason),
				sql`(${assessments.id} is null or (${assessments.value} is null and ${assessments.notApplicable} = 0))`
			)
		);
	const { rubric, staged } = await stagesOf(periodId, conn);
	if (!staged) return { rows };
	const stageOf = stageOfIndicator(rubric);
	const order = new Map(rubric.stages.map((s, i) => [s.key, i]));
	const stopped = await stoppedOpds(periodId, conn);
	const countsCell = (opdId: number, indicatorKey: string) => {
		const stop = stopped.get(opdId);
		if (!stop) return true;
		return (order.get(stageOf.get(indicatorKey) ?? '') ?? 0) <= (order.get(stop.stageKey) ?? 0);
	};
	return { rows: rows.filter((r) => countsCell(r.opdId, r.indicatorKey)) };
}

/** What is left before the period can be finalised or published (see workflow/readiness). */
export async function readinessOfPeriod(periodId: number, conn: Conn = db()): Promise<Readiness> {
	const [roster, [indicatorCount], missing, [openAppeals], [unverified], ties, double] =
		await Promise.all([
			conn
				.select({
					opdId: periodOpds.opdId,
					slug: opds.slug,
					opd: periodOpds.displayName,
					notRatedReason: periodOpds.notRatedReason,
					notRatedKind: periodOpds.notRatedKind
				})
				.from(periodOpds)
				.innerJoin(opds, eq(opds.id, periodOpds.opdId))
				.where(eq(periodOpds.periodId, periodId)),
			conn
				.select({ n: sql<number>`count(*)` })
				.from(indicators)
				.where(eq(indicators.periodId, periodId)),
			unassessedCells(periodId, conn),
			conn
				.select({ n: sql<number>`count(*)` })
				.from(appeals)
				.where(and(eq(appeals.periodId, periodId), eq(appeals.status, 'pending'))),
			conn
				.select({ n: sql<number>`count(*)` })
				.from(assessments)
				.where(
					and(
						eq(assessments.periodId, periodId),
						isNull(assessments.value),
						eq(assessments.notApplicable, false),
						sql`(${assessments.selfValue} is not null or ${assessments.selfNotApplicable} = 1)`
					)
				),
			openTies(periodId, conn),
			doubleScoringGaps(periodId, conn)
		]);
	const gaps = new Map<number, number>();
	for (const r of missing.rows) gaps.set(r.opdId, (gaps.get(r.opdId) ?? 0) + 1);
	const rated = roster.filter((o) => o.notRatedReason === null);
	return readinessOf({
		notRated: roster.flatMap((o) =>
			o.notRatedReason === null
				? []
				: [{ slug: o.slug, opd: o.opd, reason: o.notRatedReason, kind: o.notRatedKind }]
		),
		opds: rated.map((o) => ({
			slug: o.slug,
			opd: o.opd,
			unassessed: gaps.get(o.opdId) ?? 0,
			cells: Number(indicatorCount?.n ?? 0)
		})),
		openAppeals: Number(openAppeals?.n ?? 0),
		unsettledTies: ties.ties.length,
		unverifiedSelf: Number(unverified?.n ?? 0),
		doubleScoring: double
	});
}

/** How many cells still have no verified value (what blocks publishing). */
export async function unassessedCount(periodId: number, conn: Conn = db()): Promise<number> {
	if (await everyCellAssessed(periodId, conn)) return 0;
	return (await unassessedCells(periodId, conn)).rows.length;
}

/**
 * True when no cell of the period is open: no row without a value that is not "not applicable",
 * and every rated OPD has a row for each of the period's indicators (counted along the cell
 * index). Periods reach publishing complete; finding that by pairing each OPD with each
 * indicator (`unassessedCells`) took 215 ms of a nation-scale publish (25,000 × 20), this 90 ms.
 * False sends the caller to the exact count (an open row of an OPD left out included).
 */
async function everyCellAssessed(periodId: number, conn: Conn): Promise<boolean> {
	const ids = sql`SELECT id FROM ${indicators} WHERE period_id = ${periodId}`;
	// `+indicator_id`: filtered while walking an OPD's cells, not one index search per indicator.
	const [row] = await conn.all<{ complete: number }>(sql`
		SELECT NOT EXISTS (
			SELECT 1 FROM ${assessments}
			WHERE period_id = ${periodId} AND value IS NULL AND not_applicable = 0
		) AND NOT EXISTS (
			SELECT 1 FROM ${periodOpds} r
			WHERE r.period_id = ${periodId} AND r.not_rated_reason IS NULL
				AND (SELECT count(*) FROM ${assessments} a
					WHERE a.period_id = r.period_id AND a.opd_id = r.opd_id AND +a.indicator_id IN (${ids})
				) < (SELECT count(*) FROM (${ids}))
		) AS complete`);
	return row?.complete === 1;
}

/**
 * The team's decision for the cells nobody assessed: they count as "tidak ada" (0), as the
 * annual reports read an empty cell. Written as real cell values by the deciding user, with one
 * audit record holding the reason and the count per OPD, so publishing can go on. Only while
 * the period is final (decided just before publishing) or under evaluation.
 */
export async function markUnassessedAbsent(
	periodId: number,
	reason: string,
	actor: Actor,
	conn: Conn = db()
): Promise<number> {
	const why = reason.trim();
	if (why.length < 5)
		throw new WorkflowError(400, 'Tuliskan alasan keputusan (minimal 5 karakter).');
	const tooLong = lengthProblem('Alasan keputusan', why, TEXT_LIMITS.text);
	if (tooLong) throw new WorkflowError(400, tooLong);
	return conn.transaction(async (tx) => {
		const [period] = await tx.select().from(periods).where(eq(periods.id, periodId));
		if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
		if (period.status !== 'final' && period.status !== 'evaluation')
			throw new WorkflowError(
				409,
				'Sel yang belum dinilai hanya dapat diputuskan saat periode dalam evaluasi atau final.'
			);
		const { rows } = await unassessedCells(periodId, tx);
		if (rows.length === 0) return 0;
		const now = new Date();
		for (let i = 0; i < rows.length; i += 500) {
			const chunk = rows.slice(i, i + 500);
			await tx
				.insert(assessments)
				.values(
					chunk.map((r) => ({
						periodId,
						opdId: r.opdId,
						indicatorId: r.indicatorId,
						value: 0,
						assessedBy: actor.userId,
						assessedAt: now
					}))
				)
				.onConflictDoUpdate({
					target: [assessments.periodId, assessments.opdId, assessments.indicatorId],
					set: {
						value: 0,
						assessedBy: actor.userId,
						assessedAt: now,
						version: sql`${assessments.version} + 1`
					}
				});
		}
		const perOpd = new Map<string, number>();
		for (const r of rows) perOpd.set(r.opd, (perOpd.get(r.opd) ?? 0) + 1);
		await audit.record(
			actor,
			{
				action: 'period.unassessed-absent',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: { unassessed: rows.length },
				after: { value: 0, reason: why, cells: rows.length, opds: Object.fromEntries(perOpd) }
			},
			tx
		);
		return rows.length;
	});
}

/** Which way an OPD is left out of a period, and why ('' allowed for "tidak berpartisipasi"). */
export interface NotRatedDecision {
	kind: NotRatedKind;
	reason: string;
}

/**
 * The team's other decision for an OPD it could not assess: "tidak dinilai" this year (evaluated
 * but excluded, with a reason) or "tidak berpartisipasi" (did not take part, reason optional). A
 * bare string is a "tidak dinilai" reason. The OPD leaves scoring and ranking (its cells stay as
 * they are) and is listed apart on the results under the heading of its kind; `decision` null
 * rates it again. Audited; only before the year is published.
 */
export async function setOpdNotRated(
	periodId: number,
	opdSlug: string,
	decision: NotRatedDecision | string | null,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	const chosen =
		typeof decision === 'string' ? { kind: DEFAULT_NOT_RATED_KIND, reason: decision } : decision;
	const why = chosen === null ? null : chosen.reason.trim();
	const kind = chosen?.kind ?? DEFAULT_NOT_RATED_KIND;
	if (why !== null) {
		const problem = notRatedReasonProblem(kind, why);
		if (problem) throw new WorkflowError(400, problem);
		const tooLong = lengthProblem('Alasan', why, TEXT_LIMITS.text);
		if (tooLong) throw new WorkflowError(400, tooLong);
	}
	await conn.transaction(async (tx) => {
		const [period] = await tx.select().from(periods).where(eq(periods.id, periodId));
		if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
		if (period.status !== 'final' && period.status !== 'evaluation')
			throw new WorkflowError(
				409,
				'OPD hanya dapat dinyatakan tidak dinilai saat periode dalam evaluasi atau final.'
			);
		const [entry] = await tx
			.select({
				opdId: periodOpds.opdId,
				name: periodOpds.displayName,
				notRatedReason: periodOpds.notRatedReason,
				notRatedKind: periodOpds.notRatedKind
			})
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.where(and(eq(periodOpds.periodId, periodId), eq(opds.slug, opdSlug)));
		if (!entry)
			throw new WorkflowError(404, `OPD "${opdSlug}" tidak ada dalam daftar OPD periode ini.`);
		if (entry.notRatedReason === why && (why === null || entry.notRatedKind === kind)) return;
		await tx
			.update(periodOpds)
			.set({ notRatedReason: why, notRatedKind: kind })
			.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, entry.opdId)));
		await audit.record(
			actor,
			{
				action: why === null ? 'period.opd-rated' : 'period.opd-not-rated',
				entityType: 'opd',
				entityId: opdSlug,
				periodId,
				before: {
					opd: entry.name,
					notRatedReason: entry.notRatedReason,
					...(entry.notRatedReason === null ? {} : { notRatedKind: entry.notRatedKind })
				},
				after: {
					opd: entry.name,
					notRatedReason: why,
					...(why === null ? {} : { notRatedKind: kind })
				}
			},
			tx
		);
	});
}
