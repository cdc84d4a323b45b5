import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { evidenceProblem } from '../../evidence';
import type { IndicatorKind } from '../../scoring/types';
import { cellValueProblem, NOT_APPLICABLE } from '../../workflow/cell-value';
import {
	agreementOf,
	calibrationOf,
	outcomeOf,
	revealed,
	settlementProblem,
	type CheckMark,
	type RatedPair,
	type RaterValue
} from '../../workflow/double-scoring';
import { cellsEditable, lockedMessage } from '../../workflow/lifecycle';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import {
	assignmentOpds,
	cellDecisions,
	indicators,
	opds,
	periodOpds,
	periods,
	raterScores,
	raterSubmissions,
	users,
	type RaterScore
} from '../db/schema';
import { cellEntityId, getCell, setCell, type CellInput } from './assessments';
import { cellAssignmentBlock } from './assignments';
import { cellStageBlock } from './stages/locks';
import { WorkflowError } from './error';

/**
 * Double scoring (dinilai dua penilai), the data verbs. The raters of an OPD are the evaluators
 * assigned to it (assignment_opds). Each saves into `rater_scores`, never into the cell; nobody
 * reads another rater's value (nor, when the period says so, the self-assessment) before every
 * rater submitted the OPD. Then equal values are written into the cell through `setCell` and
 * different ones wait in `cell_decisions` (kind `open`) for the lead evaluator or an admin.
 */

async function periodOrFail(periodId: number, conn: Conn) {
	const [period] = await conn.select().from(periods).where(eq(periods.id, periodId));
	if (!period) throw new WorkflowError(404, 'Periode tidak ditemukan.');
	return period;
}

/** The settings form: double scored, blind to the self-assessment, lead evaluator. */
export interface DoubleScoringSettings {
	doubleScored: boolean;
	blindSelf: boolean;
	leadEvaluatorId: number | null;
}

/**
 * Changes the period's double-scoring settings (the admin). Frozen once the period is final;
 * switching it off is refused once raters have scored (their values would be orphaned). Audited.
 */
export async function saveSettings(
	periodId: number,
	input: DoubleScoringSettings,
	actor: Actor,
	conn: Conn = db()
): Promise<boolean> {
	return conn.transaction(async (tx) => {
		const period = await periodOrFail(periodId, tx);
		if (period.status === 'final' || period.status === 'published')
			throw new WorkflowError(
				409,
				`Periode ${period.year} sudah ${period.status === 'final' ? 'final' : 'dipublikasikan'}: pengaturan dua penilai tidak dapat diubah lagi.`
			);
		const next = {
			doubleScored: input.doubleScored,
			blindSelf: input.doubleScored && input.blindSelf,
			leadEvaluatorId: input.doubleScored ? input.leadEvaluatorId : null
		};
		if (period.doubleScored && !next.doubleScored) {
			const [scored] = await tx
				.select({ n: sql<number>`count(*)` })
				.from(raterScores)
				.where(eq(raterScores.periodId, periodId));
			if (Number(scored?.n ?? 0) > 0)
				throw new WorkflowError(
					409,
					'Para penilai sudah mengisi nilai: penilaian dua penilai tidak dapat dimatikan lagi untuk periode ini.'
				);
		}
		if (next.leadEvaluatorId !== null) {
			const [lead] = await tx
				.select({ role: users.role, disabledAt: users.disabledAt })
				.from(users)
				.where(eq(users.id, next.leadEvaluatorId));
			if (!lead || lead.disabledAt || (lead.role !== 'evaluator' && lead.role !== 'admin'))
				throw new WorkflowError(400, 'Penilai utama harus evaluator atau admin yang aktif.');
		}
		const before = {
			doubleScored: period.doubleScored,
			blindSelf: period.blindSelf,
			leadEvaluatorId: period.leadEvaluatorId
		};
		if (JSON.stringify(before) === JSON.stringify(next)) return false;
		await tx.update(periods).set(next).where(eq(periods.id, periodId));
		await audit.record(
			actor,
			{
				action: 'period.double-scoring',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before,
				after: next
			},
			tx
		);
		return true;
	});
}

