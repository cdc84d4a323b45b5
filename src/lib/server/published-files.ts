import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import { RESULT_CSV_COLUMNS, toResultRows, type ResultRow } from '../results-table';
import { exampleOpd } from '../insights/method';
import { explainScore } from '../scoring/explain';
import type { AwardPosition, Rubric } from '../scoring/types';
import type { OfficialAwardView, ResultsView } from './results';

export const FILE_NAMES = [
	'results.json',
	'results.csv',
	'matrix.csv',
	'page.json',
	'method.json'
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
	/** Short names of the OPDs on the podium. */
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
	rubric: Rubric;
	example: { slug: string; name: string; lines: string[] } | null;
}

export function methodData(view: ResultsView): PublicMethodData {
	const key = exampleOpd(view.result);
	const example = view.result.opds.find((o) => o.opd === key);
	return {
		year: view.year,
		title: view.title,
		rubric: view.result.rubric,
		example: example
			? { slug: example.opd, name: example.name, lines: explainScore(view.result, example.opd) }
			: null
	};
}

/** The report matrix in table order. */
export function matrixRows(view: ResultsView): MatrixRow[] {
	const indicators = view.result.rubric.indicators;
	const scores = new Map(view.result.opds.map((o) => [o.opd, o]));
	return view.roster.map((entry) => {
		const byKey = new Map(scores.get(entry.slug)?.indicators.map((i) => [i.key, i]) ?? []);
		const marks = indicators
			.map((ind) => {
				const cell = byKey.get(ind.key);
				return cell?.notApplicable ? 'n' : cell?.met ? '1' : '0';
			})
			.join('');
		return { slug: entry.slug, number: entry.displayNumber, name: entry.displayName, marks };
	});
}

function pageData(view: ResultsView, rows: ResultRow[], matrix: MatrixRow[]): PublicPageData {
	const rubric = view.result.rubric;
	const onPodium = new Set(view.result.awards.flatMap((a) => a.opds));
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
		podiumNames: Object.fromEntries(
			view.roster.filter((r) => onPodium.has(r.slug)).map((r) => [r.slug, r.shortName])
		),
		rows,
		matrix
	};
}

/** How a matrix mark reads in a report or a CSV. */
export const MARK_TEXT: Record<string, string> = { '1': '√', '0': '', n: 'n/a' };

/**
 * Builds every published representation of a period once, at publish time: the open-data JSON
 * and CSVs, and the public page's data. Each gets its own ETag.
 */
export function buildPublishedFiles(
	view: ResultsView
): Record<FileName, { body: string; etag: string }> {
	const rows = toResultRows(view.result, view.roster);
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
			officialAwards: view.officialAwards
		}),
		'results.csv': Papa.unparse(rows, { columns: [...RESULT_CSV_COLUMNS], escapeFormulae: true }),
		'matrix.csv': Papa.unparse(
			{
				fields: ['No', 'OPD', ...indicators.map((i) => i.label)],
				data: matrix.map((m) => [m.number, m.name, ...[...m.marks].map((c) => MARK_TEXT[c] ?? '')])
			},
			{ escapeFormulae: true }
		),
		'page.json': JSON.stringify(pageData(view, rows, matrix)),
		'method.json': JSON.stringify(methodData(view))
	};
	return Object.fromEntries(
		FILE_NAMES.map((name) => [name, { body: bodies[name], etag: etagOf(bodies[name]) }])
	) as Record<FileName, { body: string; etag: string }>;
}

/** A strong ETag from the content. */
export function etagOf(body: string): string {
	return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
