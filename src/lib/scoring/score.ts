/**
 * Scores a period: indicator points from cells, aspect and stage scores, the weighted total, then
 * ranks and awards. Everything a page shows is computed here, once, so that the number on the
 * podium, in the table and in the export is the same number.
 */
import { awardsFromParts, orderParts, type AwardCandidate } from './awards';
import { roundTo } from './number';
import { POINTS_RULE, type KindRule } from './points-rule';
import { qualify, rankInPlace } from './rank';
import { indicatorMaxPoints } from './rubric';
import type {
	AspectScore,
	AwardPosition,
	Cell,
	Indicator,
	IndicatorScore,
	OpdResult,
	Participant,
	PeriodResult,
	Rubric,
	Stage,
	StageScore
} from './types';

/** What a cell says about one indicator; `undefined`/`null` means not assessed. */
export type CellValue = Pick<Cell, 'value' | 'notApplicable'> | null | undefined;

/** points ÷ max × 100, and 0 (not NaN) when nothing can be earned. */
export function percentOf(points: number, max: number): number {
	return max === 0 ? 0 : (points / max) * 100;
}

/**
 * Scores one indicator for one OPD by the rule of its kind ({@link POINTS_RULE}: check, scale,
 * count). Not assessed: 0 points, still in the maximum. Not applicable: 0 points and 0 maximum,
 * never met.
 */
export function indicatorPoints(ind: Indicator, cell: CellValue): IndicatorScore {
	const value = cell?.value ?? null;
	if (cell?.notApplicable) {
		return { key: ind.key, value, notApplicable: true, points: 0, maxPoints: 0, met: false };
	}
	const assessed = value !== null && Number.isFinite(value);
	const rule = POINTS_RULE[ind.kind];
	return {
		key: ind.key,
		value,
		notApplicable: false,
		points: assessed ? rule.points(ind, value) : 0,
		maxPoints: indicatorMaxPoints(ind),
		met: assessed && rule.met(value)
	};
}

/** Indicators in rubric order; the sort is stable, so equal `order`s keep their list order. */
export function sortedIndicators(rubric: Rubric): Indicator[] {
	return [...rubric.indicators].sort((a, b) => a.order - b.order);
}

interface StageOutcome {
	stages: StageScore[];
	total: number;
	stoppedAtStage: string | null;
}

/** Points earned and possible over the indicators of a set of aspects, and whether that is all. */
export interface StageSums {
	points: number;
	max: number;
	/** True when these aspects hold every indicator of the rubric. */
	whole: boolean;
}

/** What scoring stages needs of a rubric, worked out once per period rather than per OPD. */
export interface StagePlan {
	stages: {
		stage: Stage;
		/** Indexes into the rubric's aspects (and so into an OPD's `aspects`) of this stage. */
		own: number[];
		/** Their shares, 0 for a null share. */
		shares: number[];
		weighted: boolean;
		/** Their keys: the same Set for every OPD, so callers may cache by it. */
		keys: Set<string>;
	}[];
}

export function stagePlanOf(rubric: Rubric): StagePlan {
	const ordered = [...rubric.stages].sort((a, b) => a.order - b.order);
	// Aspects listed twice under one key: the last one decides stage and share (a Map of the list).
	const byKey = new Map(rubric.aspects.map((a) => [a.key, a]));
	return {
		stages: ordered.map((stage) => {
			const own: number[] = [];
			rubric.aspects.forEach((a, i) => {
				if (byKey.get(a.key)?.stage === stage.key) own.push(i);
			});
			const shares = own.map((i) => byKey.get(rubric.aspects[i]!.key)?.share ?? null);
			return {
				stage,
				own,
				shares: shares.map((x) => x ?? 0),
				weighted: shares.some((x) => x != null),
				keys: new Set(own.map((i) => rubric.aspects[i]!.key))
			};
		})
	};
}

/**
 * Stage scores and the total. Fills in each aspect's contribution as a side effect on `aspects`
 * (fresh objects owned by the caller, one per rubric aspect in rubric order). `percent` is the
 * OPD's overall percent, reused as the stage score when one unweighted stage holds every
 * indicator, so a flat rubric's total is exactly it. `sumsOf` adds up the indicators of a stage's
 * aspects (unweighted stages score points over points possible across the stage): per indicator
 * in the full engine, per aspect in `rankFromSums`.
 */
