import { and, eq, sql } from 'drizzle-orm';
import { evidenceProblem } from '../../evidence';
import type { IndicatorKind } from '../../scoring/types';
import type { CellColumns } from '../../scoring/score';
import { cellValueProblem } from '../../workflow/cell-value';
import { cellsEditable, lockedMessage, type PeriodStatus } from '../../workflow/lifecycle';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { assessments, indicators, periods, users, type Assessment } from '../db/schema';
import { notifyOpd } from './notifications';
import { cellStageBlock } from './stages/locks';
import { cellAssignmentBlock } from './assignments';
import { submitWrite } from '../db/write-queue';
import { WorkflowError } from './error';

async function yearOf(periodId: number, conn: Conn) {
	const [p] = await conn
		.select({ year: periods.year })
		.from(periods)
		.where(eq(periods.id, periodId));
	return p?.year ?? '';
}

/**
 * The verified cells of a period in the scoring engine's shape (OPD and indicator by key).
 * SQLite folds each OPD's cells into one string, so a period of 25,000 OPDs × 20 indicators
 * crosses the driver as 25,000 rows instead of 500,000 (about four times faster, measured).
 * Whole values are written as integers (SQLite turns a REAL into text slowly), others by
 * `quote()`, whose 17 digits read back as the same number (plain text keeps only 15: 1/3 came
 * back as 0.333333333333333).
 */
export async function cellsOf(periodId: number, conn: Conn = db()): Promise<CellColumns> {
	const [keys, folded] = await Promise.all([
		conn
			.select({ id: indicators.id, key: indicators.key })
			.from(indicators)
			.where(eq(indicators.periodId, periodId)),
		conn.all<{ slug: string; cells: string }>(sql`
			SELECT o.slug AS slug, g.cells AS cells
			FROM (
				SELECT opd_id,
					group_concat(indicator_id || ':' || CASE
						WHEN value IS NULL THEN ''
						WHEN value = CAST(value AS INTEGER) THEN CAST(value AS INTEGER)
						ELSE quote(value) END || iif(not_applicable, ':n', ''), ',') AS cells
				FROM assessments WHERE period_id = ${periodId} GROUP BY opd_id
			) g JOIN opds o ON o.id = g.opd_id`)
	]);
	const keyOf = new Map(keys.map((k) => [String(k.id), k.key]));
	// Columns rather than an object per cell, and each item cut by position rather than split.
	const cells: CellColumns = { opd: [], indicator: [], value: [], notApplicable: [] };
	for (const { slug, cells: packed } of folded) {
		let at = 0;
		// Items are `id:value` or `id:value:n`, joined by commas.
		while (at <= packed.length) {
			let end = packed.indexOf(',', at);
			if (end === -1) end = packed.length;
			let idEnd = packed.indexOf(':', at);
			if (idEnd === -1 || idEnd > end) idEnd = end;
			let valueEnd = idEnd < end ? packed.indexOf(':', idEnd + 1) : -1;
			if (valueEnd === -1 || valueEnd > end) valueEnd = end;
			const indicator = keyOf.get(packed.slice(at, idEnd));
			if (indicator !== undefined) {
				const value = idEnd < end ? packed.slice(idEnd + 1, valueEnd) : '';
				cells.opd.push(slug);
				cells.indicator.push(indicator);
				cells.value.push(value === '' ? null : Number(value));
				cells.notApplicable.push(valueEnd < end && packed.slice(valueEnd + 1, end) === 'n');
			}
			at = end + 1;
		}
	}
	return cells;
}

/** One cell with its evidence and version, or null when nobody has assessed it yet. */
export async function getCell(
	periodId: number,
	opdId: number,
	indicatorId: number,
	conn: Conn = db()
) {
	const [row] = await conn
		.select()
		.from(assessments)
		.where(
			and(
				eq(assessments.periodId, periodId),
				eq(assessments.opdId, opdId),
				eq(assessments.indicatorId, indicatorId)
			)
		)
		.limit(1);
	return row ?? null;
}

/** What an evaluator saves into one cell. `evidenceUrl`/`note`/`reason` undefined: kept as is. */
export interface CellInput {
	value: number | null;
	notApplicable: boolean;
	evidenceUrl?: string | null;
	note?: string | null;
	/** Why the verified value differs from the self-assessed one (the operator reads it). */
	reason?: string | null;
	/** The version the editor saw; 0 when the cell had no row yet. */
	expectedVersion: number;
	/**
	 * Set only by double scoring (double-scoring.ts) when the raters agreed or the lead settled:
	 * the one write allowed into a double-scored period's cell, past the assignment scope.
	 */
	decided?: boolean;
}

