/**
 * The ranking of a period without per-indicator detail: SQLite adds up every OPD's points per
 * aspect where the cells are (one aggregate query, roster included), and the pure engine turns
 * those sums into totals, ranks, bands, stages and awards (`rankFromSums`). At nation scale
 * (25,000 OPDs × 20 indicators) this reads 25,000 rows instead of 500,000 cells. Pages that show
 * how each indicator scored keep using `computeView` (results.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import {
	aspectMaxPoints,
	indicatorAspects,
	indicatorMaxPoints,
	priorityIndicators,
	rankFromSums,
	type OpdSums,
	type PeriodSummary
} from '../../scoring';
import { POINTS_RULE, type SqlExpr } from '../../scoring/points-rule';
import type { Rubric } from '../../scoring/types';
import { db, type Conn } from '../db';
import type { IndicatorRow, Period } from '../db/schema';
import { indicatorRows, rubricFrom, toIndicator, type RosterEntry } from '../periods/periods';

export interface RankingView {
	year: number;
	title: string;
	status: Period['status'];
	roster: RankingRosterEntry[];
	result: PeriodSummary;
}

/** A bound number that SQLite computes with as a float, as JavaScript does. */
const real = (x: number) => sql`CAST(${x} AS REAL)`;

/** A SQL expression of the points rule as drizzle SQL, its numbers bound as floats. */
const toSql = (expr: SqlExpr): SQL =>
	sql.join(expr.map((p) => (typeof p === 'number' ? real(p) : sql.raw(p))));

/** The points one cell of `row` earns, by the rule `indicatorPoints` follows (value not null). */
const pointsExpr = (row: IndicatorRow): SQL =>
	toSql(POINTS_RULE[row.kind].pointsSql(toIndicator(row), 'value'));

/** Indicators with the same key of this get the same expression (see {@link perIndicator}). */
const formulaOf = (r: IndicatorRow) =>
	JSON.stringify([r.kind, r.weight, r.maxLevel, r.pointsPerUnit, r.cap]);

/**
 * `CASE` over indicator ids choosing each indicator's expression; indicators with the same
 * `keyOf` share one branch, and when one branch covers every indicator there is no test at all.
 */
function perIndicator(
	rows: IndicatorRow[],
	all: number,
	keyOf: (row: IndicatorRow) => string,
	expr: (row: IndicatorRow) => SQL
): SQL {
	const branches = new Map<string, { expr: SQL; ids: number[] }>();
	for (const row of rows) {
		const key = keyOf(row);
		const branch = branches.get(key) ?? { expr: expr(row), ids: [] };
		branch.ids.push(row.id);
		branches.set(key, branch);
	}
	const list = [...branches.values()];
	if (list.length === 0) return sql`NULL`;
	if (list.length === 1 && rows.length === all) return list[0]!.expr;
	const whens = list.map(
		(b) =>
			sql`WHEN indicator_id IN (${sql.raw(b.ids.map((id) => String(Math.trunc(id))).join(', '))}) THEN ${b.expr}`
	);
	return sql`CASE ${sql.join(whens, sql` `)} END`;
}

/** What a ranking list shows of each OPD beside its result. */
export type RankingRosterEntry = Pick<
	RosterEntry,
	'slug' | 'shortName' | 'displayName' | 'displayNumber'
>;

/** A trie of sums, one level per number; symbol keys hold what the numbers so far make. */
type Interned = Map<number | typeof ASPECTS | typeof SUMS, unknown>;
const ASPECTS = Symbol('aspects');
const SUMS = Symbol('sums');

const descend = (level: Interned, x: number): Interned => {
	let next = level.get(x) as Interned | undefined;
	if (!next) level.set(x, (next = new Map()));
	return next;
};

