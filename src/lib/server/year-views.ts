/**
 * Every year's results for signed-in readers (dashboard, OPD pages): the published snapshot of a
 * published year (what the public saw), live scores of every other year.
 */
import * as periods from './periods';
import { computeView, publishedView, type ResultsView } from './results';
import { db, type Conn } from './db';

/** The view of one period: its snapshot when published, otherwise computed from its cells. */
export async function viewOf(
	period: Awaited<ReturnType<typeof periods.list>>[number],
	conn: Conn = db()
): Promise<ResultsView> {
	if (period.status === 'published') {
		const snapshot = await publishedView(period.year, conn);
		if (snapshot) return snapshot;
	}
	return computeView(period, conn);
}

/** Every period's view, oldest year first (including unpublished ones: callers must guard). */
export async function allYearViews(conn: Conn = db()): Promise<ResultsView[]> {
	const all = await periods.list(conn);
	const views = await Promise.all(all.map((p) => viewOf(p, conn)));
	return views.sort((a, b) => a.year - b.year);
}

/** The published views of every published year, oldest first (safe for anyone). */
export async function publishedYearViews(conn: Conn = db()): Promise<ResultsView[]> {
	const all = await periods.list(conn);
	const views = await Promise.all(
		all.filter((p) => p.status === 'published').map((p) => publishedView(p.year, conn))
	);
	return views.filter((v): v is ResultsView => v !== null).sort((a, b) => a.year - b.year);
}