export type SetCellResult =
	{ status: 'saved'; cell: Assessment } | { status: 'conflict'; current: Assessment | null };

/** Audit entity id of a cell. */
export const cellEntityId = (periodId: number, opdId: number, indicatorId: number) =>
	`${periodId}:${opdId}:${indicatorId}`;

/** A raw `assessments` row (snake_case, epoch ms) as drizzle would type it. */
function fromRaw(r: Record<string, unknown>): Assessment {
	const date = (v: unknown) => (v == null ? null : new Date(Number(v)));
	const num = (v: unknown) => (v == null ? null : Number(v));
	return {
		id: Number(r.id),
		periodId: Number(r.period_id),
		opdId: Number(r.opd_id),
		indicatorId: Number(r.indicator_id),
		value: num(r.value),
		notApplicable: Number(r.not_applicable) === 1,
		evidenceUrl: (r.evidence_url as string | null) ?? null,
		note: (r.note as string | null) ?? null,
		assessedBy: num(r.assessed_by),
		assessedAt: date(r.assessed_at),
		selfValue: num(r.self_value),
		selfNotApplicable: Number(r.self_not_applicable) === 1,
		selfEvidenceUrl: (r.self_evidence_url as string | null) ?? null,
		selfNote: (r.self_note as string | null) ?? null,
		selfBy: num(r.self_by),
		selfAt: date(r.self_at),
		verifyReason: (r.verify_reason as string | null) ?? null,
		version: Number(r.version)
	};
}

/**
 * Saves one verified cell with its audit row, atomically and version-checked: the write only
 * happens when the cell still has `expectedVersion` and the period is open or under evaluation;
 * otherwise it answers `conflict` with the current row (a locked period throws WorkflowError).
 *
 * Hot path (the matrix saves on every keystroke): one indexed read to validate, then the audit
 * insert and the conditional write as one batch, which libSQL runs synchronously in a single
 * transaction, so concurrent writers in this process never interleave or wait on a lock. Saves
 * arriving together share one commit (write-queue.ts: group commit, one fsync for many). Inside a
 * caller's transaction (`conn` is a Tx) the two statements simply run in it.
 */
