import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Indicator, Rubric } from '../../scoring/types';
import type { NotRatedKind } from '../../workflow/not-rated';
import { db, type Conn } from '../db';
import {
	indicators,
	opds,
	periodOpds,
	periods,
	type IndicatorRow,
	type RubricConfig
} from '../db/schema';

/** All periods, newest year first. */
export async function list(conn: Conn = db()) {
	return conn.select().from(periods).orderBy(desc(periods.year));
}

export async function getByYear(year: number, conn: Conn = db()) {
	const [row] = await conn.select().from(periods).where(eq(periods.year, year)).limit(1);
	return row ?? null;
}

/** Converts an indicator row to the scoring engine's shape. */
export function toIndicator(row: IndicatorRow): Indicator {
	return {
		key: row.key,
		label: row.label,
		aspect: row.aspect,
		kind: row.kind,
		weight: row.weight,
		order: row.sortOrder,
		...(row.maxLevel != null ? { maxLevel: row.maxLevel } : {}),
		...(row.levelLabels ? { levelLabels: row.levelLabels } : {}),
		...(row.pointsPerUnit != null ? { pointsPerUnit: row.pointsPerUnit } : {}),
		...(row.cap != null ? { cap: row.cap } : {})
	};
}

/** The indicator rows of a period in display order. */
export async function indicatorRows(periodId: number, conn: Conn = db()) {
	return conn
		.select()
		.from(indicators)
		.where(eq(indicators.periodId, periodId))
		.orderBy(asc(indicators.sortOrder), asc(indicators.id));
}

/** The full rubric of a period: its indicator rows plus the stored aspects, stages and bands. */
export async function rubricOf(periodId: number, conn: Conn = db()): Promise<Rubric> {
	const [period] = await conn.select().from(periods).where(eq(periods.id, periodId)).limit(1);
	if (!period) throw new Error(`period ${periodId} not found`);
	return rubricFrom(period.rubricConfig, await indicatorRows(periodId, conn));
}

/** A rubric from its stored configuration and its indicator rows (in display order). */
export function rubricFrom(config: RubricConfig, rows: IndicatorRow[]): Rubric {
	return { ...config, indicators: rows.map(toIndicator) };
}

export interface RosterEntry {
	opdId: number;
	slug: string;
	name: string;
	shortName: string;
	kind: (typeof opds.$inferSelect)['kind'];
	websiteUrl: string | null;
	displayNumber: number;
	displayName: string;
	/** Why the team left this OPD out of this year's ranking, or null when it is rated. */
	notRatedReason: string | null;
	/** Which way it is left out ("tidak dinilai" / "tidak berpartisipasi"), when it is. */
	notRatedKind: NotRatedKind;
}

/**
 * The OPDs taking part in a period, in the order of the period's table. Read as one JSON value
 * (ordered inside the aggregate): a nation-scale roster of 25,000 rows as row objects from the
 * driver took ≈ 0.5 s of a publish; parsed from one string, a few tens of ms.
 */
export async function roster(periodId: number, conn: Conn = db()): Promise<RosterEntry[]> {
	const [read] = await conn.all<{ rows: string | null }>(sql`
		SELECT json_group_array(json_object('opdId', o.id, 'slug', o.slug, 'name', o.name,
			'shortName', o.short_name, 'kind', o.kind, 'websiteUrl', o.website_url,
			'displayNumber', r.display_number, 'displayName', r.display_name,
			'notRatedReason', r.not_rated_reason, 'notRatedKind', r.not_rated_kind)
			ORDER BY r.display_number, o.name) AS rows
		FROM ${periodOpds} r JOIN ${opds} o ON o.id = r.opd_id
		WHERE r.period_id = ${periodId}`);
	return JSON.parse(read?.rows ?? '[]') as RosterEntry[];
}