/** One roster row as the query packs it (see {@link rosterSums}). */
type PackedRow = [
	slug: string,
	shortName: string,
	displayName: string,
	displayNumber: number,
	/** The sums below are null when the OPD has no cell in the period. */
	met: number | null,
	notApplicable: number | null,
	name: string,
	/** Per aspect: points, then max points of its not-applicable cells; then priority points. */
	...sums: (number | string | null)[]
];

/** True when every cell can only earn whole points, so every sum is an integer. */
const wholePoints = (rows: IndicatorRow[]) =>
	rows.every((r) => POINTS_RULE[r.kind].wholePoints(toIndicator(r)));

/**
 * The roster of a period with each OPD's sums (see {@link OpdSums}) from one aggregate query:
 * per aspect the points earned and the points possible, not-applicable cells leaving the
 * maximum; indicators met and applicable; and the points of the indicators the tie-break
 * priority names. `sums` answers by OPD slug; an OPD without cells has none.
 *
 * The query answers one JSON array rather than 25,000 rows: the driver builds an object per row
 * and column, which costs more than the aggregate itself. SQLite writes JSON numbers with 15
 * significant digits, exact for whole points; fractional sums travel as 17-digit text instead.
 */
export async function rosterSums(
	periodId: number,
	rubric: Rubric,
	rows: IndicatorRow[],
	conn: Conn = db()
): Promise<{ roster: RankingRosterEntry[]; sums: Map<string, OpdSums> }> {
	const aspects = indicatorAspects(rubric);
	const fullMax = aspectMaxPoints(rubric);
	const priority = priorityIndicators(rubric);
	const all = rows.length;
	const columns: SQL[] = [];
	/** Reads a sum from a packed row: a column of its own, or derived from `met`/`na`. */
	type Read = (row: PackedRow) => number;
	const column = (expr: SQL): Read => {
		const at = 7 + columns.push(expr) - 1;
		return (row) => Number(row[at]);
	};
	const checksOfOne = rows.every((r) => r.kind === 'check' && r.weight === 1);
	const reads = aspects.map((aspect) => {
		const own = rows.filter((r) => r.aspect === aspect);
		const whole = own.length === all;
		const maxOf = (r: IndicatorRow) => indicatorMaxPoints(toIndicator(r));
		const maxima = new Set(own.map(maxOf));
		const [onlyMax] = maxima;
		// Common shortcuts, exact: one aspect of 1-point checks earns what it meets; one whole
		// maximum per cell makes the not-applicable maximum a multiple of the count.
		const points: Read =
			whole && checksOfOne
				? (row) => row[4]!
				: column(
						sql`total(iif(not_applicable, NULL, ${perIndicator(own, all, formulaOf, pointsExpr)}))`
					);
		const naMax: Read =
			whole && maxima.size === 1 && Number.isInteger(onlyMax)
				? (row) => row[5]! * onlyMax!
				: column(
						sql`total(iif(not_applicable, ${perIndicator(
							own,
							all,
							(r) => String(maxOf(r)),
							(r) => real(maxOf(r))
						)}, NULL))`
					);
		return { aspect, points, naMax, max: fullMax.get(aspect) ?? 0 };
	});
	const priorityReads = priority.map((key) => {
		const row = rows.find((r) => r.key === key)!;
		return column(
			sql`total(iif(not_applicable OR indicator_id <> ${row.id}, NULL, ${pointsExpr(row)}))`
		);
	});
	const met = perIndicator(
		rows,
		all,
		(r) => JSON.stringify(POINTS_RULE[r.kind].metSql('value')),
		(r) => toSql(POINTS_RULE[r.kind].metSql('value'))
	);
	const exact = wholePoints(rows);
	const packed = columns.map((_, i) =>
		sql.raw(exact ? `, g.s${i}` : `, printf('%!.17g', g.s${i})`)
	);
	const aggregates = columns.map((c, i) => sql`, ${c} AS ${sql.raw(`s${i}`)}`);
	// OPDs with the same sums share one frozen OpdSums, and OPDs with the same aspect sums one
	// frozen aspects record: far fewer objects to collect, and `rankFromSums` scores each record
	// once (Map keys compare like ===, with -0 as 0: equal sums).
	const interned: Interned = new Map();
	const values: number[] = [];
	const internSums = (row: PackedRow, met: number, na: number): OpdSums => {
		let level = interned;
		for (let j = 0; j < reads.length; j++) {
			const r = reads[j]!;
			level = descend(level, (values[2 * j] = r.points(row)));
			level = descend(level, (values[2 * j + 1] = r.max - r.naMax(row)));
		}
		let aspectsOf = level.get(ASPECTS) as OpdSums['aspects'] | undefined;
		if (!aspectsOf) {
			const record: OpdSums['aspects'] = {};
			reads.forEach((r, j) => {
				record[r.aspect] = Object.freeze({ points: values[2 * j]!, maxPoints: values[2 * j + 1]! });
			});
			level.set(ASPECTS, (aspectsOf = Object.freeze(record)));
		}
		level = descend(descend(level, met), na);
		for (let k = 0; k < priority.length; k++)
			level = descend(level, (values[2 * reads.length + k] = priorityReads[k]!(row)));
		let sumsOf = level.get(SUMS) as OpdSums | undefined;
		if (!sumsOf) {
			sumsOf = { aspects: aspectsOf, indicatorsMet: met, indicatorsApplicable: all - na };
			if (priority.length) {
				const points: Record<string, number> = {};
				for (let k = 0; k < priority.length; k++)
					points[priority[k]!] = values[2 * reads.length + k]!;
				sumsOf.indicatorPoints = Object.freeze(points);
			}
			level.set(SUMS, Object.freeze(sumsOf));
		}
		return sumsOf;
	};
	const [result] = await conn.all<{ rows: string | null }>(sql`
		SELECT json_group_array(json_array(o.slug, o.short_name, r.display_name, r.display_number,
			g.met, g.na, o.name${sql.join(packed)})) AS rows
		FROM period_opds r
		JOIN opds o ON o.id = r.opd_id
		LEFT JOIN (
			SELECT opd_id, total(iif(not_applicable, NULL, ${met})) AS met,
				total(not_applicable) AS na${sql.join(aggregates)}
			FROM assessments WHERE period_id = ${periodId} GROUP BY opd_id
		) g ON g.opd_id = r.opd_id
		WHERE r.period_id = ${periodId} AND r.not_rated_reason IS NULL`);
	const found = JSON.parse(result?.rows ?? '[]') as PackedRow[];
	// Roster order (as periods.roster: by number, then name), sorted here rather than by SQLite.
	found.sort((a, b) => a[3] - b[3] || (a[6] < b[6] ? -1 : a[6] > b[6] ? 1 : 0));
	const roster: RankingRosterEntry[] = [];
	const sums = new Map<string, OpdSums>();
	for (let i = 0; i < found.length; i++) {
		const row = found[i]!;
		const slug = row[0];
		roster.push({ slug, shortName: row[1], displayName: row[2], displayNumber: row[3] });
		const met = row[4];
		const na = row[5];
		if (met !== null && na !== null) sums.set(slug, internSums(row, met, na));
	}
	return { roster, sums };
}

/**
 * Ranks a period from its current cells: the same totals, ranks, bands, stages and awards as
 * `computeView`, without per-indicator scores (for ranking lists and exports).
 */
export async function computeRanking(period: Period, conn: Conn = db()): Promise<RankingView> {
	const rows = await indicatorRows(period.id, conn);
	const rubric = rubricFrom(period.rubricConfig, rows);
	const { roster, sums } = await rosterSums(period.id, rubric, rows, conn);
	const participants = roster.map((e) => ({ key: e.slug, name: e.displayName }));
	return {
		year: period.year,
		title: period.title,
		status: period.status,
		roster,
		result: rankFromSums(rubric, participants, (slug) => sums.get(slug))
	};
}