export async function setCell(
	periodId: number,
	opdId: number,
	indicatorId: number,
	input: CellInput,
	actor: Actor,
	conn: Conn = db()
): Promise<SetCellResult> {
	const [target] = await conn.all<{
		status: PeriodStatus;
		kind: IndicatorKind;
		max_level: number | null;
		in_roster: number | null;
		stage_count: number | null;
		assigned: number | null;
		conflicted: number | null;
		double_scored: number;
	}>(sql`SELECT p.status, p.double_scored, i.kind, i.max_level, json_array_length(p.rubric_config, '$.stages') AS stage_count,
			(SELECT 1 FROM period_opds r WHERE r.period_id = p.id AND r.opd_id = ${opdId}) AS in_roster,
			coalesce((SELECT 1 FROM assignment_opds WHERE period_id = p.id LIMIT 1),
				(SELECT 1 FROM assignment_aspects WHERE period_id = p.id LIMIT 1)) AS assigned,
			(SELECT 1 FROM evaluator_conflicts c WHERE c.period_id = p.id AND c.user_id = ${actor.userId}
				AND c.opd_id = ${opdId}) AS conflicted
		FROM periods p JOIN indicators i ON i.period_id = p.id AND i.id = ${indicatorId}
		WHERE p.id = ${periodId}`);
	if (!target || !target.in_roster)
		throw new WorkflowError(
			404,
			'Sel tidak ditemukan: OPD atau indikator bukan bagian periode ini.'
		);
	if (!cellsEditable(target.status)) throw new WorkflowError(409, lockedMessage(target.status));
	if (target.double_scored && !input.decided)
		throw new WorkflowError(
			409,
			'Periode ini dinilai dua penilai: setiap penilai mengisi nilainya sendiri, dan nilai sel ditetapkan dari kesepakatan atau keputusan penilai utama.'
		);
	// Assignments and conflicts: read in full only when the period has either for this actor.
	// A decided write (raters' agreement, the lead's settlement) is past the assignment scope.
	if (!input.decided && (target.assigned || target.conflicted)) {
		const refused = await cellAssignmentBlock(periodId, opdId, indicatorId, actor, conn);
		if (refused) throw new WorkflowError(403, refused);
	}
	if (!input.decided && (target.stage_count ?? 0) > 1) {
		const blocked = await cellStageBlock(periodId, opdId, indicatorId, actor, conn);
		if (blocked) throw new WorkflowError(409, blocked);
	}
	const value = input.notApplicable ? null : input.value;
	const problem = cellValueProblem({ kind: target.kind, maxLevel: target.max_level }, value);
	if (problem) throw new WorkflowError(400, problem);
	const evidenceIssue = evidenceProblem(input.evidenceUrl);
	if (evidenceIssue) throw new WorkflowError(400, evidenceIssue);

	const now = Date.now();
	const na = input.notApplicable ? 1 : 0;
	const keep = (v: string | null | undefined, column: string) =>
		v === undefined ? sql.raw(column) : sql`${v || null}`;
	const evidence = keep(input.evidenceUrl, 'evidence_url');
	const note = keep(input.note, 'note');
	const reason = keep(input.reason, 'verify_reason');
	const editable = sql`(SELECT status FROM periods WHERE id = ${periodId}) IN ('open', 'evaluation')`;
	const entityId = cellEntityId(periodId, opdId, indicatorId);
	const stateJson = (prefix: string) =>
		sql.raw(
			`json_object('value', ${prefix}value, 'notApplicable', ${prefix}not_applicable, 'evidenceUrl', ${prefix}evidence_url, 'note', ${prefix}note, 'reason', ${prefix}verify_reason, 'version', ${prefix}version)`
		);
	const cellWhere = sql`period_id = ${periodId} AND opd_id = ${opdId} AND indicator_id = ${indicatorId}`;

	let auditStmt;
	let writeStmt;
	if (input.expectedVersion === 0) {
		// No verified value yet: insert the row, or fill a row that holds only the operator's
		// self-assessment (never verified: assessed_at is null). A verified row means someone else
		// saved first: a conflict.
		const existing = sql`(SELECT ${stateJson('')} FROM assessments WHERE ${cellWhere})`;
		const nextVersion = sql`coalesce((SELECT version FROM assessments WHERE ${cellWhere}), 0) + 1`;
		auditStmt =
			conn.run(sql`INSERT INTO audit_events (user_id, actor, action, entity_type, entity_id, period_id, before, after)
			SELECT ${actor.userId}, ${actor.name}, 'cell.set', 'cell', ${entityId}, ${periodId}, ${existing},
				json_object('value', ${value}, 'notApplicable', ${na}, 'evidenceUrl', ${input.evidenceUrl || null}, 'note', ${input.note || null}, 'reason', ${input.reason || null}, 'version', ${nextVersion})
			WHERE ${editable} AND NOT EXISTS (SELECT 1 FROM assessments WHERE ${cellWhere} AND assessed_at IS NOT NULL)`);
		writeStmt = conn.all<Record<string, unknown>>(sql`INSERT INTO assessments
				(period_id, opd_id, indicator_id, value, not_applicable, evidence_url, note, verify_reason, assessed_by, assessed_at, version)
			SELECT ${periodId}, ${opdId}, ${indicatorId}, ${value}, ${na}, ${input.evidenceUrl || null}, ${input.note || null}, ${input.reason || null}, ${actor.userId}, ${now}, 1
			WHERE ${editable}
			ON CONFLICT (period_id, opd_id, indicator_id) DO UPDATE SET value = excluded.value,
				not_applicable = excluded.not_applicable,
				evidence_url = coalesce(excluded.evidence_url, assessments.evidence_url),
				note = coalesce(excluded.note, assessments.note),
				verify_reason = excluded.verify_reason, assessed_by = excluded.assessed_by,
				assessed_at = excluded.assessed_at, version = assessments.version + 1
			WHERE assessments.assessed_at IS NULL
			RETURNING *`);
	} else {
		const v = input.expectedVersion;
		auditStmt =
			conn.run(sql`INSERT INTO audit_events (user_id, actor, action, entity_type, entity_id, period_id, before, after)
			SELECT ${actor.userId}, ${actor.name}, 'cell.set', 'cell', ${entityId}, ${periodId}, ${stateJson('')},
				json_object('value', ${value}, 'notApplicable', ${na}, 'evidenceUrl', ${evidence}, 'note', ${note}, 'reason', ${reason}, 'version', version + 1)
			FROM assessments WHERE ${cellWhere} AND version = ${v} AND ${editable}`);
		writeStmt = conn.all<
			Record<string, unknown>
		>(sql`UPDATE assessments SET value = ${value}, not_applicable = ${na},
				evidence_url = ${evidence}, note = ${note}, verify_reason = ${reason},
				assessed_by = ${actor.userId}, assessed_at = ${now}, version = version + 1
			WHERE ${cellWhere} AND version = ${v} AND ${editable} RETURNING *`);
	}
	let rows: Record<string, unknown>[];
	if ('batch' in conn) {
		const [, written] = await submitWrite(conn, [auditStmt, writeStmt]);
		rows = written as Record<string, unknown>[];
	} else {
		await auditStmt;
		rows = await writeStmt;
	}
	const [row] = rows;
	if (row) {
		const cell = fromRaw(row);
		if (input.reason && cell.selfValue !== null && cell.selfValue !== cell.value) {
			// The operator reads why its self-assessed value was not accepted.
			await notifyOpd(
				opdId,
				{
					kind: 'cell.changed',
					message: `Nilai verifikasi berbeda dari penilaian mandiri Anda: ${input.reason}`,
					href: `/opd-saya/${await yearOf(periodId, conn)}`,
					periodId
				},
				conn
			);
		}
		return { status: 'saved', cell };
	}
	const [period] = await conn
		.select({ status: periods.status })
		.from(periods)
		.where(eq(periods.id, periodId));
	if (period && !cellsEditable(period.status))
		throw new WorkflowError(409, lockedMessage(period.status));
	return { status: 'conflict', current: await getCell(periodId, opdId, indicatorId, conn) };
}

