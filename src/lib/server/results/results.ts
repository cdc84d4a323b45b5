import { channel } from 'node:diagnostics_channel';
import { asc, eq } from 'drizzle-orm';
import { awardGroups, scorePeriod } from '../../scoring';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { cellsOf } from '../workflow/assessments';
import { db, type Conn } from '../db';
import { periods, publishedFiles, publishedSnapshots, type Period } from '../db/schema';
import { buildOpdFiles, buildPublishedFiles, etagOf, FILE_NAMES } from './published-files';
import { readSnapshot, slimSnapshotBody } from './snapshot';
import { bulkInsertBound } from '../db/bulk';
import { roster, rubricOf } from '../periods/periods';
import { officialAwardsOfPeriod } from '../awards/awards';
import type { ResultsView } from './view';

export type { NotRatedView, OfficialAwardView, ResultsView } from './view';

/** Scores a period from its current cells (live: for evaluators and unpublished periods). */
export async function computeView(period: Period, conn: Conn = db()): Promise<ResultsView> {
	const [rubric, entries, cells, awards] = await Promise.all([
		rubricOf(period.id, conn),
		roster(period.id, conn),
		cellsOf(period.id, conn),
		officialAwardsOfPeriod(period.id, conn)
	]);
	const rated = entries.filter((e) => e.notRatedReason === null);
	const participants = rated.map((e) => ({ key: e.slug, name: e.displayName }));
	const result = scorePeriod(rubric, participants, cells);
	const kinds = new Map(entries.map((e) => [e.slug, e.kind]));
	const leftOut = entries.filter((e) => e.notRatedReason !== null);
	return {
		year: period.year,
		title: period.title,
		status: period.status,
		source: period.source,
		publishedAt: period.publishedAt ? period.publishedAt.toISOString() : null,
		roster: rated.map(
			({ opdId: _opdId, notRatedReason: _reason, notRatedKind: _kind, ...rest }) => rest
		),
		result,
		officialAwards: awards,
		notRated: entries.flatMap((e) =>
			e.notRatedReason === null
				? []
				: [
						{
							slug: e.slug,
							name: e.displayName,
							reason: e.notRatedReason,
							kind: e.notRatedKind
						}
					]
		),
		awardGroups: awardGroups(
			rubric,
			result.opds,
			(opd) => kinds.get(opd),
			leftOut.map((e) => ({ opd: e.slug, kind: e.kind, notRatedKind: e.notRatedKind }))
		)
	};
}

/**
 * Each phase of a publish as `{ phase, ms }` once it ends, for scripts/bench/publish-probe.ts
 * (a diagnostics channel costs nothing while nobody subscribes).
 */
export const publishPhases = channel('monev:publish-phase');

/** Marks the end of a publish phase: the time since the previous mark goes to {@link publishPhases}. */
function phaseClock(): (phase: string) => void {
	let at = performance.now();
	return (phase) => {
		const now = performance.now();
		if (publishPhases.hasSubscribers) publishPhases.publish({ phase, ms: now - at });
		at = now;
	};
}

/**
 * Publishes a period: scores it once and stores the result as an immutable snapshot with an ETag,
 * so later edits of the rubric or cells never change what the public saw.
 */
export async function publish(periodId: number, actor: Actor, conn: Conn = db()): Promise<void> {
	const [period] = await conn.select().from(periods).where(eq(periods.id, periodId)).limit(1);
	if (!period) throw new Error(`period ${periodId} not found`);
	const mark = phaseClock();
	await conn.transaction(async (tx) => {
		const publishedAt = new Date();
		const view = await computeView({ ...period, status: 'published', publishedAt }, tx);
		mark('score');
		const opdFiles = buildOpdFiles(view).map((file) => ({ periodId, ...file }));
		mark('build OPD files');
		// The snapshot names its OPD results instead of repeating them (snapshot.ts); every result
		// has its file, since the results are those of the roster's rated OPDs.
		const body =
			opdFiles.length === view.result.opds.length ? slimSnapshotBody(view) : JSON.stringify(view);
		const etag = etagOf(body);
		mark('serialise snapshot');
		await tx
			.update(periods)
			.set({ status: 'published', publishedAt })
			.where(eq(periods.id, periodId));
		await tx
			.insert(publishedSnapshots)
			.values({ periodId, body, etag, publishedAt })
			.onConflictDoUpdate({
				target: publishedSnapshots.periodId,
				set: { body, etag, publishedAt }
			});
		mark('write snapshot');
		await tx.delete(publishedFiles).where(eq(publishedFiles.periodId, periodId));
		mark('delete old files');
		const files = buildPublishedFiles(view);
		mark('build open-data files');
		await tx
			.insert(publishedFiles)
			.values(FILE_NAMES.map((name) => ({ periodId, name, ...files[name] })));
		mark('write open-data files');
		await bulkInsertBound(tx, publishedFiles, opdFiles);
		mark('write OPD files');
		await audit.record(
			actor,
			{
				action: 'period.publish',
				entityType: 'period',
				entityId: period.year,
				periodId,
				before: { status: period.status },
				after: { status: 'published', etag }
			},
			tx
		);
		mark('audit');
	});
	mark('commit');
}

export interface PublishedSnapshot {
	etag: string;
	/** The whole published view (its OPD results read from their files when not inline). */
	view: () => Promise<ResultsView>;
}

/** The published snapshot of a year, or null when the year is not published. */
export async function publishedByYear(
	year: number,
	conn: Conn = db()
): Promise<PublishedSnapshot | null> {
	const [row] = await conn
		.select({
			periodId: publishedSnapshots.periodId,
			body: publishedSnapshots.body,
			etag: publishedSnapshots.etag
		})
		.from(publishedSnapshots)
		.innerJoin(periods, eq(periods.id, publishedSnapshots.periodId))
		.where(eq(periods.year, year))
		.limit(1);
	if (!row) return null;
	return {
		etag: row.etag,
		view: async () => (await readSnapshot(row.periodId, row.body, conn)).view
	};
}

/** The years whose results are public, newest first. */
export async function publishedYears(conn: Conn = db()) {
	return conn
		.select({ year: periods.year, title: periods.title, publishedAt: periods.publishedAt })
		.from(periods)
		.innerJoin(publishedSnapshots, eq(publishedSnapshots.periodId, periods.id))
		.orderBy(asc(periods.year));
}

/** The published view of a year for the public, or null (the caller answers 404). */
export async function publishedView(year: number, conn: Conn = db()): Promise<ResultsView | null> {
	const snapshot = await publishedByYear(year, conn);
	return snapshot ? await snapshot.view() : null;
}