export function scoreStages(
	rubric: Rubric,
	aspects: AspectScore[],
	percent: number,
	sumsOf: (aspectKeys: Set<string>) => StageSums,
	plan: StagePlan = stagePlanOf(rubric)
): StageOutcome {
	// Plain loops: this runs once per OPD, 25,000 times for a national period.
	const stages: StageScore[] = [];
	let total = 0;
	let stoppedAtStage: string | null = null;
	for (let index = 0; index < plan.stages.length; index++) {
		const { stage, own, shares, weighted, keys } = plan.stages[index]!;
		const reached = stoppedAtStage === null;
		let score: number;
		if (weighted) {
			score = 0;
			for (let i = 0; i < own.length; i++) {
				const a = aspects[own[i]!]!;
				a.contribution = (a.percent * shares[i]!) / 100;
				score += a.contribution;
			}
		} else {
			// Unweighted: points over points possible across the whole stage, not a mean of aspects.
			const { points, max, whole } = sumsOf(keys);
			for (const i of own) aspects[i]!.contribution = percentOf(aspects[i]!.points, max);
			score = whole ? percent : percentOf(points, max);
		}
		if (!reached) {
			score = 0;
			for (const i of own) aspects[i]!.contribution = 0;
		}
		// A share of 100 keeps the score bit for bit (x × 100 ÷ 100 is not always x).
		const contribution = stage.share === 100 ? score : (score * stage.share) / 100;
		total += contribution;
		// The minimum is checked on the score as shown, like every other threshold.
		const failed =
			reached &&
			stage.minToProceed !== undefined &&
			roundTo(score, rubric.decimals) < stage.minToProceed;
		// Failing the minimum of the last stage stops nothing; it only shows as not passed.
		if (failed && index < plan.stages.length - 1) stoppedAtStage = stage.key;
		stages.push({ key: stage.key, score, contribution, reached, passed: reached && !failed });
	}
	return { stages, total, stoppedAtStage };
}

/**
 * What scoring an OPD needs of a rubric, worked out once per period rather than per OPD: the
 * indicators in rubric order with their rule and maximum, and which of them each aspect and each
 * stage adds up (positions into that order, ascending, so sums add in the same order as ever).
 */
export interface ScorePlan {
	stagePlan: StagePlan;
	indicators: Indicator[];
	rules: KindRule[];
	maxPoints: number[];
	/** Per rubric aspect (in rubric order): positions of the indicators counted in it. */
	aspectMembers: number[][];
	/** Per stage of `stagePlan`, by its `keys` Set: positions of the indicators in its aspects. */
	stageMembers: Map<Set<string>, number[]>;
	/** Positions of each indicator key (a key listed twice in the rubric has two). */
	positionsOf: Map<string, number[]>;
	/**
	 * Per position, the scores already made, by value and not-applicable flag ({@link pointsAt}).
	 * A score depends on nothing else, and a period holds few distinct values per indicator
	 * (0/1 for a check): at 25,000 OPDs × 20 indicators, a few dozen frozen objects are shared
	 * instead of 500,000 made and collected.
	 */
	madeScores: Map<number | null, IndicatorScore>[][];
}

/** Distinct values per indicator and flag whose score is kept for reuse; beyond, scores are made. */
const KEPT_SCORES = 64;

export function scorePlanOf(rubric: Rubric): ScorePlan {
	const stagePlan = stagePlanOf(rubric);
	const indicators = sortedIndicators(rubric);
	// An indicator key listed twice: the last one decides its aspect (a Map of the list).
	const aspectOf = new Map(rubric.indicators.map((ind) => [ind.key, ind.aspect]));
	const members = (test: (aspect: string | undefined) => boolean) => {
		const out: number[] = [];
		indicators.forEach((ind, i) => {
			if (test(aspectOf.get(ind.key))) out.push(i);
		});
		return out;
	};
	const positionsOf = new Map<string, number[]>();
	indicators.forEach((ind, i) => {
		const list = positionsOf.get(ind.key);
		if (list) list.push(i);
		else positionsOf.set(ind.key, [i]);
	});
	return {
		stagePlan,
		indicators,
		rules: indicators.map((ind) => POINTS_RULE[ind.kind]),
		maxPoints: indicators.map(indicatorMaxPoints),
		aspectMembers: rubric.aspects.map((aspect) => members((key) => key === aspect.key)),
		stageMembers: new Map(
			stagePlan.stages.map(({ keys }) => [keys, members((key) => keys.has(key ?? ''))])
		),
		positionsOf,
		madeScores: indicators.map(() => [new Map(), new Map()])
	};
}

/**
 * {@link indicatorPoints} with the indicator's rule and maximum looked up once per rubric. The
 * score is frozen and may be shared by every cell of the same indicator, value and flag.
 */
