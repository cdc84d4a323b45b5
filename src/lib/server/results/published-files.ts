import { hash } from 'node:crypto';
import { writeCsv } from '../../import/csv-cells';
import type { ExportTable } from '../../report/export-tables';
import { MARK } from '../../import/ticks';
import { resultColumns, resultsCsv, toResultRows, type ResultRow } from '../../results-table';
import type { AwardGroupResult } from '../../scoring/award-groups';
import { exampleOpd } from '../../insights/method';
import { explainScore } from '../../scoring/explain';
import type { AwardPosition, Rubric } from '../../scoring/types';
import { opdFileBody } from './opd-file';
import type { NotRatedView, OfficialAwardView, ResultsView } from './view';

export const FILE_NAMES = [
	'results.json',
	'results.csv',
	'matrix.csv',
	'page.json',
	'method.json',
	'standings.json'
] as const;
export type FileName = (typeof FILE_NAMES)[number];

/** One OPD's row of the report matrix: one mark per indicator, in rubric order. */
export interface MatrixRow {
	slug: string;
	number: number;
	name: string;
	/** '1' published (met), '0' not published or not assessed, 'n' not applicable */
	marks: string;
}

/** What the public results page shows, small enough to serve and page through quickly. */
export interface PublicPageData {
	year: number;
	title: string;
	source: string | null;
	publishedAt: string | null;
	decimals: number;
	indicators: { key: string; label: string }[];
	average: number;
	awards: AwardPosition[];
	officialAwards: OfficialAwardView[];
	/** OPDs left out of the ranking that year, with the reason (absent in files published before). */
	notRated?: NotRatedView[];
	/**
	 * The award groups of a period ranked by OPD kind, without their rankings (the rows carry
	 * each OPD's group and rank); absent when the period gives one podium.
	 */
	awardGroups?: Omit<AwardGroupResult, 'ranking'>[];
	/** Short names of the OPDs on the podium (and on each group's podium, or left out of one). */
	podiumNames: Record<string, string>;
	rows: ResultRow[];
	matrix: MatrixRow[];
}

/**
 * What the method page (/metode) shows: the rubric and one OPD's score worked out. Kept apart so
 * the page never reads a whole snapshot (58 MB at 25,000 OPDs) to show a few kilobytes.
 */
export interface PublicMethodData {
	year: number;
	title: string;
	/** OPDs scored that year (for "rank 3 of 32"). */
	participants: number;
	rubric: Rubric;
	example: { slug: string; name: string; lines: string[] } | null;
}

export function methodData(view: ResultsView): PublicMethodData {
	const key = exampleOpd(view.result);
	const example = view.result.opds.find((o) => o.opd === key);
	return {
		year: view.year,
		title: view.title,
		participants: view.result.opds.length,
		rubric: view.result.rubric,
		example: example
			? { slug: example.opd, name: example.name, lines: explainScore(view.result, example.opd) }
			: null
	};
}

/** Every OPD's total of a published year in rank order: what "rank if fixed" is measured against. */
export interface PublicStandings {
	totals: [slug: string, displayTotal: number][];
}

/** Published file name of one OPD's result. */
export const opdFileName = (slug: string): `opd/${string}.json` => `opd/${slug}.json`;

/**
 * One file per OPD, so the public OPD page of a year with 25,000 OPDs reads a few kilobytes
 * instead of parsing the whole snapshot of every year. Each body is `opdFileBody({ entry, result })`
 * (opd-file.ts): the snapshot names these results (snapshot.ts), so nothing else stores them.
 */
export function buildOpdFiles(view: ResultsView): { name: string; body: string; etag: string }[] {
	const results = new Map(view.result.opds.map((o) => [o.opd, o]));
	return view.roster.flatMap((entry) => {
		const result = results.get(entry.slug);
		if (result === undefined) return [];
		const body = opdFileBody({ entry, result });
		return [{ name: opdFileName(entry.slug), body, etag: etagOf(body) }];
	});
}

/** The report matrix in table order. */
export function matrixRows(view: ResultsView): MatrixRow[] {
	const indicators = view.result.rubric.indicators;
	const scores = new Map(view.result.opds.map((o) => [o.opd, o]));
	return view.roster.map((entry) => {
		const own = scores.get(entry.slug)?.indicators ?? [];
		let marks = '';
		for (const [n, ind] of indicators.entries()) {
			// A result lists its indicators in rubric order; look one up only when it does not.
			const cell = own[n]?.key === ind.key ? own[n] : own.find((i) => i.key === ind.key);
			marks += cell?.notApplicable ? 'n' : cell?.met ? '1' : '0';
		}
		return { slug: entry.slug, number: entry.displayNumber, name: entry.displayName, marks };
	});
}

