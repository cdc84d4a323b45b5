import { and, desc, eq, sql } from 'drizzle-orm';
import { effectiveCell, guessOpdKind, guessShortName, type ImportIssue } from '../../import';
import { flatRubric } from '../../scoring';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { bulkInsert, insertMatrixCells } from '../db/bulk';
import { assessments, auditEvents, indicators, opds, periodOpds, periods } from '../db/schema';
import {
	planFingerprint,
	planImport,
	type CellEvidence,
	type CellState,
	type ImportPlan,
	type PlanInput
} from './plan';

export { planImport, NEW_OPD, type ImportPlan, type MatchOverrides } from './plan';

export interface ImportRequest extends PlanInput {
	actor: Actor;
	/** The digest of the plan the user confirmed; the commit refuses if the plan changed since. */
	expectedDigest?: string;
	/**
	 * The plan of this very request, made outside the write lock (in a worker thread), and the
	 * fingerprint of the data it was read from (`planFingerprint`): written as it is when the
	 * fingerprint still holds inside the transaction, else planned again there.
	 */
	planned?: { plan: ImportPlan; fingerprint: string };
}

export interface ImportSummary {
	periodId: number;
	createdPeriod: boolean;
	opdsCreated: string[];
	/** Row name → matched OPD slug, for every row (shown to the user to confirm fuzzy matches). */
	matches: { line: number; name: string; opd: string; exact: boolean }[];
	cellsWritten: number;
	cellsChanged: number;
	/** The audit event of this import, which `revertImport` takes. */
	eventId: number;
}

export type ImportOutcome =
	| { ok: true; summary: ImportSummary }
	| { ok: false; errors: ImportIssue[]; stale?: boolean; plan?: ImportPlan };

/** One changed cell as the audit event keeps it, enough to restore it. */
export interface AuditedChange {
	opdId: number;
	indicatorId: number;
	opd: string;
	indicator: string;
	before: CellState | null;
	after: CellState;
	/** The cell's version right after the import; a revert refuses a cell edited since. */
	version: number;
	/** The evidence link and note before and after (a long-layout import that changed them). */
	evidence?: { before: CellEvidence; after: CellEvidence };
}

/** Thrown inside the transaction to roll it back with the issues found. */
class ImportRejected extends Error {
	constructor(
		readonly issues: ImportIssue[],
		readonly stale = false,
		readonly plan?: ImportPlan
	) {
		super('import rejected');
	}
}

/**
 * Writes a matrix into a year, all or nothing: plans it again inside the transaction (so the
 * database it checks is the one it writes; a plan made outside, `planned`, is taken as it is when
 * its fingerprint shows nothing it read has changed), refuses when the plan has errors or its digest differs
 * from the one the user confirmed, then writes. A new year gets a period, one `check` indicator
 * (1 point) per column and the OPDs it does not know yet; an existing, unlocked year gets its
 * changed cells. One audit event records the import so that it can be reverted.
 */
export async function commitImport(req: ImportRequest, conn: Conn = db()): Promise<ImportOutcome> {
	try {
		const summary = await conn.transaction(async (tx) => {
			const plan =
				req.planned && (await planFingerprint(req.year, tx)) === req.planned.fingerprint
					? req.planned.plan
					: await planImport(req, tx);
			if (plan.errors.length) throw new ImportRejected(plan.errors, false, plan);
			if (req.expectedDigest !== undefined && plan.digest !== req.expectedDigest) {
				throw new ImportRejected(
					[
						{
							line: 0,
							column: null,
							columnLabel: null,
							message:
								'Data periode ini berubah sejak pratinjau dibuat, sehingga impor dibatalkan dan ' +
								'tidak ada yang diubah. Periksa pratinjau yang baru lalu konfirmasi lagi.'
						}
					],
					true,
					plan
				);
			}
			return plan.createsPeriod ? createPeriod(tx, plan, req) : updatePeriod(tx, plan, req);
		});
		return { ok: true, summary };
	} catch (e) {
		if (e instanceof ImportRejected)
			return { ok: false, errors: e.issues, stale: e.stale, ...(e.plan ? { plan: e.plan } : {}) };
		throw e;
	}
}

/** Plans and commits in one go (CLI, seed): the same checks, no preview. */
export function importMatrix(req: ImportRequest, conn: Conn = db()): Promise<ImportOutcome> {
	return commitImport(req, conn);
}

function matchesOf(plan: ImportPlan): ImportSummary['matches'] {
	return plan.rows.map((r) => ({ line: r.line, name: r.name, opd: r.opd!, exact: r.exact }));
}

