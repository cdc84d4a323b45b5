/**
 * How a published snapshot is stored. Its OPD results are not repeated: each is already the
 * `result` of that OPD's published file (`opd/{slug}.json`, written in the same transaction and
 * as immutable), so the snapshot keeps only their slugs, in result order, and a read puts the
 * results back from the files. At 25,000 OPDs that is 63 MB not serialised, hashed and written a
 * second time at every publish. Snapshots stored before hold their results inline and are read
 * as they are.
 */
import { and, eq, gte, lt } from 'drizzle-orm';
import type { Conn } from '../db';
import { publishedFiles } from '../db/schema';
import type { OpdResult, PeriodResult } from '../../scoring/types';
import { readOpdFile } from './opd-file';
import { opdFileName } from './published-files';
import type { ResultsView } from './view';

/** A snapshot body as stored: OPD results inline (stored before) or named by their slug. */
type StoredView = Omit<ResultsView, 'result'> & {
	result: Omit<PeriodResult, 'opds'> & { opds: (OpdResult | string)[] };
};

/**
 * The stored body of a snapshot whose OPD results are all in published OPD files: the view with
 * each result replaced by its OPD's slug.
 */
export function slimSnapshotBody(view: ResultsView): string {
	const opds = view.result.opds.map((o) => o.opd);
	return JSON.stringify({ ...view, result: { ...view.result, opds } } satisfies StoredView);
}

/** A snapshot read back: the whole view, and whether its results live in the OPD files. */
export interface ReadSnapshot {
	view: ResultsView;
	slim: boolean;
}

/** The view a stored snapshot body holds, its OPD results read from the files when not inline. */
export async function readSnapshot(
	periodId: number,
	body: string,
	conn: Conn
): Promise<ReadSnapshot> {
	const stored = JSON.parse(body) as StoredView;
	// Snapshots published before `notRated` existed read as having none.
	const notRated = stored.notRated ?? [];
	const slim = stored.result.opds.some((o) => typeof o === 'string');
	if (!slim) return { view: { ...(stored as ResultsView), notRated }, slim };
	// Every OPD file of the period: the primary key's range for the names "opd/…".
	const files = await conn
		.select({ name: publishedFiles.name, body: publishedFiles.body })
		.from(publishedFiles)
		.where(
			and(
				eq(publishedFiles.periodId, periodId),
				gte(publishedFiles.name, 'opd/'),
				lt(publishedFiles.name, 'opd0')
			)
		);
	const results = new Map(files.map((f) => [f.name, f.body]));
	const opds = stored.result.opds.map((slug) => {
		const file = typeof slug === 'string' ? results.get(opdFileName(slug)) : undefined;
		if (file === undefined) throw new Error(`published OPD file of ${String(slug)} missing`);
		return readOpdFile(file).result;
	});
	return { view: { ...stored, notRated, result: { ...stored.result, opds } }, slim };
}
