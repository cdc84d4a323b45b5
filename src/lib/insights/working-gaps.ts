/**
 * The gaps of an OPD while its year is still being assessed: its own cells taken as they stand
 * (the verified value where the team has one, else the OPD's self-assessment), every other OPD as
 * the team has verified it so far. Lets the operator see what is missing and what it is worth
 * before anything is published.
 */
import { qualify } from '../scoring/rank';
import { scoreOpd, type CellValue } from '../scoring/score';
import type { PeriodResult } from '../scoring/types';
import { opdGaps, type OpdGaps } from './gaps';

export interface OwnCell {
	key: string;
	/** Verified value (-1: not applicable), null when the team has not assessed it yet. */
	verified: number | null;
	/** Self-assessed value (-1: not applicable), null when not filled in. */
	self: number | null;
}

const asCell = (v: number | null): CellValue =>
	v === null ? null : v === -1 ? { value: null, notApplicable: true } : { value: v };

/** The OPD's gaps with its own cells as they stand; null when it is not in the result. */
export function workingGaps(result: PeriodResult, opd: string, cells: OwnCell[]): OpdGaps | null {
	const found = result.opds.find((o) => o.opd === opd);
	if (!found) return null;
	const byKey = new Map(cells.map((c) => [c.key, asCell(c.verified ?? c.self)]));
	const rescored = scoreOpd(result.rubric, { key: found.opd, name: found.name }, (key) =>
		byKey.get(key)
	);
	const others = result.opds.filter((o) => o.opd !== opd);
	const own = {
		...rescored,
		rank: 1 + others.filter((o) => o.displayTotal > rescored.displayTotal).length,
		tied: others.some((o) => o.displayTotal === rescored.displayTotal),
		qualification: qualify(result.rubric.bands, rescored.displayTotal)
	};
	return opdGaps({ ...result, opds: result.opds.map((o) => (o.opd === opd ? own : o)) }, opd);
}
