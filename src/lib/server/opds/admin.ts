import { and, eq, inArray, isNull } from 'drizzle-orm';
import * as v from 'valibot';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { OPD_KINDS, opds, periodOpds, periods, users, type OpdKind } from '../db/schema';
import { WorkflowError } from '../workflow/error';
import { opdEditSchema } from '../../validation/opd-edit';

export interface OpdEdit {
	name: string;
	shortName: string;
	kind: OpdKind;
	websiteUrl: string | null;
}

/** The edit as `opdEditSchema` reads it (trimmed, a blank website as null), or a 400. */
function check(edit: OpdEdit) {
	const read = v.safeParse(opdEditSchema, edit);
	if (!read.success) throw new WorkflowError(400, read.issues[0].message);
	return read.output;
}

async function find(opdId: number, tx: Conn) {
	const [opd] = await tx.select().from(opds).where(eq(opds.id, opdId));
	if (!opd) throw new WorkflowError(404, 'OPD tidak ditemukan.');
	return opd;
}

/**
 * Renames an OPD or changes its short name, kind or website. The slug (its identity across
 * years) and the names printed in past rosters stay as they were. Audited.
 */
export async function updateOpd(opdId: number, edit: OpdEdit, actor: Actor, conn: Conn = db()) {
	const after = check(edit);
	await conn.transaction(async (tx) => {
		const before = await find(opdId, tx);
		await tx.update(opds).set(after).where(eq(opds.id, opdId));
		await audit.record(
			actor,
			{
				action: 'opd.update',
				entityType: 'opd',
				entityId: before.slug,
				before: {
					name: before.name,
					shortName: before.shortName,
					kind: before.kind,
					websiteUrl: before.websiteUrl
				},
				after
			},
			tx
		);
	});
}

/** Retires (or reinstates) an OPD: it keeps its history but joins no new period. Audited. */
export async function setRetired(opdId: number, retired: boolean, actor: Actor, conn: Conn = db()) {
	await conn.transaction(async (tx) => {
		const opd = await find(opdId, tx);
		if (opd.mergedIntoId) throw new WorkflowError(409, 'OPD ini sudah digabung ke OPD lain.');
		await tx
			.update(opds)
			.set({ retiredAt: retired ? new Date() : null })
			.where(eq(opds.id, opdId));
		await audit.record(
			actor,
			{
				action: retired ? 'opd.retire' : 'opd.reinstate',
				entityType: 'opd',
				entityId: opd.slug,
				before: { retiredAt: opd.retiredAt?.toISOString() ?? null }
			},
			tx
		);
	});
}

/**
 * Merges `sourceId` into `targetId` (e.g. a renamed office created twice) without rewriting
 * history: the source keeps every past roster entry, cell and award and is marked merged and
 * retired, so it joins no new period; its operators move to the target. Refused while the source
 * is in the roster of a period that is not yet final (take it out there first), so no live
 * period ever has two records of one office. Audited.
 */
export async function mergeOpds(
	sourceId: number,
	targetId: number,
	actor: Actor,
	conn: Conn = db()
) {
	if (sourceId === targetId) throw new WorkflowError(400, 'Pilih dua OPD yang berbeda.');
	await conn.transaction(async (tx) => {
		const source = await find(sourceId, tx);
		const target = await find(targetId, tx);
		if (source.mergedIntoId)
			throw new WorkflowError(409, `${source.name} sudah digabung sebelumnya.`);
		if (target.mergedIntoId || target.retiredAt)
			throw new WorkflowError(
				409,
				`${target.name} sudah tidak aktif: pilih OPD tujuan yang aktif.`
			);
		const live = await tx
			.select({ year: periods.year })
			.from(periodOpds)
			.innerJoin(periods, eq(periods.id, periodOpds.periodId))
			.where(
				and(
					eq(periodOpds.opdId, sourceId),
					inArray(periods.status, ['draft', 'open', 'evaluation'])
				)
			);
		if (live.length)
			throw new WorkflowError(
				409,
				`${source.name} masih peserta periode ${live.map((l) => l.year).join(', ')} yang belum final: keluarkan dulu dari daftar peserta.`
			);
		await tx
			.update(opds)
			.set({ mergedIntoId: targetId, retiredAt: source.retiredAt ?? new Date() })
			.where(eq(opds.id, sourceId));
		const moved = await tx
			.update(users)
			.set({ opdId: targetId })
			.where(and(eq(users.opdId, sourceId), isNull(users.disabledAt)))
			.returning({ id: users.id });
		await audit.record(
			actor,
			{
				action: 'opd.merge',
				entityType: 'opd',
				entityId: source.slug,
				before: { mergedIntoId: null },
				after: { mergedInto: target.slug, usersMoved: moved.map((u) => u.id) }
			},
			tx
		);
	});
}

export { OPD_KINDS, type OpdKind };
