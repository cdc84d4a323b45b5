/**
 * The order of OPDs that show the same total, and the award positions (Terbaik I, II, III …) that
 * follow from it. A tie on the displayed total is broken by the rubric's priority list, then by a
 * recorded team decision; OPDs neither settles stay level (they share a rank, and a podium
 * position they reach stays open until someone decides).
 */
import { formatNumberId } from './number';
import type { AwardPosition, IndicatorScore, OpdResult, Rubric, TieDecision } from './types';

/**
 * What ordering ties and deciding awards read of a ranked OPD: a full result, or a ranking from
 * sums (`rankFromSums`), which carries only the indicator points the tie-break priority names.
 */
export type AwardCandidate = Pick<
	OpdResult,
	'opd' | 'name' | 'displayTotal' | 'indicatorsMet' | 'indicatorsApplicable' | 'aspects'
> &
	(
		| { indicators: Pick<IndicatorScore, 'key' | 'points'>[] }
		| { priorityPoints: Record<string, number> }
	);

/** Points are sums of the same weights; anything closer than this is float noise, not a lead. */
const POINT_TOLERANCE = 1e-9;

/**
 * A run of OPDs in the engine's order: one OPD when its place is settled, several when they are
 * still level. `decidedBy` says what separated it from the OPDs showing the same total.
 */
export interface OrderPart<T extends AwardCandidate = AwardCandidate> {
	opds: T[];
	decidedBy: AwardPosition['decidedBy'];
	/** The priority key that settled the part (decidedBy 'priority'). */
	key?: string;
	/** The team decision that settled the part (decidedBy 'decision'). */
	decision?: TieDecision;
}

/** Points an OPD earned in a priority entry: an aspect key first, else an indicator key. */
function pointsIn(opd: AwardCandidate, key: string): number {
	const aspect = opd.aspects.find((a) => a.key === key);
	if (aspect) return aspect.points;
	if ('indicators' in opd) return opd.indicators.find((i) => i.key === key)?.points ?? 0;
	return opd.priorityPoints[key] ?? 0;
}

/** First priority key in which a and b differ, or null when they are level on all of them. */
function decidingKey(priority: string[], a: AwardCandidate, b: AwardCandidate): string | null {
	for (const key of priority) {
		if (Math.abs(pointsIn(a, key) - pointsIn(b, key)) > POINT_TOLERANCE) return key;
	}
	return null;
}

function comparePriority(priority: string[], a: AwardCandidate, b: AwardCandidate): number {
	const key = decidingKey(priority, a, b);
	return key === null ? 0 : pointsIn(b, key) - pointsIn(a, key);
}

/** "A", "A dan B", "A, B dan C". */
export function joinNamesId(names: string[]): string {
	if (names.length <= 1) return names.join('');
	return `${names.slice(0, -1).join(', ')} dan ${names[names.length - 1]}`;
}

function priorityLabel(rubric: Rubric, key: string): string {
	const aspect = rubric.aspects.find((a) => a.key === key);
	if (aspect) return `aspek prioritas ${aspect.label}`;
	const indicator = rubric.indicators.find((i) => i.key === key);
	return `indikator prioritas ${indicator?.label ?? key}`;
}

/** The earliest decision that lists every still-tied OPD; later ones never override it. */
function findDecision(rubric: Rubric, opds: AwardCandidate[]): TieDecision | undefined {
	return rubric.tieBreak.decisions.find((d) => opds.every((o) => d.order.includes(o.opd)));
}

/** Settles what a team decision can among OPDs the priority list left level. */
function decideRun<T extends AwardCandidate>(rubric: Rubric, run: T[]): OrderPart<T>[] {
	const decision = findDecision(rubric, run);
	if (!decision) return [{ opds: run, decidedBy: 'unsettled' }];
	const ordered = [...run].sort(
		(a, b) => decision.order.indexOf(a.opd) - decision.order.indexOf(b.opd)
	);
	return ordered.map((o) => ({ opds: [o], decidedBy: 'decision', decision }));
}

/**
 * Orders a group of OPDs showing the same total: by the priority list, then by decisions.
 * Returns the group as parts in order.
 */
