import type { OpdResult } from './scoring/types';
import { writeCsv } from './import/csv-cells';

/** One line of the published ranking: the shape of the API, the CSV and the CLI output. */
export interface ResultRow {
	rank: number;
	tied: boolean;
	opd: string;
	slug: string;
	shortName: string;
	number: number;
	score: number;
	maxScore: number;
	percent: number;
	indicatorsMet: number;
	indicatorsApplicable: number;
	qualification: string;
	tier: string | null;
}

export interface RosterLike {
	slug: string;
	shortName: string;
	displayName: string;
	displayNumber: number;
}

/** What a ranking row reads of an OPD's result (a full result or a ranking from sums). */
export type RankedLike = Pick<
	OpdResult,
	| 'opd'
	| 'name'
	| 'rank'
	| 'tied'
	| 'score'
	| 'maxScore'
	| 'displayTotal'
	| 'indicatorsMet'
	| 'indicatorsApplicable'
	| 'qualification'
	| 'tier'
>;

/** Flattens a period result into ranking rows, in rank order. */
export function toResultRows(result: { opds: RankedLike[] }, roster: RosterLike[]): ResultRow[] {
	const bySlug = new Map(roster.map((r) => [r.slug, r]));
	return result.opds.map((o) => {
		const entry = bySlug.get(o.opd);
		return {
			rank: o.rank,
			tied: o.tied,
			opd: entry?.displayName ?? o.name,
			slug: o.opd,
			shortName: entry?.shortName ?? o.name,
			number: entry?.displayNumber ?? 0,
			score: o.score,
			maxScore: o.maxScore,
			percent: o.displayTotal,
			indicatorsMet: o.indicatorsMet,
			indicatorsApplicable: o.indicatorsApplicable,
			qualification: o.qualification,
			tier: o.tier
		};
	});
}

export const RESULT_CSV_COLUMNS = [
	'rank',
	'tied',
	'opd',
	'slug',
	'shortName',
	'number',
	'score',
	'maxScore',
	'percent',
	'indicatorsMet',
	'indicatorsApplicable',
	'qualification',
	'tier'
] as const satisfies readonly (keyof ResultRow)[];

/**
 * The ranking as CSV, the one body of the published results.csv and of `monev results --format
 * csv`: the app's neutralising CSV writer, UTF-8 with a byte order mark so Excel reads the names.
 */
export function resultsCsv(rows: readonly ResultRow[]): string {
	return writeCsv(
		RESULT_CSV_COLUMNS,
		rows.map((r) => RESULT_CSV_COLUMNS.map((c) => r[c])),
		{ bom: true }
	);
}