function pointsAt(
	plan: ScorePlan,
	i: number,
	value: number | null,
	notApplicable: boolean
): IndicatorScore {
	const made = plan.madeScores[i]![notApplicable ? 1 : 0]!;
	// -0 and 0 are one Map key but two values: -0 is scored apart.
	const keep = !Object.is(value, -0);
	const kept = keep ? made.get(value) : undefined;
	if (kept !== undefined) return kept;
	const score = Object.freeze(scoreOf(plan, i, value, notApplicable));
	if (keep && made.size < KEPT_SCORES) made.set(value, score);
	return score;
}

function scoreOf(
	plan: ScorePlan,
	i: number,
	value: number | null,
	notApplicable: boolean
): IndicatorScore {
	const ind = plan.indicators[i]!;
	if (notApplicable) {
		return { key: ind.key, value, notApplicable: true, points: 0, maxPoints: 0, met: false };
	}
	const assessed = value !== null && Number.isFinite(value);
	const rule = plan.rules[i]!;
	return {
		key: ind.key,
		value,
		notApplicable: false,
		points: assessed ? rule.points(ind, value) : 0,
		maxPoints: plan.maxPoints[i]!,
		met: assessed && rule.met(value)
	};
}

/**
 * Scores one OPD against the rubric; `cellOf` gives the OPD's cell for an indicator key.
 * Rank, tie flag and tier are left neutral (0, false, null) for {@link scorePeriod} to set.
 */
export function scoreOpd(
	rubric: Rubric,
	participant: Participant,
	cellOf: (indicator: string) => CellValue,
	plan: ScorePlan = scorePlanOf(rubric)
): OpdResult {
	const table = emptyTable(plan);
	plan.indicators.forEach((ind, i) => {
		const cell = cellOf(ind.key);
		table.value[i] = cell?.value ?? null;
		table.notApplicable[i] = cell?.notApplicable ? 1 : 0;
	});
	return scoreOpdAt(rubric, participant, table, 0, plan);
}

/**
 * Cells as parallel columns, one entry per cell: the same cells, order and meaning as a
 * `Cell[]`, for a caller that reads many cells and need not make an object of each.
 */
export interface CellColumns {
	opd: string[];
	indicator: string[];
	value: (number | null)[];
	notApplicable: boolean[];
}

/**
 * Values and not-applicable flags of many OPDs, one block of the plan's indicators each (in its
 * order); an OPD's block starts at the offset `rows` gives it. No cell: null, applicable.
 */
interface CellTable {
	rows: Map<string, number>;
	value: (number | null)[];
	notApplicable: Uint8Array;
}

function emptyTable(plan: ScorePlan): CellTable {
	const n = plan.indicators.length;
	return {
		rows: new Map(),
		value: new Array<number | null>(n).fill(null),
		notApplicable: new Uint8Array(n)
	};
}

/** {@link scoreOpd} with the cell given by the indicator's position in the plan's order. */
function scoreOpdAt(
	rubric: Rubric,
	participant: Participant,
	table: Pick<CellTable, 'value' | 'notApplicable'>,
	offset: number,
	plan: ScorePlan
): OpdResult {
	// Plain loops: this runs once per OPD, 25,000 times for a national period.
	const n = plan.indicators.length;
	const indicators: IndicatorScore[] = [];
	let score = 0;
	let maxScore = 0;
	let indicatorsMet = 0;
	let indicatorsApplicable = 0;
	for (let i = 0; i < n; i++) {
		const s = pointsAt(plan, i, table.value[offset + i]!, table.notApplicable[offset + i] === 1);
		indicators.push(s);
		score += s.points;
		maxScore += s.maxPoints;
		if (s.met) indicatorsMet++;
		if (!s.notApplicable) indicatorsApplicable++;
	}
	const percent = percentOf(score, maxScore);
	const aspects: AspectScore[] = rubric.aspects.map((aspect, a) => {
		let points = 0;
		let maxPoints = 0;
		for (const i of plan.aspectMembers[a]!) {
			points += indicators[i]!.points;
			maxPoints += indicators[i]!.maxPoints;
		}
		return {
			key: aspect.key,
			points,
			maxPoints,
			percent: percentOf(points, maxPoints),
			contribution: 0
		};
	});
	const { stages, total, stoppedAtStage } = scoreStages(
		rubric,
		aspects,
		percent,
		(keys) => {
			const inStage = plan.stageMembers.get(keys)!;
			let points = 0;
			let max = 0;
			for (const i of inStage) {
				points += indicators[i]!.points;
				max += indicators[i]!.maxPoints;
			}
			return { points, max, whole: inStage.length === n };
		},
		plan.stagePlan
	);
	const displayTotal = roundTo(total, rubric.decimals);
	return {
		opd: participant.key,
		name: participant.name,
		score,
		maxScore,
		percent,
		total,
		displayTotal,
		indicatorsMet,
		indicatorsApplicable,
		rank: 0,
		tied: false,
		qualification: qualify(rubric.bands, displayTotal),
		tier: null,
		stoppedAtStage,
		indicators,
		aspects,
		stages
	};
}