/** The award groups a period publishes beside its podium: only when its rubric has a grouping. */
export function publishedGroups(view: ResultsView): AwardGroupResult[] | undefined {
	return view.result.rubric.awardGroups ? view.awardGroups : undefined;
}

function pageData(view: ResultsView, rows: ResultRow[], matrix: MatrixRow[]): PublicPageData {
	const rubric = view.result.rubric;
	const groups = publishedGroups(view);
	const onPodium = new Set([
		...view.result.awards.flatMap((a) => a.opds),
		...(groups ?? []).flatMap((g) => g.awards.flatMap((a) => a.opds))
	]);
	return {
		year: view.year,
		title: view.title,
		source: view.source,
		publishedAt: view.publishedAt,
		decimals: rubric.decimals,
		indicators: rubric.indicators.map((i) => ({ key: i.key, label: i.label })),
		average: rows.length ? rows.reduce((sum, r) => sum + r.percent, 0) / rows.length : 0,
		awards: view.result.awards,
		officialAwards: view.officialAwards,
		notRated: view.notRated,
		...(groups ? { awardGroups: groups.map(({ ranking: _ranking, ...g }) => g) } : {}),
		podiumNames: Object.fromEntries(
			view.roster.filter((r) => onPodium.has(r.slug)).map((r) => [r.slug, r.shortName])
		),
		rows,
		matrix
	};
}

/** How a matrix mark reads in a report or a CSV. */
export const MARK_TEXT: Record<string, string> = {
	'1': MARK.present,
	'0': MARK.absent,
	n: MARK.notApplicable
};

/** The public ranking as a table: the rows of results.csv and results.xlsx. */
export function resultsTable(rows: readonly ResultRow[]): ExportTable {
	const columns = resultColumns(rows);
	return {
		name: 'Peringkat',
		columns,
		rows: rows.map((r) =>
			columns.map((c) => {
				const v = r[c];
				return typeof v === 'boolean' ? String(v) : (v ?? null);
			})
		)
	};
}

/** The public report matrix as a table ("√" where met): the rows of matrix.csv and matrix.xlsx. */
export function matrixTable(
	indicators: readonly { label: string }[],
	matrix: readonly MatrixRow[]
): ExportTable {
	return {
		name: 'Matriks',
		columns: ['No', 'OPD', ...indicators.map((i) => i.label)],
		rows: matrix.map((m) => [m.number, m.name, ...[...m.marks].map((c) => MARK_TEXT[c] ?? '')])
	};
}

/**
 * A public CSV: UTF-8 with a byte order mark, so Excel opens "√" and Indonesian names correctly
 * (the BOM is part of the stored body, hence of its ETag).
 */
export function openCsv(table: ExportTable): string {
	return writeCsv(table.columns, table.rows, { bom: true });
}

/**
 * Builds every published representation of a period once, at publish time: the open-data JSON
 * and CSVs, and the public page's data. Each gets its own ETag.
 */
export function buildPublishedFiles(
	view: ResultsView
): Record<FileName, { body: string; etag: string }> {
	const rows = toResultRows(view.result, view.roster, publishedGroups(view));
	const matrix = matrixRows(view);
	const indicators = view.result.rubric.indicators;
	const bodies: Record<FileName, string> = {
		'results.json': JSON.stringify({
			year: view.year,
			title: view.title,
			publishedAt: view.publishedAt,
			source: view.source,
			rubric: view.result.rubric,
			results: rows,
			awards: view.result.awards,
			officialAwards: view.officialAwards,
			notRated: view.notRated,
			awardGroups: view.awardGroups ?? []
		}),
		'results.csv': resultsCsv(rows),
		'matrix.csv': openCsv(matrixTable(indicators, matrix)),
		'page.json': JSON.stringify(pageData(view, rows, matrix)),
		'method.json': JSON.stringify(methodData(view)),
		'standings.json': JSON.stringify({
			totals: view.result.opds.map((o) => [o.opd, o.displayTotal])
		} satisfies PublicStandings)
	};
	return Object.fromEntries(
		FILE_NAMES.map((name) => [name, { body: bodies[name], etag: etagOf(bodies[name]) }])
	) as Record<FileName, { body: string; etag: string }>;
}

/**
 * A strong ETag from the content. The one-shot `hash` rather than a Hash object: a publish tags
 * 25,000 OPD files, and for a body of a kilobyte or two the object costs as much as the digest.
 */
export function etagOf(body: string): string {
	return `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
}
