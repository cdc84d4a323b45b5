import type { AwardGroupResult } from './scoring/award-groups';
import type { OpdResult, Rubric } from './scoring/types';
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
	/** With award groups in the rubric only: the OPD's group (label), rank and award in it. */
	group?: string;
	groupRank?: number;
	groupAward?: string | null;
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

/** Each OPD's place in its award group: group label, rank in it, settled award. */
function placesInGroups(groups: AwardGroupResult[]) {
	const places = new Map<string, { group: string; groupRank: number; groupAward: string | null }>();
	for (const g of groups) {
		const awarded = new Map(
			g.awards.flatMap((a) => (a.settled && a.opds[0] ? [[a.opds[0], a.tier] as const] : []))
		);
		for (const p of g.ranking)
			places.set(p.opd, {
				group: g.label,
				groupRank: p.rank,
				groupAward: awarded.get(p.opd) ?? null
			});
	}
	return places;
}

/**
 * Flattens a period result into ranking rows, in rank order. When the rubric has award groups
 * (`rubric.awardGroups`) and `groups` are given, each row also names its group, its rank in it
 * and its award there; without a grouping the rows are exactly as before groups existed.
 */
export function toResultRows(
	result: { opds: RankedLike[]; rubric?: Pick<Rubric, 'awardGroups'> },
	roster: RosterLike[],
	groups?: AwardGroupResult[]
): ResultRow[] {
	const bySlug = new Map(roster.map((r) => [r.slug, r]));
	const places = result.rubric?.awardGroups && groups ? placesInGroups(groups) : null;
	return result.opds.map((o) => {
		const entry = bySlug.get(o.opd);
		const place = places?.get(o.opd);
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
			tier: o.tier,
			...(places
				? {
						group: place?.group ?? '',
						groupRank: place?.groupRank ?? 0,
						groupAward: place?.groupAward ?? null
					}
				: {})
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

/** Columns added after {@link RESULT_CSV_COLUMNS} when the period ranks in award groups. */
export const GROUP_CSV_COLUMNS = [
	'group',
	'groupRank',
	'groupAward'
] as const satisfies readonly (keyof ResultRow)[];

/** The columns of a ranking file: the group columns only when its rows carry them. */
export function resultColumns(rows: readonly ResultRow[]): (keyof ResultRow)[] {
	return rows.some((r) => r.group !== undefined)
		? [...RESULT_CSV_COLUMNS, ...GROUP_CSV_COLUMNS]
		: [...RESULT_CSV_COLUMNS];
}

/**
 * The ranking as CSV, the one body of the published results.csv and of `monev results --format
 * csv`: the app's neutralising CSV writer, UTF-8 with a byte order mark so Excel reads the names.
 */
export function resultsCsv(rows: readonly ResultRow[]): string {
	const columns = resultColumns(rows);
	return writeCsv(
		columns,
		rows.map((r) => columns.map((c) => r[c] ?? null)),
		{ bom: true }
	);
}