/** Raters (assigned evaluators) of each OPD of a period, and who of them submitted it. */
async function raterBoard(periodId: number, conn: Conn, opdId?: number) {
	const [assigned, submitted] = await Promise.all([
		conn
			.select({ opdId: assignmentOpds.opdId, userId: assignmentOpds.userId })
			.from(assignmentOpds)
			.where(
				and(
					eq(assignmentOpds.periodId, periodId),
					opdId === undefined ? undefined : eq(assignmentOpds.opdId, opdId)
				)
			),
		conn
			.select({ opdId: raterSubmissions.opdId, userId: raterSubmissions.userId })
			.from(raterSubmissions)
			.where(
				and(
					eq(raterSubmissions.periodId, periodId),
					opdId === undefined ? undefined : eq(raterSubmissions.opdId, opdId)
				)
			)
	]);
	const board = new Map<number, { raters: number[]; submitted: number[] }>();
	const at = (id: number) => {
		let b = board.get(id);
		if (!b) board.set(id, (b = { raters: [], submitted: [] }));
		return b;
	};
	for (const r of assigned) at(r.opdId).raters.push(r.userId);
	for (const r of submitted) at(r.opdId).submitted.push(r.userId);
	return board;
}

/** Where one user stands on one OPD of a double-scored period. */
export interface RaterStanding {
	isRater: boolean;
	submitted: boolean;
	/** Every rater submitted: values are visible, the cells decided or waiting for the lead. */
	revealed: boolean;
}

export async function standingOf(
	periodId: number,
	opdId: number,
	userId: number,
	conn: Conn = db()
): Promise<RaterStanding> {
	const b = (await raterBoard(periodId, conn, opdId)).get(opdId) ?? { raters: [], submitted: [] };
	return {
		isRater: b.raters.includes(userId),
		submitted: b.submitted.includes(userId),
		revealed: revealed(b.raters, b.submitted)
	};
}

const raterEntityId = (periodId: number, opdId: number, indicatorId: number, userId: number) =>
	`${periodId}:${opdId}:${indicatorId}:${userId}`;

export type SetRaterResult =
	{ status: 'saved'; score: RaterScore } | { status: 'conflict'; current: RaterScore | null };

/**
 * Saves the acting rater's own value of one cell, version-checked like `setCell` (`expectedVersion`
 * is the version of the rater's own row, 0 for none). Refused for anyone who is not a rater of
 * the OPD, after the rater submitted it, outside the rater's aspects or in a conflict, and where a
 * staged period's schedule locks the cell (the stage closed or not started). Audited
 * under the rater's own entity (not the cell's history, which the other rater may read).
 */
