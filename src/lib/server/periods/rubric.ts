import { and, asc, count, eq, inArray, isNotNull, isNull, notInArray } from 'drizzle-orm';
import { validateRubric } from '../../scoring';
import {
	hasDefinition,
	type DefinitionInput,
	type IndicatorDefinition
} from '../../validation/definition-form';
import type { IndicatorDraft } from '../../validation/rubric-form';
import { rubricEditable, STATUS_LABELS } from '../../workflow/lifecycle';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn, type Tx } from '../db';
import {
	assessments,
	indicators,
	opds,
	periodOpds,
	periods,
	type IndicatorRow
} from '../db/schema';
import { indicatorRows, toIndicator } from './periods';
import { WorkflowError } from '../workflow/error';

/** A rubric the editor cannot save, with every problem in Indonesian. */
export class RubricInvalid extends Error {
	constructor(readonly problems: string[]) {
		super(problems.join(' '));
		this.name = 'RubricInvalid';
	}
}

/** The period, if its rubric and roster may still change; a WorkflowError otherwise. */
export async function editablePeriod(periodId: number, tx: Conn) {
	const [period] = await tx.select().from(periods).where(eq(periods.id, periodId)).limit(1);
	if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
	if (!rubricEditable(period.status))
		throw new WorkflowError(
			409,
			`Periode berstatus "${STATUS_LABELS[period.status]}": rubrik dan daftar OPD tidak dapat diubah.`
		);
	return period;
}

/**
 * Replaces a period's indicators with the edited list (add, remove, reorder, re-weight, change
 * kinds), after `validateRubric` accepts the whole rubric (a draft may still have an aspect
 * without indicators, see `rubricGaps`). An indicator that already has assessed cells cannot be
 * removed (its cells would go with it). One transaction, audited.
 */
export async function saveIndicators(
	periodId: number,
	drafts: IndicatorDraft[],
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const period = await editablePeriod(periodId, tx);
		const problems = validateRubric(
			{ ...period.rubricConfig, indicators: drafts },
			{ allowGaps: period.status === 'draft' }
		);
		if (problems.length) throw new RubricInvalid(problems);
		const before = await indicatorRows(periodId, tx);
		const kept = new Set(drafts.flatMap((d) => (d.id === null ? [] : [d.id])));
		for (const id of kept)
			if (!before.some((b) => b.id === id))
				throw new WorkflowError(400, 'Indikator tidak dikenal.');
		const removed = before.filter((b) => !kept.has(b.id));
		if (removed.length) {
			const [used] = await tx
				.select({ n: count() })
				.from(assessments)
				.where(
					and(
						inArray(
							assessments.indicatorId,
							removed.map((r) => r.id)
						),
						isNotNull(assessments.value)
					)
				);
			if ((used?.n ?? 0) > 0)
				throw new RubricInvalid([
					'Indikator yang sudah dinilai tidak dapat dihapus; kosongkan dulu nilainya atau beri bobot 0.'
				]);
			await tx.delete(indicators).where(
				inArray(
					indicators.id,
					removed.map((r) => r.id)
				)
			);
		}
		for (const d of drafts) {
			const row = {
				key: d.key,
				label: d.label,
				aspect: d.aspect,
				kind: d.kind,
				weight: d.weight,
				maxLevel: d.kind === 'scale' ? (d.maxLevel ?? null) : null,
				levelLabels: d.kind === 'scale' ? (d.levelLabels ?? null) : null,
				pointsPerUnit: d.kind === 'count' ? (d.pointsPerUnit ?? null) : null,
				cap: d.kind === 'count' ? (d.cap ?? null) : null,
				sortOrder: d.order
			};
			if (d.id === null) await tx.insert(indicators).values({ ...row, periodId });
			else
				await tx
					.update(indicators)
					.set(row)
					.where(and(eq(indicators.id, d.id), eq(indicators.periodId, periodId)));
		}
		await audit.record(
			actor,
			{
				action: 'rubric.update',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: before.map(toIndicator),
				after: drafts.map(({ id: _id, ...d }) => d)
			},
			tx
		);
	});
}

/** What an indicator row says counts (issue 13 §3). */
export function definitionOf(row: IndicatorRow): IndicatorDefinition {
	return {
		definition: row.definition,
		acceptableEvidence: row.acceptableEvidence,
		unacceptableEvidence: row.unacceptableEvidence,
		evidenceRequired: row.evidenceRequired
	};
}

