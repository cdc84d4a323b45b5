/**
 * Ranking from sums: totals, ranks, bands, stages and awards of a period from what each OPD's
 * cells add up to per aspect, without scoring every indicator. A database can add those sums up
 * where the cells live (one aggregate query) instead of handing every cell to the engine; the
 * outcome is `scorePeriod`'s without the per-indicator detail.
 *
 * Unrounded sums (`score`, `total`, …) can differ from `scorePeriod`'s in the last binary digits,
 * because they are added up per aspect (or by the database) rather than per indicator in rubric
 * order; displayed totals, ranks, bands, stage outcomes and awards use the total as shown
 * (`roundTo` drops that noise first), so they are the same.
 */
import {
	indicatorPoints,
	percentOf,
	rankAndAward,
	scoreStages,
	sortedIndicators,
	stagePlanOf,
	type CellValue,
	type StagePlan
} from './score';
import { qualify } from './rank';
import { roundTo } from './number';
import { indicatorMaxPoints } from './rubric';
import type {
	AspectScore,
	AwardPosition,
	OpdResult,
	Participant,
	Rubric,
	StageScore
} from './types';

/** Points earned and points possible (applicable indicators only) in one aspect. */
export interface AspectSum {
	points: number;
	maxPoints: number;
}

/** What one OPD's cells add up to: everything a ranking needs. */
export interface OpdSums {
	/**
	 * By aspect key as the indicators name it. An aspect left out had no cells: nothing earned,
	 * every one of its indicators still possible. A record frozen with every sum in it is read
	 * once per ranking, so OPDs that share one (equal sums) cost a lookup each.
	 */
	aspects: Record<string, AspectSum>;
	indicatorsMet: number;
	indicatorsApplicable: number;
	/** Points per indicator key; only the indicator keys of the tie-break priority are read. */
	indicatorPoints?: Record<string, number>;
}

/** An OPD's ranked result without per-indicator scores. */
export type OpdSummary = Omit<OpdResult, 'indicators'> & {
	/** Points in the indicators the tie-break priority names (what breaking a tie reads). */
	priorityPoints: Record<string, number>;
};

export interface PeriodSummary {
	rubric: Rubric;
	/** Sorted by rank, then by name for ties (as `scorePeriod`). */
	opds: OpdSummary[];
	awards: AwardPosition[];
}

/** Distinct aspect keys of the indicators, in rubric order (an aspect may be missing from `aspects`). */
export function indicatorAspects(rubric: Rubric): string[] {
	return [...new Set(sortedIndicators(rubric).map((ind) => ind.aspect))];
}

/** Points possible per aspect key when every indicator applies. */
export function aspectMaxPoints(rubric: Rubric): Map<string, number> {
	const max = new Map<string, number>();
	for (const ind of sortedIndicators(rubric)) {
		max.set(ind.aspect, (max.get(ind.aspect) ?? 0) + indicatorMaxPoints(ind));
	}
	return max;
}

/** Indicator keys of the tie-break priority (keys that are not an aspect). */
export function priorityIndicators(rubric: Rubric): string[] {
	const aspects = new Set(rubric.aspects.map((a) => a.key));
	const indicators = new Set(rubric.indicators.map((i) => i.key));
	return rubric.tieBreak.priority.filter((k) => !aspects.has(k) && indicators.has(k));
}

/**
 * The sums of one OPD from its cells, per indicator in rubric order: the reference for what a
 * database aggregate must produce (`cellOf` gives the OPD's cell for an indicator key).
 */
export function sumCells(rubric: Rubric, cellOf: (indicator: string) => CellValue): OpdSums {
	const aspects: Record<string, AspectSum> = {};
	const points: Record<string, number> = {};
	let indicatorsMet = 0;
	let indicatorsApplicable = 0;
	for (const ind of sortedIndicators(rubric)) {
		const s = indicatorPoints(ind, cellOf(ind.key));
		const sum = (aspects[ind.aspect] ??= { points: 0, maxPoints: 0 });
		sum.points += s.points;
		sum.maxPoints += s.maxPoints;
		points[ind.key] = s.points;
		if (s.met) indicatorsMet += 1;
		if (!s.notApplicable) indicatorsApplicable += 1;
	}
	return { aspects, indicatorsMet, indicatorsApplicable, indicatorPoints: points };
}