export async function setRaterScore(
	periodId: number,
	opdId: number,
	indicatorId: number,
	input: CellInput,
	actor: Actor,
	conn: Conn = db()
): Promise<SetRaterResult> {
	const userId = actor.userId;
	if (userId === null) throw new WorkflowError(403, 'Hanya penilai yang dapat mengisi nilainya.');
	return conn.transaction(async (tx) => {
		const period = await periodOrFail(periodId, tx);
		if (!period.doubleScored)
			throw new WorkflowError(409, 'Periode ini tidak dinilai dua penilai.');
		if (!cellsEditable(period.status)) throw new WorkflowError(409, lockedMessage(period.status));
		const [ind] = await tx
			.select({ kind: indicators.kind, maxLevel: indicators.maxLevel })
			.from(indicators)
			.where(and(eq(indicators.id, indicatorId), eq(indicators.periodId, periodId)));
		if (!ind)
			throw new WorkflowError(404, 'Sel tidak ditemukan: indikator bukan bagian periode ini.');
		const standing = await standingOf(periodId, opdId, userId, tx);
		if (!standing.isRater)
			throw new WorkflowError(
				403,
				'Periode ini dinilai dua penilai: hanya penilai yang ditugaskan pada OPD ini yang mengisi nilai.'
			);
		if (standing.submitted)
			throw new WorkflowError(
				409,
				'Anda sudah mengirim penilaian OPD ini: nilai Anda tidak dapat diubah lagi.'
			);
		const refused = await cellAssignmentBlock(periodId, opdId, indicatorId, actor, tx);
		if (refused) throw new WorkflowError(403, refused);
		// A staged period's schedule binds a rater's own value as it binds `setCell`: only a running
		// stage's indicators, by that stage's evaluators, for an OPD that did not stop before it.
		if ((period.rubricConfig.stages?.length ?? 0) > 1) {
			const blocked = await cellStageBlock(periodId, opdId, indicatorId, actor, tx);
			if (blocked) throw new WorkflowError(409, blocked);
		}
		const value = input.notApplicable ? null : input.value;
		const problem = cellValueProblem({ kind: ind.kind, maxLevel: ind.maxLevel }, value);
		if (problem) throw new WorkflowError(400, problem);
		const evidenceIssue = evidenceProblem(input.evidenceUrl);
		if (evidenceIssue) throw new WorkflowError(400, evidenceIssue);
		const key = and(
			eq(raterScores.periodId, periodId),
			eq(raterScores.opdId, opdId),
			eq(raterScores.indicatorId, indicatorId),
			eq(raterScores.userId, userId)
		);
		const [current] = await tx.select().from(raterScores).where(key);
		if ((current?.version ?? 0) !== input.expectedVersion)
			return { status: 'conflict' as const, current: current ?? null };
		const next = {
			value,
			notApplicable: input.notApplicable,
			evidenceUrl:
				input.evidenceUrl === undefined
					? (current?.evidenceUrl ?? null)
					: input.evidenceUrl || null,
			note: input.note === undefined ? (current?.note ?? null) : input.note || null,
			updatedAt: new Date(),
			version: (current?.version ?? 0) + 1
		};
		const [score] = current
			? await tx.update(raterScores).set(next).where(key).returning()
			: await tx
					.insert(raterScores)
					.values({ periodId, opdId, indicatorId, userId, ...next })
					.returning();
		const state = (s: typeof next | RaterScore | undefined) =>
			s && {
				value: s.value,
				notApplicable: s.notApplicable,
				evidenceUrl: s.evidenceUrl,
				note: s.note,
				version: s.version
			};
		await audit.record(
			actor,
			{
				action: 'rater.set',
				entityType: 'rater-score',
				entityId: raterEntityId(periodId, opdId, indicatorId, userId),
				periodId,
				before: state(current) ?? null,
				after: state(next)
			},
			tx
		);
		return { status: 'saved' as const, score: score! };
	});
}

/** The acting rater's own values of one OPD, by indicator id. */
export async function ownScores(
	periodId: number,
	opdIds: readonly number[] | null,
	userId: number,
	conn: Conn = db()
): Promise<RaterScore[]> {
	return conn
		.select()
		.from(raterScores)
		.where(
			and(
				eq(raterScores.periodId, periodId),
				eq(raterScores.userId, userId),
				opdIds === null ? undefined : inArray(raterScores.opdId, [...opdIds])
			)
		);
}

const fmtRaterValue = (s: { value: number | null; notApplicable: boolean }) => ({
	value: s.notApplicable ? null : s.value,
	notApplicable: s.notApplicable
});

/**
 * The acting rater submits their values of one OPD: refused unless the OPD has two raters and the
 * rater filled every cell they may score. When this was the last rater, the OPD is decided
 * (`decideOpd`) in the same transaction. Audited.
 */