/**
 * What each indicator of a year's rubric says counts, in display order, only the indicators that
 * say something (the public method page lists them).
 */
export async function definitionsOfYear(year: number, conn: Conn = db()) {
	const rows = await conn
		.select({ row: indicators })
		.from(indicators)
		.innerJoin(periods, eq(periods.id, indicators.periodId))
		.where(eq(periods.year, year))
		.orderBy(asc(indicators.sortOrder), asc(indicators.id));
	return rows
		.map(({ row }) => ({ key: row.key, label: row.label, ...definitionOf(row) }))
		.filter(hasDefinition);
}

/**
 * Saves what one indicator says counts: its operational definition, evidence examples and the
 * "bukti wajib" flag. Frozen like the rest of the rubric once the period is final. Audited as
 * `rubric.definition` with the indicator key, before and after; returns false, writing nothing,
 * when nothing changed.
 */
export async function saveDefinition(
	periodId: number,
	input: DefinitionInput,
	actor: Actor,
	conn: Conn = db()
): Promise<boolean> {
	return conn.transaction(async (tx) => {
		const period = await editablePeriod(periodId, tx);
		const [row] = await tx
			.select()
			.from(indicators)
			.where(and(eq(indicators.id, input.indicatorId), eq(indicators.periodId, periodId)));
		if (!row) throw new WorkflowError(404, 'Indikator tidak ditemukan di periode ini.');
		const { indicatorId: _id, ...after } = input;
		const before = definitionOf(row);
		if (JSON.stringify(before) === JSON.stringify(after)) return false;
		await tx.update(indicators).set(after).where(eq(indicators.id, row.id));
		await audit.record(
			actor,
			{
				action: 'rubric.definition',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: { key: row.key, ...before },
				after: { key: row.key, ...after }
			},
			tx
		);
		return true;
	});
}

/** Adds OPDs to a period's roster (at the end), skipping retired or merged ones. Audited. */
export async function addToRoster(
	periodId: number,
	opdIds: number[],
	actor: Actor,
	conn: Conn = db()
): Promise<number> {
	return conn.transaction(async (tx) => {
		const period = await editablePeriod(periodId, tx);
		const present = await tx
			.select({ opdId: periodOpds.opdId, n: periodOpds.displayNumber })
			.from(periodOpds)
			.where(eq(periodOpds.periodId, periodId));
		const fresh = opdIds.length
			? await tx
					.select()
					.from(opds)
					.where(
						and(
							inArray(opds.id, opdIds),
							isNull(opds.retiredAt),
							isNull(opds.mergedIntoId),
							present.length
								? notInArray(
										opds.id,
										present.map((p) => p.opdId)
									)
								: undefined
						)
					)
			: [];
		if (!fresh.length) return 0;
		let next = Math.max(0, ...present.map((p) => p.n));
		await tx
			.insert(periodOpds)
			.values(
				fresh.map((o) => ({ periodId, opdId: o.id, displayNumber: ++next, displayName: o.name }))
			);
		await audit.record(
			actor,
			{
				action: 'roster.add',
				entityType: 'period',
				entityId: period.year,
				periodId,
				after: { opds: fresh.map((o) => o.slug) }
			},
			tx
		);
		return fresh.length;
	});
}

/** Removes an OPD from a period's roster; refused when it already has cells in the period. */
export async function removeFromRoster(
	periodId: number,
	opdId: number,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx: Tx) => {
		const period = await editablePeriod(periodId, tx);
		const [cells] = await tx
			.select({ n: count() })
			.from(assessments)
			.where(and(eq(assessments.periodId, periodId), eq(assessments.opdId, opdId)));
		if ((cells?.n ?? 0) > 0)
			throw new WorkflowError(
				409,
				'OPD ini sudah punya nilai di periode ini: tidak dapat dikeluarkan.'
			);
		const removed = await tx
			.delete(periodOpds)
			.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, opdId)))
			.returning();
		if (!removed.length) throw new WorkflowError(404, 'OPD tidak ada di daftar peserta.');
		await audit.record(
			actor,
			{
				action: 'roster.remove',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: { opdId, displayName: removed[0]?.displayName }
			},
			tx
		);
	});
}