/** Precomputed per rubric, shared by every OPD of a period. */
interface SumsContext {
	rubric: Rubric;
	/** Aspect keys of the indicators, in rubric order. */
	keys: string[];
	/** Points possible per entry of `keys` when every indicator applies. */
	fullMax: number[];
	/** Per rubric aspect: its index in `keys`, or -1 when no indicator names it. */
	aspectIndex: number[];
	indicatorCount: number;
	priority: string[];
	plan: StagePlan;
	/** Per stage (by its key Set): whether its aspects hold every indicator. */
	whole: Map<Set<string>, boolean>;
	/** Scored sums by their numbers (points and max points per aspect), one level per number. */
	memo: Memo;
	/** Scored sums by their frozen aspects record (see {@link OpdSums.aspects}). */
	byRecord: Map<OpdSums['aspects'], Scored>;
}

function contextOf(rubric: Rubric): SumsContext {
	const keys = indicatorAspects(rubric);
	const max = aspectMaxPoints(rubric);
	return {
		rubric,
		keys,
		fullMax: keys.map((k) => max.get(k) ?? 0),
		aspectIndex: rubric.aspects.map((a) => keys.indexOf(a.key)),
		indicatorCount: rubric.indicators.length,
		priority: priorityIndicators(rubric),
		plan: stagePlanOf(rubric),
		whole: new Map(),
		memo: new Map(),
		byRecord: new Map()
	};
}

function wholeStage(ctx: SumsContext, own: Set<string>): boolean {
	let whole = ctx.whole.get(own);
	if (whole === undefined) ctx.whole.set(own, (whole = ctx.keys.every((key) => own.has(key))));
	return whole;
}

/** What follows from an OPD's aspect sums alone; OPDs with equal sums share one. */
interface Scored {
	score: number;
	maxScore: number;
	percent: number;
	total: number;
	displayTotal: number;
	qualification: string;
	stoppedAtStage: string | null;
	aspects: readonly AspectScore[];
	stages: readonly StageScore[];
}

type Memo = Map<number | typeof DONE, Memo | Scored>;
const DONE = Symbol('scored');

const NO_POINTS: Record<string, number> = Object.freeze({});

function scoreSums(ctx: SumsContext, points: number[], maxPoints: number[]): Scored {
	const { rubric, keys } = ctx;
	let score = 0;
	let maxScore = 0;
	for (let j = 0; j < keys.length; j++) {
		score += points[j]!;
		maxScore += maxPoints[j]!;
	}
	const percent = percentOf(score, maxScore);
	const aspects: AspectScore[] = [];
	for (let i = 0; i < rubric.aspects.length; i++) {
		const j = ctx.aspectIndex[i]!;
		const p = j < 0 ? 0 : points[j]!;
		const m = j < 0 ? 0 : maxPoints[j]!;
		const key = rubric.aspects[i]!.key;
		aspects.push({ key, points: p, maxPoints: m, percent: percentOf(p, m), contribution: 0 });
	}
	const { stages, total, stoppedAtStage } = scoreStages(
		rubric,
		aspects,
		percent,
		(own) => {
			let stagePoints = 0;
			let max = 0;
			for (let j = 0; j < keys.length; j++) {
				if (!own.has(keys[j]!)) continue;
				stagePoints += points[j]!;
				max += maxPoints[j]!;
			}
			return { points: stagePoints, max, whole: wholeStage(ctx, own) };
		},
		ctx.plan
	);
	const displayTotal = roundTo(total, rubric.decimals);
	for (const a of aspects) Object.freeze(a);
	for (const st of stages) Object.freeze(st);
	return {
		score,
		maxScore,
		percent,
		total,
		displayTotal,
		qualification: qualify(rubric.bands, displayTotal),
		stoppedAtStage,
		aspects: Object.freeze(aspects),
		stages: Object.freeze(stages)
	};
}