async function createPeriod(
	tx: Conn,
	plan: ImportPlan,
	req: ImportRequest
): Promise<ImportSummary> {
	const { matrix } = req;
	const rubric = flatRubric([]);
	const { indicators: _none, ...rubricConfig } = rubric;
	const [period] = await tx
		.insert(periods)
		.values({
			year: plan.year,
			title: plan.title,
			status: 'draft',
			rubricConfig,
			source: plan.source
		})
		.returning({ id: periods.id });
	if (!period) throw new Error('period insert returned nothing');

	const created = plan.rows.filter((r) => r.isNew);
	await bulkInsert(
		tx,
		opds,
		created.map((r) => ({
			slug: r.opd!,
			name: r.name,
			shortName: guessShortName(r.name),
			kind: guessOpdKind(r.name)
		}))
	);
	// Every OPD's id by slug, as one JSON value: 50,000 rows through the driver cost more.
	const [packed] = await tx.all<{ ids: string }>(
		sql`SELECT json_group_object(slug, id) AS ids FROM opds`
	);
	const opdId = new Map(Object.entries(JSON.parse(packed?.ids ?? '{}') as Record<string, number>));
	const rowOpd = plan.rows.map((r) => opdId.get(r.opd!)!);

	const inserted = await tx
		.insert(indicators)
		.values(
			plan.columns.map((c) => ({
				periodId: period.id,
				key: c.key,
				label: c.label,
				aspect: rubric.aspects[0]!.key,
				kind: 'check' as const,
				weight: 1,
				sortOrder: c.index + 1
			}))
		)
		.returning({ id: indicators.id });

	await bulkInsert(
		tx,
		periodOpds,
		matrix.rows.map((row, i) => ({
			periodId: period.id,
			opdId: rowOpd[i]!,
			displayNumber: row.number ?? i + 1,
			displayName: row.name
		}))
	);

	await insertMatrixCells(
		tx,
		period.id,
		inserted.map((i) => i.id),
		matrix.rows.map((row, r) => ({
			opdId: rowOpd[r]!,
			// Under "keep" an empty cell is written as not assessed, not as "tidak ada".
			cells:
				plan.empty === 'absent' ? row.cells : row.cells.map((c) => effectiveCell(c, plan.empty))
		})),
		req.actor.userId,
		new Date()
	);
	const cells = matrix.rows.length * inserted.length;

	const eventId = await recordImport(tx, req.actor, plan, period.id, {
		source: plan.source,
		createdPeriod: true,
		indicators: plan.columns.map((c) => c.key),
		opdsCreated: created.map((r) => r.opd!),
		cells
	});
	return {
		periodId: period.id,
		createdPeriod: true,
		opdsCreated: created.map((r) => r.opd!),
		matches: matchesOf(plan),
		cellsWritten: cells,
		cellsChanged: cells,
		eventId
	};
}

async function updatePeriod(
	tx: Conn,
	plan: ImportPlan,
	req: ImportRequest
): Promise<ImportSummary> {
	const periodId = plan.periodId!;
	const now = new Date();
	const audited: AuditedChange[] = [];
	for (const change of plan.changes) {
		const [old] = await tx
			.select({ id: assessments.id, version: assessments.version })
			.from(assessments)
			.where(
				and(
					eq(assessments.periodId, periodId),
					eq(assessments.opdId, change.opdId),
					eq(assessments.indicatorId, change.indicatorId)
				)
			)
			.limit(1);
		const write = {
			...change.after,
			...(change.evidence ? change.evidence.after : {}),
			assessedBy: req.actor.userId,
			assessedAt: now
		};
		if (old) {
			await tx
				.update(assessments)
				.set({ ...write, version: old.version + 1 })
				.where(eq(assessments.id, old.id));
		} else {
			await tx
				.insert(assessments)
				.values({ periodId, opdId: change.opdId, indicatorId: change.indicatorId, ...write });
		}
		audited.push({
			opdId: change.opdId,
			indicatorId: change.indicatorId,
			opd: change.opd,
			indicator: change.indicator,
			before: change.before,
			after: change.after,
			version: old ? old.version + 1 : 1,
			...(change.evidence ? { evidence: change.evidence } : {})
		});
	}
	const eventId = await recordImport(tx, req.actor, plan, periodId, {
		source: plan.source,
		createdPeriod: false,
		changes: audited
	});
	return {
		periodId,
		createdPeriod: false,
		opdsCreated: [],
		matches: matchesOf(plan),
		cellsWritten: plan.cellsTotal,
		cellsChanged: audited.length,
		eventId
	};
}

async function recordImport(
	tx: Conn,
	actor: Actor,
	plan: ImportPlan,
	periodId: number,
	after: Record<string, unknown>
): Promise<number> {
	await audit.record(
		actor,
		{
			action: 'period.import',
			entityType: 'period',
			entityId: plan.year,
			periodId,
			before: null,
			after
		},
		tx
	);
	// Inside the write transaction nobody else can append, so the newest event is ours.
	const [last] = await tx
		.select({ id: auditEvents.id })
		.from(auditEvents)
		.orderBy(desc(auditEvents.id))
		.limit(1);
	return last!.id;
}