/** One cell of a per-OPD form: what the form showed (`was*`) and what it sends now. */
export interface OpdFormCell extends CellInput {
	indicatorId: number;
	was: {
		value: number | null;
		notApplicable: boolean;
		evidenceUrl: string | null;
		note: string | null;
	};
}

/** Thrown inside the per-OPD transaction to roll it back when a cell was changed meanwhile. */
class StaleCells extends Error {
	constructor(readonly indicatorIds: number[]) {
		super('stale cells');
	}
}

/**
 * Saves the cells of one OPD from the form that works without JavaScript: only the cells the
 * form changed, all or nothing, each version-checked. Answers the indicators whose cell someone
 * else changed meanwhile (nothing saved then), or how many cells were saved.
 */
export async function setOpdCells(
	periodId: number,
	opdId: number,
	cells: OpdFormCell[],
	actor: Actor,
	conn: Conn = db()
): Promise<{ saved: number; stale: number[] }> {
	const changed = cells.filter(
		(c) =>
			c.value !== c.was.value ||
			c.notApplicable !== c.was.notApplicable ||
			(c.evidenceUrl ?? null) !== c.was.evidenceUrl ||
			(c.note ?? null) !== c.was.note
	);
	if (changed.length === 0) return { saved: 0, stale: [] };
	try {
		await conn.transaction(async (tx) => {
			const stale: number[] = [];
			for (const cell of changed) {
				const result = await setCell(periodId, opdId, cell.indicatorId, cell, actor, tx);
				if (result.status === 'conflict') stale.push(cell.indicatorId);
			}
			if (stale.length) throw new StaleCells(stale);
		});
	} catch (e) {
		if (e instanceof StaleCells) return { saved: 0, stale: e.indicatorIds };
		throw e;
	}
	return { saved: changed.length, stale: [] };
}

/**
 * Cells assessed per evaluator in a period (the last person to set each verified value), most
 * first. Cells written by an import or the seed have no user and are counted under `null`.
 */
export async function progressByAssessor(periodId: number, conn: Conn = db()) {
	return conn
		.select({
			userId: assessments.assessedBy,
			name: users.displayName,
			username: users.username,
			cells: sql<number>`count(*)`.mapWith(Number)
		})
		.from(assessments)
		.leftJoin(users, eq(users.id, assessments.assessedBy))
		.where(
			and(
				eq(assessments.periodId, periodId),
				sql`(${assessments.value} IS NOT NULL OR ${assessments.notApplicable} = 1)`
			)
		)
		.groupBy(assessments.assessedBy)
		.orderBy(sql`count(*) DESC`);
}
