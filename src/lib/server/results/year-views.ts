/**
 * Years' results for signed-in readers (dashboard, OPD pages), only the years a page shows: the
 * published snapshot of a published year (what the public saw), live scores of every other year.
 */
import { eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { comparedYears } from '../../insights/dashboard';
import * as periods from '../periods/periods';
import { computeView, publishedView, type ResultsView } from './results';
import { db, type Conn } from '../db';
import { auditEvents, periodOpds } from '../db/schema';

/**
 * Views computed once per change, not per request: a 40,000-OPD year scored on every dashboard
 * load made every page wait. Every change is in the audit log (a rule of this codebase, kept by
 * the tests of each write), so a period's view is still valid while the newest audit event of
 * that period and the newest event without a period (OPD master, users) are the ones it was
 * computed under. Per process and per database handle; safe with several app instances, since
 * the key is read from the database on every request.
 */
const caches = new WeakMap<Conn, Map<number, { key: string; view: Promise<ResultsView> }>>();

async function changeKeys(conn: Conn): Promise<{ byPeriod: Map<number, number>; global: number }> {
	const [perPeriod, [global]] = await Promise.all([
		conn
			.select({ periodId: auditEvents.periodId, last: sql<number>`max(${auditEvents.id})` })
			.from(auditEvents)
			.groupBy(auditEvents.periodId),
		conn
			.select({ last: sql<number | null>`max(${auditEvents.id})` })
			.from(auditEvents)
			.where(isNull(auditEvents.periodId))
	]);
	const byPeriod = new Map<number, number>();
	for (const r of perPeriod) if (r.periodId !== null) byPeriod.set(r.periodId, Number(r.last));
	return { byPeriod, global: Number(global?.last ?? 0) };
}

/** The view of one period: its snapshot when published, otherwise computed from its cells. */
export async function viewOf(period: PeriodRow, conn: Conn = db()): Promise<ResultsView> {
	if (period.status === 'published') {
		const snapshot = await publishedView(period.year, conn);
		if (snapshot) return snapshot;
	}
	return computeView(period, conn);
}

type PeriodRow = Awaited<ReturnType<typeof periods.list>>[number];

/** The views of `wanted` (of `all` periods), each from the cache while its period is unchanged. */
async function cachedViews(
	all: PeriodRow[],
	wanted: PeriodRow[],
	keys: Awaited<ReturnType<typeof changeKeys>>,
	conn: Conn
): Promise<ResultsView[]> {
	let cache = caches.get(conn);
	if (!cache) caches.set(conn, (cache = new Map()));
	const live = new Set(all.map((p) => p.id));
	for (const id of cache.keys()) if (!live.has(id)) cache.delete(id);
	const views = await Promise.all(
		wanted.map((p) => {
			const key = `${p.status}:${p.publishedAt?.getTime() ?? ''}:${keys.byPeriod.get(p.id) ?? 0}:${keys.global}`;
			const hit = cache.get(p.id);
			if (hit && hit.key === key) return hit.view;
			const view = viewOf(p, conn);
			cache.set(p.id, { key, view });
			// A failed computation is not remembered.
			view.catch(() => cache.get(p.id)?.view === view && cache.delete(p.id));
			return view;
		})
	);
	return views.sort((a, b) => a.year - b.year);
}

/**
 * What the dashboard of `year` shows, and no more: the views of that year, of the two years its
 * comparison picks, and of the years sharing an OPD with it (its trend: `trendYears`), with
 * every year there is for the year picker. A 40,000-OPD year of other OPDs in the same database
 * is then never scored, parsed or filtered for a city's dashboard. Null when there is no such
 * year.
 */
export async function dashboardYearViews(
	year: number,
	params: { get(name: string): string | null },
	conn: Conn = db()
): Promise<{ views: ResultsView[]; listed: { year: number; status: string }[] } | null> {
	const [all, keys] = await Promise.all([periods.list(conn), changeKeys(conn)]);
	const current = all.find((p) => p.year === year);
	if (!current) return null;
	const other = alias(periodOpds, 'other');
	const sharing = await conn
		.selectDistinct({ periodId: other.periodId })
		.from(periodOpds)
		.innerJoin(other, eq(other.opdId, periodOpds.opdId))
		.where(eq(periodOpds.periodId, current.id));
	const ids = new Set([current.id, ...sharing.map((r) => r.periodId)]);
	const pick = comparedYears(all, params, year);
	const wanted = all.filter(
		(p) => ids.has(p.id) || p.year === pick?.before || p.year === pick?.after
	);
	return {
		views: await cachedViews(all, wanted, keys, conn),
		listed: all.map((p) => ({ year: p.year, status: p.status }))
	};
}

/**
 * What the signed-in page of one OPD shows: the views of the periods the OPD is on the roster of
 * (found through the roster's index on the OPD: one cheap query), each from the cache, and for
 * every other period only its year and number of rated OPDs (its history row "tidak dinilai").
 * A 40,000-OPD year of other OPDs is counted, never scored or parsed, for a city OPD's page.
 */
export async function opdYearViews(
	opdId: number,
	conn: Conn = db()
): Promise<{ views: ResultsView[]; without: { year: number; participants: number }[] }> {
	const [all, keys, mine, counts] = await Promise.all([
		periods.list(conn),
		changeKeys(conn),
		conn
			.select({ periodId: periodOpds.periodId })
			.from(periodOpds)
			.where(eq(periodOpds.opdId, opdId)),
		conn
			.select({
				periodId: periodOpds.periodId,
				rated: sql<number>`count(*) - count(${periodOpds.notRatedReason})`
			})
			.from(periodOpds)
			.groupBy(periodOpds.periodId)
	]);
	const ids = new Set(mine.map((r) => r.periodId));
	const rated = new Map(counts.map((r) => [r.periodId, Number(r.rated)]));
	return {
		views: await cachedViews(
			all,
			all.filter((p) => ids.has(p.id)),
			keys,
			conn
		),
		without: all
			.filter((p) => !ids.has(p.id))
			.map((p) => ({ year: p.year, participants: rated.get(p.id) ?? 0 }))
			.sort((a, b) => a.year - b.year)
	};
}

/** The published views of every published year, oldest first (safe for anyone). */
export async function publishedYearViews(conn: Conn = db()): Promise<ResultsView[]> {
	const all = await periods.list(conn);
	const views = await Promise.all(
		all.filter((p) => p.status === 'published').map((p) => publishedView(p.year, conn))
	);
	return views.filter((v): v is ResultsView => v !== null).sort((a, b) => a.year - b.year);
}
