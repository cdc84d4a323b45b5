// The shape of one period's results, shared by the module that computes it (results.ts) and the
// one that turns it into published files (published-files.ts): types only, so neither imports
// the other for them.
import type { AwardGroupResult } from '../../scoring/award-groups';
import type { PeriodResult } from '../../scoring/types';
import type { NotRatedKind } from '../../workflow/not-rated';
import type { Period } from '../db/schema';
import type { RosterEntry } from '../periods/periods';

/**
 * One entry of the PPID's own award lists (server/awards), beside (never inside) the computed
 * ranking. `list` and `note` are absent in results published before award lists existed.
 */
export interface OfficialAwardView {
	/** The list's title ("OPD terbaik"). */
	list?: string;
	position: number;
	title: string;
	points: number | null;
	note?: string | null;
	/** The list's source note ('' when none was recorded). */
	source: string;
	opd: string;
	opdName: string;
}

/** Everything a results page, the API and the CLI need about one period's results. */
export interface ResultsView {
	year: number;
	title: string;
	status: Period['status'];
	source: string | null;
	publishedAt: string | null;
	/** The OPDs scored and ranked (those the team left out are in `notRated`). */
	roster: Omit<RosterEntry, 'opdId' | 'notRatedReason' | 'notRatedKind'>[];
	result: PeriodResult;
	officialAwards: OfficialAwardView[];
	/** OPDs of the year's roster the team decided not to rate, with the reason: shown apart. */
	notRated: NotRatedView[];
	/**
	 * The award groups (by OPD kind) with their ranking, Terbaik/Harapan positions and OPDs left
	 * out; one group of every OPD when the period has no grouping. Absent in results published
	 * before groups existed.
	 */
	awardGroups?: AwardGroupResult[];
}

export interface NotRatedView {
	slug: string;
	name: string;
	/** The reason given ('' when a "tidak berpartisipasi" OPD was given none). */
	reason: string;
	/** Which way it is left out; absent in years published before the choice: "tidak dinilai". */
	kind?: NotRatedKind;
}