export async function submitRater(
	periodId: number,
	opdId: number,
	actor: Actor,
	conn: Conn = db()
): Promise<{ decided: boolean; agreed: number; open: number }> {
	const userId = actor.userId;
	if (userId === null) throw new WorkflowError(403, 'Hanya penilai yang dapat mengirim penilaian.');
	return conn.transaction(async (tx) => {
		const period = await periodOrFail(periodId, tx);
		if (!period.doubleScored)
			throw new WorkflowError(409, 'Periode ini tidak dinilai dua penilai.');
		if (!cellsEditable(period.status)) throw new WorkflowError(409, lockedMessage(period.status));
		const [opd] = await tx
			.select({ name: periodOpds.displayName })
			.from(periodOpds)
			.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, opdId)));
		if (!opd) throw new WorkflowError(404, 'OPD bukan peserta periode ini.');
		const b = (await raterBoard(periodId, tx, opdId)).get(opdId) ?? { raters: [], submitted: [] };
		if (!b.raters.includes(userId))
			throw new WorkflowError(403, `Anda bukan penilai ${opd.name} pada periode ini.`);
		if (b.submitted.includes(userId))
			throw new WorkflowError(409, `Penilaian ${opd.name} sudah Anda kirim.`);
		if (b.raters.length < 2)
			throw new WorkflowError(
				409,
				`${opd.name} baru punya ${b.raters.length} penilai: periode dinilai dua penilai membutuhkan dua penilai yang ditugaskan.`
			);
		const [inds, mine] = await Promise.all([
			tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.periodId, periodId)),
			ownScores(periodId, [opdId], userId, tx)
		]);
		const filled = new Set(
			mine.filter((s) => s.notApplicable || s.value !== null).map((s) => s.indicatorId)
		);
		let missing = 0;
		for (const ind of inds) {
			if (filled.has(ind.id)) continue;
			// Cells outside the rater's aspects are not theirs to fill.
			if (!(await cellAssignmentBlock(periodId, opdId, ind.id, actor, tx))) missing += 1;
		}
		if (missing > 0)
			throw new WorkflowError(
				409,
				`Masih ada ${missing} sel ${opd.name} yang belum Anda isi: lengkapi dulu sebelum mengirim.`
			);
		await tx.insert(raterSubmissions).values({ periodId, opdId, userId, submittedAt: new Date() });
		await audit.record(
			actor,
			{
				action: 'rater.submit',
				entityType: 'opd',
				entityId: opdId,
				periodId,
				after: { opd: opd.name, cells: filled.size }
			},
			tx
		);
		if (!revealed(b.raters, [...b.submitted, userId]))
			return { decided: false, agreed: 0, open: 0 };
		return { decided: true, ...(await decideOpd(periodId, opdId, b.raters, actor, tx)) };
	});
}

/** The raters' values of some cells with the raters' names, grouped by `opd:indicator`. */
async function ratingsByCell(periodId: number, opdIds: readonly number[], conn: Conn) {
	const rows = opdIds.length
		? await conn
				.select({
					opdId: raterScores.opdId,
					indicatorId: raterScores.indicatorId,
					userId: raterScores.userId,
					name: users.displayName,
					value: raterScores.value,
					notApplicable: raterScores.notApplicable,
					evidenceUrl: raterScores.evidenceUrl,
					note: raterScores.note
				})
				.from(raterScores)
				.innerJoin(users, eq(users.id, raterScores.userId))
				.where(and(eq(raterScores.periodId, periodId), inArray(raterScores.opdId, [...opdIds])))
				.orderBy(asc(raterScores.userId))
		: [];
	const byCell = new Map<string, typeof rows>();
	for (const r of rows) {
		const k = `${r.opdId}:${r.indicatorId}`;
		const list = byCell.get(k) ?? [];
		list.push(r);
		byCell.set(k, list);
	}
	return byCell;
}