function breakTie<T extends AwardCandidate>(rubric: Rubric, group: T[]): OrderPart<T>[] {
	const priority = rubric.tieBreak.priority;
	// Stable sort: OPDs level on every priority keep their rank order (by name) inside the run.
	const sorted = priority.length
		? [...group].sort((a, b) => comparePriority(priority, a, b))
		: group;
	const runs: T[][] = [];
	const splitBy: string[] = [];
	sorted.forEach((opd, index) => {
		const previous = sorted[index - 1];
		const key = previous ? decidingKey(priority, previous, opd) : null;
		const current = runs[runs.length - 1];
		if (current && key === null) current.push(opd);
		else {
			if (key !== null) splitBy.push(key);
			runs.push([opd]);
		}
	});
	return runs.flatMap((run, index) => {
		if (run.length > 1) return decideRun(rubric, run);
		// The key that put this OPD above the next run, or (for the last run) below the previous.
		const key = splitBy[index] ?? splitBy[index - 1] ?? '';
		return [{ opds: run, decidedBy: 'priority' as const, key }];
	});
}

/**
 * The engine's one order of a period: results in rank order by displayed total (as `rankResults`
 * returns them), each group of equal totals ordered by the tie-break (priority list, then the
 * team's recorded decision, then name for OPDs still level). Every output (ranking table,
 * podium, API, CSV, dashboard, report) reads this order; none sorts again.
 */
export function orderParts<T extends AwardCandidate>(rubric: Rubric, ranked: T[]): OrderPart<T>[] {
	const parts: OrderPart<T>[] = [];
	// Without a priority list or a decision nothing can split a group: skip the tie-break.
	const breakable = rubric.tieBreak.priority.length > 0 || rubric.tieBreak.decisions.length > 0;
	let start = 0;
	for (let index = 1; index <= ranked.length; index++) {
		if (index < ranked.length && ranked[index]!.displayTotal === ranked[start]!.displayTotal)
			continue;
		const group = ranked.slice(start, index);
		if (group.length === 1) parts.push({ opds: group, decidedBy: 'score' });
		else if (!breakable) parts.push({ opds: group, decidedBy: 'unsettled' });
		else for (const part of breakTie(rubric, group)) parts.push(part);
		start = index;
	}
	return parts;
}

function explain(rubric: Rubric, part: OrderPart, position: number): string {
	const [first] = part.opds;
	const shown = formatNumberId(first?.displayTotal ?? 0, rubric.decimals);
	switch (part.decidedBy) {
		case 'score': {
			const indicators = `${first?.indicatorsMet} dari ${first?.indicatorsApplicable} indikator`;
			return position === 1
				? `Nilai tertinggi: ${shown} (${indicators})`
				: `Nilai ${shown} (${indicators})`;
		}
		case 'priority':
			return `Seri pada ${shown}; diputuskan oleh ${priorityLabel(rubric, part.key ?? '')}`;
		case 'decision':
			return `Seri pada ${shown}; diputuskan tim: ${part.decision?.reason ?? ''}`;
		case 'unsettled': {
			const names = joinNamesId(part.opds.map((o) => o.name));
			return `Seri pada ${shown} antara ${names}; belum diputuskan`;
		}
	}
}

/**
 * Award positions 1..awardTiers.length from the engine's order ({@link orderParts}). Settled
 * positions hold one OPD; a tie left open fills each position it covers with all its OPDs
 * (settled: false). OPDs showing a total of 0 never receive an award, and no position is given
 * beyond the OPDs there are.
 */
export function awardsFromParts(rubric: Rubric, parts: OrderPart[]): AwardPosition[] {
	const tiers = rubric.awardTiers;
	const awards: AwardPosition[] = [];
	let position = 1;
	for (const part of parts) {
		if (position > tiers.length) break;
		if ((part.opds[0]?.displayTotal ?? 0) <= 0) break;
		const keys = part.opds.map((o) => o.opd);
		const settled = part.decidedBy !== 'unsettled';
		const explanation = explain(rubric, part, position);
		// An open tie covers as many positions as it has OPDs; each lists every one of them.
		for (let i = 0; i < part.opds.length; i += 1) {
			const tier = tiers[position - 1];
			if (tier === undefined) break;
			awards.push({ position, tier, opds: keys, settled, decidedBy: part.decidedBy, explanation });
			position += 1;
		}
	}
	return awards;
}
