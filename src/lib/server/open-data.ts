import Papa from 'papaparse';
import { RESULT_CSV_COLUMNS, toResultRows } from '../results-table';
import { db, type Conn } from './db';
import { publishedByYear, publishedEtag, type ResultsView } from './results';

export interface Representation {
	body: string;
	etag: string;
}

type Kind = 'results.json' | 'results.csv' | 'matrix.csv';

/**
 * Published snapshots are immutable, so each representation is built once per snapshot ETag and
 * kept in memory; a republished year gets a new ETag and thus a new entry.
 */
const cache = new Map<string, Representation>();
const CACHE_LIMIT = 200;

function build(kind: Kind, view: ResultsView): string {
	const rows = toResultRows(view.result, view.roster);
	switch (kind) {
		case 'results.json':
			return JSON.stringify({
				year: view.year,
				title: view.title,
				publishedAt: view.publishedAt,
				source: view.source,
				rubric: view.result.rubric,
				results: rows,
				awards: view.result.awards,
				officialAwards: view.officialAwards
			});
		case 'results.csv':
			return Papa.unparse(rows, { columns: [...RESULT_CSV_COLUMNS], escapeFormulae: true });
		case 'matrix.csv':
			return matrixCsv(view);
	}
}

/** The matrix as in the report: one row per OPD in table order, "√" where the category is present. */
function matrixCsv(view: ResultsView): string {
	const indicators = view.result.rubric.indicators;
	const scores = new Map(view.result.opds.map((o) => [o.opd, o]));
	const data = view.roster.map((entry) => {
		const byKey = new Map(scores.get(entry.slug)?.indicators.map((i) => [i.key, i]) ?? []);
		return [
			entry.displayNumber,
			entry.displayName,
			...indicators.map((ind) => {
				const cell = byKey.get(ind.key);
				if (!cell) return '';
				if (cell.notApplicable) return 'n/a';
				return cell.met ? '√' : '';
			})
		];
	});
	return Papa.unparse(
		{ fields: ['No', 'OPD', ...indicators.map((i) => i.label)], data },
		{ escapeFormulae: true }
	);
}

/** A published representation of a year, or null when the year is not published. */
export async function publishedRepresentation(
	year: number,
	kind: Kind,
	conn: Conn = db()
): Promise<Representation | null> {
	const etag = await publishedEtag(year, conn);
	if (!etag) return null;
	const cacheKey = `${kind}:${etag}`;
	let rep = cache.get(cacheKey);
	if (!rep) {
		const snapshot = await publishedByYear(year, conn);
		if (!snapshot) return null;
		const suffix = kind.replace('.', '-');
		rep = { body: build(kind, snapshot.view()), etag: snapshot.etag.replace(/"$/, `-${suffix}"`) };
		if (cache.size >= CACHE_LIMIT) cache.clear();
		cache.set(cacheKey, rep);
	}
	return rep;
}