/** The cell's verified version as `setCell` expects it (0: no verified value yet). */
async function cellVersion(periodId: number, opdId: number, indicatorId: number, conn: Conn) {
	const cell = await getCell(periodId, opdId, indicatorId, conn);
	return cell?.assessedAt ? cell.version : 0;
}

/** Writes a decided value into the cell through the normal cell write path. */
async function writeDecided(
	periodId: number,
	opdId: number,
	indicatorId: number,
	value: { value: number | null; notApplicable: boolean },
	actor: Actor,
	conn: Conn
) {
	const result = await setCell(
		periodId,
		opdId,
		indicatorId,
		{
			...value,
			expectedVersion: await cellVersion(periodId, opdId, indicatorId, conn),
			decided: true
		},
		actor,
		conn
	);
	if (result.status !== 'saved')
		throw new WorkflowError(409, 'Sel baru saja diubah; muat ulang lalu ulangi.');
}

/**
 * Every rater submitted the OPD: per indicator, equal values become the cell value (kind
 * `agreed`, with a `cell.agree` event in the cell's history naming both originals) and different
 * ones are recorded as `open` disagreements. Runs inside the last submission's transaction.
 */
async function decideOpd(
	periodId: number,
	opdId: number,
	raterIds: readonly number[],
	actor: Actor,
	tx: Conn
): Promise<{ agreed: number; open: number }> {
	const byCell = await ratingsByCell(periodId, [opdId], tx);
	const inds = await tx
		.select({ id: indicators.id })
		.from(indicators)
		.where(eq(indicators.periodId, periodId));
	let agreed = 0;
	let open = 0;
	const now = new Date();
	for (const ind of inds) {
		const ratings = (byCell.get(`${opdId}:${ind.id}`) ?? []).filter((r) =>
			raterIds.includes(r.userId)
		);
		const outcome = outcomeOf(ratings as RaterValue[]);
		if (outcome.kind === 'empty') continue;
		const originals = ratings.map((r) => ({ rater: r.name, ...fmtRaterValue(r) }));
		if (outcome.kind === 'open') {
			open += 1;
			await tx.insert(cellDecisions).values({
				periodId,
				opdId,
				indicatorId: ind.id,
				kind: 'open',
				decidedAt: now
			});
			await audit.record(
				actor,
				{
					action: 'cell.disagree',
					entityType: 'cell',
					entityId: cellEntityId(periodId, opdId, ind.id),
					periodId,
					after: { raters: originals }
				},
				tx
			);
			continue;
		}
		agreed += 1;
		const decided = { value: outcome.value, notApplicable: outcome.notApplicable };
		await tx.insert(cellDecisions).values({
			periodId,
			opdId,
			indicatorId: ind.id,
			kind: 'agreed',
			...decided,
			decidedBy: actor.userId,
			decidedAt: now
		});
		await audit.record(
			actor,
			{
				action: 'cell.agree',
				entityType: 'cell',
				entityId: cellEntityId(periodId, opdId, ind.id),
				periodId,
				after: { raters: originals, ...decided }
			},
			tx
		);
		await writeDecided(periodId, opdId, ind.id, decided, actor, tx);
	}
	return { agreed, open };
}

/** Who may settle: any admin, or the period's lead evaluator. */
export function maySettle(
	period: { leadEvaluatorId: number | null },
	user: { id: number; role: string }
): boolean {
	return user.role === 'admin' || period.leadEvaluatorId === user.id;
}

/**
 * The lead (or an admin) settles one disagreement with a chosen value and a required reason. The
 * value is written through `setCell` (so scoring and publishing work unchanged); both originals
 * stay in `rater_scores`, and the settlement is kept in `cell_decisions` and the cell's history.
 */
