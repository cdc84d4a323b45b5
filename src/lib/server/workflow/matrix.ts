import { NOT_APPLICABLE } from '../../workflow/cell-value';
import { and, asc, eq } from 'drizzle-orm';
import type { IndicatorKind } from '../../scoring/types';
import type { PeriodStatus } from '../../workflow/lifecycle';
import { historyOf } from '../audit/audit';
import { cellEntityId, getCell } from './assessments';
import { db, type Conn } from '../db';
import { aliasesById } from '../opds/master';
import { assessments, indicators, opds, periodOpds, type OpdKind } from '../db/schema';

/** Not applicable travels as -1 in the compact matrix (see cell-value.ts). */
export const NA = NOT_APPLICABLE;

export interface MatrixIndicator {
	id: number;
	key: string;
	label: string;
	kind: IndicatorKind;
	maxLevel: number | null;
	levelLabels: string[] | null;
	/** What counts (issue 13 §3), for the cell panel. */
	definition: string;
	acceptableEvidence: string;
	unacceptableEvidence: string;
	evidenceRequired: boolean;
}

export interface MatrixRow {
	id: number;
	slug: string;
	name: string;
	kind: OpdKind;
	/** The OPD master's aliases ("Dinkes", former names), for the OPD search; absent when none. */
	aliases?: string[];
	/** Verified value per indicator column (null: not assessed, -1: not applicable). */
	v: (number | null)[];
	/** Cell version per column (0: no row yet). */
	ver: number[];
	/** Self-assessed value per column (null: none, -1: not applicable). */
	s: (number | null)[];
}

export interface MatrixView {
	indicators: MatrixIndicator[];
	rows: MatrixRow[];
}

function indicatorsOf(periodId: number, conn: Conn): Promise<MatrixIndicator[]> {
	return conn
		.select({
			id: indicators.id,
			key: indicators.key,
			label: indicators.label,
			kind: indicators.kind,
			maxLevel: indicators.maxLevel,
			levelLabels: indicators.levelLabels,
			definition: indicators.definition,
			acceptableEvidence: indicators.acceptableEvidence,
			unacceptableEvidence: indicators.unacceptableEvidence,
			evidenceRequired: indicators.evidenceRequired
		})
		.from(indicators)
		.where(eq(indicators.periodId, periodId))
		.orderBy(asc(indicators.sortOrder), asc(indicators.id));
}

/**
 * The whole matrix of a period in a compact shape: one small array per OPD row instead of one
 * object per cell, so 1,000 OPDs × 20 indicators stays a few hundred kilobytes. Four queries.
 */
export async function matrixOf(periodId: number, conn: Conn = db()): Promise<MatrixView> {
	const [inds, roster, cells, aliases] = await Promise.all([
		indicatorsOf(periodId, conn),
		conn
			.select({ id: opds.id, slug: opds.slug, name: periodOpds.displayName, kind: opds.kind })
			.from(periodOpds)
			.innerJoin(opds, eq(opds.id, periodOpds.opdId))
			.where(eq(periodOpds.periodId, periodId))
			.orderBy(asc(periodOpds.displayNumber), asc(opds.name)),
		conn
			.select({
				opdId: assessments.opdId,
				indicatorId: assessments.indicatorId,
				value: assessments.value,
				na: assessments.notApplicable,
				self: assessments.selfValue,
				selfNa: assessments.selfNotApplicable,
				version: assessments.version
			})
			.from(assessments)
			.where(eq(assessments.periodId, periodId)),
		// Every alias (a short list): filtering by the roster's ids could pass SQLite's variable cap.
		aliasesById(null, conn)
	]);
	const column = new Map(inds.map((ind, i) => [ind.id, i]));
	const rows: MatrixRow[] = roster.map((o) => ({
		...o,
		...(aliases.has(o.id) ? { aliases: aliases.get(o.id) } : {}),
		v: inds.map(() => null),
		ver: inds.map(() => 0),
		s: inds.map(() => null)
	}));
	const rowOf = new Map(rows.map((r) => [r.id, r]));
	for (const c of cells) {
		const row = rowOf.get(c.opdId);
		const col = column.get(c.indicatorId);
		if (!row || col === undefined) continue;
		row.v[col] = c.na ? NA : c.value;
		row.ver[col] = c.version;
		row.s[col] = c.selfNa ? NA : c.self;
	}
	return { indicators: inds, rows };
}

/** One cell with its indicator, its OPD and its history (newest first), for the cell page. */
export async function cellDetail(
	periodId: number,
	opdSlug: string,
	indicatorKey: string,
	conn: Conn = db()
) {
	const [target] = await conn
		.select({ opd: opds, indicator: indicators, displayName: periodOpds.displayName })
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.innerJoin(
			indicators,
			and(eq(indicators.periodId, periodOpds.periodId), eq(indicators.key, indicatorKey))
		)
		.where(and(eq(periodOpds.periodId, periodId), eq(opds.slug, opdSlug)))
		.limit(1);
	if (!target) return null;
	const [cell, history] = await Promise.all([
		getCell(periodId, target.opd.id, target.indicator.id, conn),
		historyOf('cell', cellEntityId(periodId, target.opd.id, target.indicator.id), conn)
	]);
	return { ...target, cell, history };
}

/** One OPD of a period with its cells (evidence and notes too), for the per-OPD form. */
export async function opdCells(periodId: number, opdSlug: string, conn: Conn = db()) {
	const [opd] = await conn
		.select({ id: opds.id, slug: opds.slug, name: periodOpds.displayName, kind: opds.kind })
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(and(eq(periodOpds.periodId, periodId), eq(opds.slug, opdSlug)))
		.limit(1);
	if (!opd) return null;
	const [inds, cells] = await Promise.all([
		indicatorsOf(periodId, conn),
		conn
			.select()
			.from(assessments)
			.where(and(eq(assessments.periodId, periodId), eq(assessments.opdId, opd.id)))
	]);
	const byIndicator = new Map(cells.map((c) => [c.indicatorId, c]));
	const pick = <T>(f: (c: (typeof cells)[number]) => T, empty: T) =>
		inds.map((ind) => {
			const c = byIndicator.get(ind.id);
			return c ? f(c) : empty;
		});
	const row: MatrixRow = {
		...opd,
		v: pick((c) => (c.notApplicable ? NA : c.value), null),
		ver: pick((c) => c.version, 0),
		s: pick((c) => (c.selfNotApplicable ? NA : c.selfValue), null)
	};
	return { indicators: inds, row, details: byIndicator };
}

export type { PeriodStatus };