/** The scored sums of an aspects record, by its numbers: equal sums are scored once. */
function scoredByNumbers(ctx: SumsContext, record: OpdSums['aspects'] | undefined): Scored {
	const { keys } = ctx;
	const points: number[] = [];
	const maxPoints: number[] = [];
	for (let j = 0; j < keys.length; j++) {
		const given = record?.[keys[j]!];
		points.push(given ? given.points : 0);
		maxPoints.push(given ? given.maxPoints : ctx.fullMax[j]!);
	}
	// Keyed by the numbers themselves (Map keys compare like ===, with -0 as 0: equal sums).
	let level = ctx.memo;
	for (let j = 0; j < 2 * keys.length; j++) {
		const x = j % 2 === 0 ? points[j >> 1]! : maxPoints[j >> 1]!;
		let next = level.get(x) as Memo | undefined;
		if (!next) level.set(x, (next = new Map()));
		level = next;
	}
	let scored = level.get(DONE) as Scored | undefined;
	if (!scored) level.set(DONE, (scored = scoreSums(ctx, points, maxPoints)));
	return scored;
}

/**
 * One OPD's summary. A period has few distinct sums (a flat rubric of 20 checks: 21 totals per
 * maximum), so they are scored once each and OPDs with the same sums share the frozen `aspects`
 * and `stages`: 25,000 OPDs would otherwise allocate (and the collector copy) 25,000 of each.
 */
function scoreFromSums(
	ctx: SumsContext,
	participant: Participant,
	sums: OpdSums | undefined
): OpdSummary {
	const record = sums?.aspects;
	let scored = record && ctx.byRecord.get(record);
	if (!scored) {
		scored = scoredByNumbers(ctx, record);
		// Frozen throughout, the record cannot change: the next OPD sharing it needs no numbers.
		if (record && Object.isFrozen(record) && Object.values(record).every(Object.isFrozen))
			ctx.byRecord.set(record, scored);
	}
	let priorityPoints = NO_POINTS;
	if (ctx.priority.length) {
		priorityPoints = {};
		for (const key of ctx.priority) priorityPoints[key] = sums?.indicatorPoints?.[key] ?? 0;
	}
	return {
		opd: participant.key,
		name: participant.name,
		score: scored.score,
		maxScore: scored.maxScore,
		percent: scored.percent,
		total: scored.total,
		displayTotal: scored.displayTotal,
		indicatorsMet: sums?.indicatorsMet ?? 0,
		indicatorsApplicable: sums?.indicatorsApplicable ?? ctx.indicatorCount,
		rank: 0,
		tied: false,
		qualification: scored.qualification,
		tier: null,
		stoppedAtStage: scored.stoppedAtStage,
		aspects: scored.aspects as AspectScore[],
		stages: scored.stages as StageScore[],
		priorityPoints
	};
}

/**
 * Ranks a period from each participant's sums (`sumsOf` answers undefined for an OPD without
 * cells): the same totals, ranks, tie flags, bands, stage outcomes, tiers and awards as
 * {@link scorePeriod} on the cells those sums come from. A participant key listed twice is
 * ranked once.
 */
export function rankFromSums(
	rubric: Rubric,
	participants: Participant[],
	sumsOf: (opd: string) => OpdSums | undefined
): PeriodSummary {
	const ctx = contextOf(rubric);
	// Each key once, in the order first listed (as `uniqueParticipants`), without a filtered copy:
	// adding a key already seen leaves the size as it was.
	const seen = new Set<string>();
	const scored: OpdSummary[] = [];
	for (const p of participants) {
		if (seen.size === seen.add(p.key).size) continue;
		scored.push(scoreFromSums(ctx, p, sumsOf(p.key)));
	}
	return { rubric, ...rankAndAward(rubric, scored) };
}