export async function settle(
	periodId: number,
	opdId: number,
	indicatorId: number,
	choice: { value: number | null; notApplicable: boolean },
	reason: string,
	user: { id: number; role: string },
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	const problem = settlementProblem(reason);
	if (problem) throw new WorkflowError(400, problem);
	await conn.transaction(async (tx) => {
		const period = await periodOrFail(periodId, tx);
		if (!maySettle(period, user))
			throw new WorkflowError(
				403,
				'Hanya penilai utama periode ini atau admin yang dapat memutuskan selisih nilai.'
			);
		if (!cellsEditable(period.status)) throw new WorkflowError(409, lockedMessage(period.status));
		const where = and(
			eq(cellDecisions.periodId, periodId),
			eq(cellDecisions.opdId, opdId),
			eq(cellDecisions.indicatorId, indicatorId)
		);
		const [decision] = await tx.select().from(cellDecisions).where(where);
		if (!decision || decision.kind !== 'open')
			throw new WorkflowError(
				409,
				decision?.kind === 'settled'
					? 'Selisih ini sudah diputuskan.'
					: 'Tidak ada selisih nilai pada sel ini.'
			);
		const [ind] = await tx
			.select({ kind: indicators.kind, maxLevel: indicators.maxLevel })
			.from(indicators)
			.where(eq(indicators.id, indicatorId));
		const value = choice.notApplicable ? null : choice.value;
		const invalid = cellValueProblem({ kind: ind!.kind, maxLevel: ind!.maxLevel }, value);
		if (invalid || (value === null && !choice.notApplicable))
			throw new WorkflowError(400, invalid ?? 'Pilih nilai keputusan.');
		const originals = (await ratingsByCell(periodId, [opdId], tx)).get(`${opdId}:${indicatorId}`);
		const why = reason.trim();
		await tx
			.update(cellDecisions)
			.set({
				kind: 'settled',
				value,
				notApplicable: choice.notApplicable,
				reason: why,
				decidedBy: actor.userId,
				decidedAt: new Date()
			})
			.where(where);
		await audit.record(
			actor,
			{
				action: 'cell.settle',
				entityType: 'cell',
				entityId: cellEntityId(periodId, opdId, indicatorId),
				periodId,
				before: { raters: (originals ?? []).map((r) => ({ rater: r.name, ...fmtRaterValue(r) })) },
				after: { value, notApplicable: choice.notApplicable, reason: why }
			},
			tx
		);
		await writeDecided(
			periodId,
			opdId,
			indicatorId,
			{ value, notApplicable: choice.notApplicable },
			actor,
			tx
		);
	});
}

/** One disagreement (open or settled) with the raters' values, for /penilaian/[year]/selisih. */
export interface Disagreement {
	opdId: number;
	opdSlug: string;
	opd: string;
	indicatorId: number;
	indicatorKey: string;
	indicator: string;
	kind: IndicatorKind;
	maxLevel: number | null;
	levelLabels: string[] | null;
	raters: {
		name: string;
		value: number | null;
		notApplicable: boolean;
		evidenceUrl: string | null;
		note: string | null;
	}[];
	settled: { value: number | null; notApplicable: boolean; reason: string } | null;
}