/**
 * Cells by OPD into one table, each OPD's block by indicator position in the plan. A later cell
 * for the same pair replaces an earlier one; cells of indicators outside the rubric are left out.
 */
function indexCells(plan: ScorePlan, cells: Cell[] | CellColumns): CellTable {
	const n = plan.indicators.length;
	const rows = new Map<string, number>();
	const value: (number | null)[] = [];
	const flags: number[] = [];
	const put = (opd: string, indicator: string, v: number | null, na: boolean) => {
		const positions = plan.positionsOf.get(indicator);
		if (positions === undefined) return;
		let offset = rows.get(opd);
		if (offset === undefined) {
			offset = value.length;
			rows.set(opd, offset);
			for (let i = 0; i < n; i++) {
				value.push(null);
				flags.push(0);
			}
		}
		for (const i of positions) {
			value[offset + i] = v;
			flags[offset + i] = na ? 1 : 0;
		}
	};
	if (Array.isArray(cells)) {
		for (const cell of cells)
			put(cell.opd, cell.indicator, cell.value ?? null, !!cell.notApplicable);
	} else {
		for (let k = 0; k < cells.opd.length; k++)
			put(cells.opd[k]!, cells.indicator[k]!, cells.value[k]!, cells.notApplicable[k]!);
	}
	return { rows, value, notApplicable: Uint8Array.from(flags) };
}

/**
 * Scores every participant of a period, ranks them and decides the awards. Cells for unknown OPDs
 * or indicators are ignored (see `checkCells` to report them); a participant without cells
 * scores 0 and is still ranked. A participant key listed twice is scored once.
 */
export function scorePeriod(
	rubric: Rubric,
	participants: Participant[],
	cells: Cell[] | CellColumns
): PeriodResult {
	const plan = scorePlanOf(rubric);
	const table = indexCells(plan, cells);
	const none = emptyTable(plan);
	const scored = uniqueParticipants(participants).map((p) => {
		const offset = table.rows.get(p.key);
		return offset === undefined
			? scoreOpdAt(rubric, p, none, 0, plan)
			: scoreOpdAt(rubric, p, table, offset, plan);
	});
	return { rubric, ...rankAndAward(rubric, scored) };
}

/** Each participant key once, in the order first listed. */
export function uniqueParticipants(participants: Participant[]): Participant[] {
	const seen = new Set<string>();
	return participants.filter((p) => !seen.has(p.key) && seen.add(p.key));
}

/**
 * The one place the engine orders a period: ranks scored OPDs by displayed total, orders each
 * group of equal totals by the tie-break ({@link orderParts}: priority list, then the team's
 * recorded decision, then name), decides the awards from that same order and gives each settled
 * award's OPD its tier. Ranks are competition ranks over that order: OPDs the tie-break separates
 * get distinct ranks ("2, 3"); OPDs still level share one and are flagged `tied` ("2=, 2=").
 * Sets rank, tie flag and tier on the objects given (fresh ones the caller owns) and returns them
 * in that order, which every output reads without sorting again.
 */
export function rankAndAward<
	T extends AwardCandidate & { rank: number; tied: boolean; tier: string | null }
>(rubric: Rubric, scored: T[]): { opds: T[]; awards: AwardPosition[] } {
	// The scored results are fresh objects, ours to fill in.
	const parts = orderParts(rubric, rankInPlace(scored));
	const ordered: T[] = [];
	for (const part of parts) {
		const rank = ordered.length + 1;
		const tied = part.opds.length > 1;
		for (const r of part.opds) {
			r.rank = rank;
			r.tied = tied;
			ordered.push(r);
		}
	}
	const awards = awardsFromParts(rubric, parts);
	const tierOf = new Map<string, string>();
	for (const award of awards) {
		const [only] = award.opds;
		if (award.settled && only !== undefined) tierOf.set(only, award.tier);
	}
	for (const r of ordered) r.tier = tierOf.get(r.opd) ?? null;
	return { opds: ordered, awards };
}
