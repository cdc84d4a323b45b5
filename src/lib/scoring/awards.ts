/**
 * Award positions (Terbaik I, II, III …) from ranked results. A tie on the displayed total that
 * reaches an award position is broken by the rubric's priority list, then by a recorded team
 * decision; a tie neither settles stays open and its OPDs get no tier until someone decides.
 */
import { formatNumberId } from './number';
import type { AwardPosition, IndicatorScore, OpdResult, Rubric, TieDecision } from './types';

/**
 * What deciding awards reads of a ranked OPD: a full result, or a ranking from sums
 * (`rankFromSums`), which carries only the indicator points the tie-break priority names.
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

type Decider = Exclude<AwardPosition['decidedBy'], 'score'>;

/** A run of OPDs in award order: one OPD when its place is settled, several when still tied. */
interface Part {
	opds: AwardCandidate[];
	decidedBy: Decider;
	explanation: string;
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
function decideRun(rubric: Rubric, run: AwardCandidate[], shown: string): Part[] {
	const decision = findDecision(rubric, run);
	if (!decision) {
		const names = joinNamesId(run.map((o) => o.name));
		const explanation = `Seri pada ${shown} antara ${names}; belum diputuskan`;
		return [{ opds: run, decidedBy: 'unsettled', explanation }];
	}
	const ordered = [...run].sort(
		(a, b) => decision.order.indexOf(a.opd) - decision.order.indexOf(b.opd)
	);
	const explanation = `Seri pada ${shown}; diputuskan tim: ${decision.reason}`;
	return ordered.map((o) => ({ opds: [o], decidedBy: 'decision', explanation }));
}

/**
 * Orders a group of OPDs showing the same total: by the priority list, then by decisions.
 * Returns the group as parts in award order.
 */
function breakTie(rubric: Rubric, group: AwardCandidate[]): Part[] {
	const priority = rubric.tieBreak.priority;
	const shown = formatNumberId(group[0]?.displayTotal ?? 0, rubric.decimals);
	// Stable sort: OPDs level on every priority keep their rank order (by name) inside the run.
	const sorted = [...group].sort((a, b) => comparePriority(priority, a, b));
	const runs: AwardCandidate[][] = [];
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
		if (run.length > 1) return decideRun(rubric, run, shown);
		// The key that put this OPD above the next run, or (for the last run) below the previous.
		const key = splitBy[index] ?? splitBy[index - 1] ?? '';
		const explanation = `Seri pada ${shown}; diputuskan oleh ${priorityLabel(rubric, key)}`;
		return [{ opds: run, decidedBy: 'priority' as const, explanation }];
	});
}

/** Groups consecutive results with the same displayed total (input in rank order). */
function groupByTotal(ranked: AwardCandidate[]): AwardCandidate[][] {
	const groups: AwardCandidate[][] = [];
	for (const opd of ranked) {
		const last = groups[groups.length - 1];
		if (last && last[0]?.displayTotal === opd.displayTotal) last.push(opd);
		else groups.push([opd]);
	}
	return groups;
}

function scoreExplanation(opd: AwardCandidate, position: number, decimals: number): string {
	const shown = formatNumberId(opd.displayTotal, decimals);
	const indicators = `${opd.indicatorsMet} dari ${opd.indicatorsApplicable} indikator`;
	return position === 1
		? `Nilai tertinggi: ${shown} (${indicators})`
		: `Nilai ${shown} (${indicators})`;
}

/**
 * Award positions 1..awardTiers.length for results in rank order (as `rankResults` returns them).
 * Settled positions hold one OPD; a tie left open fills each position it covers with all its OPDs
 * (settled: false). OPDs showing a total of 0 never receive an award, and no position is given
 * beyond the OPDs there are.
 */
export function decideAwards(rubric: Rubric, ranked: AwardCandidate[]): AwardPosition[] {
	const tiers = rubric.awardTiers;
	const awards: AwardPosition[] = [];
	const eligible = ranked.filter((o) => o.displayTotal > 0);
	let position = 1;
	const give = (opds: AwardCandidate[], decidedBy: AwardPosition['decidedBy'], text: string) => {
		const tier = tiers[position - 1];
		if (tier === undefined) return;
		const keys = opds.map((o) => o.opd);
		const settled = decidedBy !== 'unsettled';
		awards.push({ position, tier, opds: keys, settled, decidedBy, explanation: text });
	};
	for (const group of groupByTotal(eligible)) {
		if (position > tiers.length) break;
		const [single] = group;
		if (group.length === 1 && single) {
			give(group, 'score', scoreExplanation(single, position, rubric.decimals));
			position += 1;
			continue;
		}
		for (const part of breakTie(rubric, group)) {
			// An open tie covers as many positions as it has OPDs; each lists every one of them.
			for (let i = 0; i < part.opds.length; i += 1) {
				give(part.opds, part.decidedBy, part.explanation);
				position += 1;
			}
		}
	}
	return awards;
}