/** The disagreements of a period, open ones first, in roster and rubric order. */
export async function disagreementsOf(
	periodId: number,
	conn: Conn = db()
): Promise<Disagreement[]> {
	const rows = await conn
		.select({
			opdId: cellDecisions.opdId,
			opdSlug: opds.slug,
			opd: periodOpds.displayName,
			indicatorId: cellDecisions.indicatorId,
			indicatorKey: indicators.key,
			indicator: indicators.label,
			kind: indicators.kind,
			maxLevel: indicators.maxLevel,
			levelLabels: indicators.levelLabels,
			decision: cellDecisions.kind,
			value: cellDecisions.value,
			notApplicable: cellDecisions.notApplicable,
			reason: cellDecisions.reason
		})
		.from(cellDecisions)
		.innerJoin(opds, eq(opds.id, cellDecisions.opdId))
		.innerJoin(
			periodOpds,
			and(eq(periodOpds.periodId, cellDecisions.periodId), eq(periodOpds.opdId, opds.id))
		)
		.innerJoin(indicators, eq(indicators.id, cellDecisions.indicatorId))
		.where(
			and(eq(cellDecisions.periodId, periodId), inArray(cellDecisions.kind, ['open', 'settled']))
		)
		.orderBy(
			sql`${cellDecisions.kind} = 'settled'`,
			asc(periodOpds.displayNumber),
			asc(indicators.sortOrder)
		);
	const byCell = await ratingsByCell(periodId, [...new Set(rows.map((r) => r.opdId))], conn);
	return rows.map((r) => ({
		opdId: r.opdId,
		opdSlug: r.opdSlug,
		opd: r.opd,
		indicatorId: r.indicatorId,
		indicatorKey: r.indicatorKey,
		indicator: r.indicator,
		kind: r.kind,
		maxLevel: r.maxLevel,
		levelLabels: r.levelLabels,
		raters: (byCell.get(`${r.opdId}:${r.indicatorId}`) ?? []).map((x) => ({
			name: x.name,
			value: x.notApplicable ? null : x.value,
			notApplicable: x.notApplicable,
			evidenceUrl: x.evidenceUrl,
			note: x.note
		})),
		settled:
			r.decision === 'settled'
				? { value: r.value, notApplicable: r.notApplicable, reason: r.reason ?? '' }
				: null
	}));
}

/** Progress of the raters per OPD: who is assigned, who submitted. */
export async function submissionBoard(periodId: number, conn: Conn = db()) {
	const [board, roster, names] = await Promise.all([
		raterBoard(periodId, conn),
		conn
			.select({ opdId: periodOpds.opdId, slug: opds.slug, name: periodOpds.displayName })
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.where(and(eq(periodOpds.periodId, periodId), sql`${periodOpds.notRatedReason} IS NULL`))
			.orderBy(asc(periodOpds.displayNumber)),
		conn.select({ id: users.id, name: users.displayName }).from(users)
	]);
	const nameOf = new Map(names.map((n) => [n.id, n.name]));
	return roster.map((o) => {
		const b = board.get(o.opdId) ?? { raters: [], submitted: [] };
		return {
			opdId: o.opdId,
			slug: o.slug,
			name: o.name,
			raters: b.raters.map((id) => ({
				userId: id,
				name: nameOf.get(id) ?? `#${id}`,
				submitted: b.submitted.includes(id)
			})),
			revealed: revealed(b.raters, b.submitted)
		};
	});
}

/** What double scoring still leaves open before the period can be finalised or published. */
export async function doubleScoringGaps(
	periodId: number,
	conn: Conn = db()
): Promise<{ unsubmitted: number; openDisagreements: number; opdsShortOfRaters: number } | null> {
	const period = await periodOrFail(periodId, conn);
	if (!period.doubleScored) return null;
	const [board, [open]] = await Promise.all([
		submissionBoard(periodId, conn),
		conn
			.select({ n: sql<number>`count(*)` })
			.from(cellDecisions)
			.where(and(eq(cellDecisions.periodId, periodId), eq(cellDecisions.kind, 'open')))
	]);
	return {
		unsubmitted: board.reduce((s, o) => s + o.raters.filter((r) => !r.submitted).length, 0),
		openDisagreements: Number(open?.n ?? 0),
		opdsShortOfRaters: board.filter((o) => o.raters.length < 2).length
	};
}

/**
 * Agreement of the raters over the OPDs every rater submitted (nothing blind is read): the
 * period's figures over every pair of raters, the figures per pair of raters, and the calibration
 * per rater (share of check cells marked present beside the others on the same cells).
 */
export async function agreementReport(periodId: number, conn: Conn = db()) {
	const board = await submissionBoard(periodId, conn);
	const done = board.filter((o) => o.revealed).map((o) => o.opdId);
	const [byCell, inds, names] = await Promise.all([
		ratingsByCell(periodId, done, conn),
		conn
			.select({ id: indicators.id, kind: indicators.kind })
			.from(indicators)
			.where(eq(indicators.periodId, periodId)),
		conn.select({ id: users.id, name: users.displayName }).from(users)
	]);
	const kindOf = new Map(inds.map((i) => [i.id, i.kind]));
	const nameOf = new Map(names.map((n) => [n.id, n.name]));
	const all: RatedPair[] = [];
	const perPair = new Map<string, { a: number; b: number; pairs: RatedPair[] }>();
	const marks: CheckMark[] = [];
	const rating = (r: { value: number | null; notApplicable: boolean }) =>
		r.notApplicable ? null : r.value;
	for (const [unit, ratings] of byCell) {
		const kind = kindOf.get(Number(unit.split(':')[1]));
		if (!kind) continue;
		for (let i = 0; i < ratings.length; i++) {
			const x = ratings[i]!;
			if (kind === 'check' && !x.notApplicable && x.value !== null)
				marks.push({ unit, userId: x.userId, present: x.value === 1 });
			for (let j = i + 1; j < ratings.length; j++) {
				const y = ratings[j]!;
				const pair: RatedPair = { kind, a: rating(x), b: rating(y) };
				all.push(pair);
				const key = `${x.userId}:${y.userId}`;
				const entry = perPair.get(key) ?? { a: x.userId, b: y.userId, pairs: [] };
				entry.pairs.push(pair);
				perPair.set(key, entry);
			}
		}
	}
	return {
		opds: done.length,
		period: agreementOf(all),
		pairs: [...perPair.values()].map((p) => ({
			a: nameOf.get(p.a) ?? `#${p.a}`,
			b: nameOf.get(p.b) ?? `#${p.b}`,
			figures: agreementOf(p.pairs)
		})),
		calibration: calibrationOf(marks).map((c) => ({
			...c,
			name: nameOf.get(c.userId) ?? `#${c.userId}`
		}))
	};
}

/** A matrix-shaped row (values per indicator column) as the grid and the OPD form read it. */
interface BlindRow {
	id: number;
	v: (number | null)[];
	ver: number[];
	s: (number | null)[];
}

/**
 * What a user may see of the rows of a double-scored period, enforced here on the server: on an
 * OPD the user rates and not every rater submitted, the values and versions are the user's own
 * rater values (never the cell's or the other rater's) and, when the period is blind to it, the
 * self-assessment is left out. Returns the OPD ids so masked, with the user's own evidence and
 * notes by `opd:indicator` for the forms.
 */
export async function blindRows<R extends BlindRow>(
	period: { id: number; doubleScored: boolean; blindSelf: boolean },
	userId: number,
	indicatorIds: readonly number[],
	rows: R[],
	conn: Conn = db()
): Promise<{ rows: R[]; masked: Set<number>; own: Map<string, RaterScore> }> {
	const masked = new Set<number>();
	const own = new Map<string, RaterScore>();
	if (!period.doubleScored) return { rows, masked, own };
	const board = await raterBoard(period.id, conn);
	for (const r of rows) {
		const b = board.get(r.id);
		if (b && b.raters.includes(userId) && !revealed(b.raters, b.submitted)) masked.add(r.id);
	}
	if (!masked.size) return { rows, masked, own };
	for (const s of await ownScores(period.id, [...masked], userId, conn))
		own.set(`${s.opdId}:${s.indicatorId}`, s);
	const blanks = indicatorIds.map(() => null);
	return {
		masked,
		own,
		rows: rows.map((r) => {
			if (!masked.has(r.id)) return r;
			const mine = indicatorIds.map((id) => own.get(`${r.id}:${id}`));
			return {
				...r,
				v: mine.map((s) => (s ? (s.notApplicable ? NOT_APPLICABLE : s.value) : null)),
				ver: mine.map((s) => s?.version ?? 0),
				s: period.blindSelf ? [...blanks] : r.s
			};
		})
	};
}
