/**
 * Rubric and result types shared by the scoring engine, the importers, the database layer and
 * the pages. Pure data: everything here can be serialised to JSON and travels with a result, so a
 * published score can be recomputed by hand from the result alone.
 */

/** The indicator kinds; the database column, the rubric editor and the points rule all read this. */
export const INDICATOR_KINDS = ['check', 'scale', 'count'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export interface Indicator {
	/** Stable across years ("renja" is "Renja 2020" in 2020 and "Renja 2021" in 2021). */
	key: string;
	label: string;
	/** Key of the aspect (indicator group) this indicator belongs to. */
	aspect: string;
	kind: IndicatorKind;
	/**
	 * Maximum points of the indicator. check: points when present; scale: points at the top
	 * level (weight × level / maxLevel); count: ignored in favour of `cap` (kept equal to it).
	 */
	weight: number;
	/** scale only: highest level (levels are 0..maxLevel). */
	maxLevel?: number;
	/** scale only: optional label per level, index = level. */
	levelLabels?: string[];
	/** count only: points per unit counted. */
	pointsPerUnit?: number;
	/** count only: maximum points (min(units × pointsPerUnit, cap)). */
	cap?: number;
	order: number;
}

export interface Aspect {
	key: string;
	label: string;
	/** Stage this aspect is scored in. */
	stage: string;
	/**
	 * Share of the stage's 0–100 score, in percent. When every aspect of a stage has `share: null`
	 * the stage score is simply points earned ÷ points possible × 100 (a flat rubric).
	 */
	share: number | null;
}

export interface Stage {
	key: string;
	label: string;
	/** Share of the final 0–100 total, in percent; the shares of all stages add up to 100. */
	share: number;
	/**
	 * Minimum stage score (0–100) an OPD needs to go on to the next stage. An OPD below it scores
	 * 0 in every later stage and is reported as stopped at this stage.
	 */
	minToProceed?: number;
	order: number;
}

export interface Band {
	/** e.g. "Informatif" */
	label: string;
	/** inclusive lower bound on the displayed (rounded) total, 0–100 */
	min: number;
}

export interface TieBreak {
	/**
	 * Aspect keys or indicator keys compared in order, by points earned, when OPDs show the same
	 * total; the first that differs decides. Empty: only evaluator decisions break ties.
	 */
	priority: string[];
	/**
	 * Evaluator decisions for ties the priority list cannot settle: the OPDs listed earlier get the
	 * better award position. Each decision records who decided and why.
	 */
	decisions: TieDecision[];
}

export interface TieDecision {
	/** OPD keys in the decided order (best first). */
	order: string[];
	reason: string;
	decidedBy?: string;
	decidedAt?: string;
}

export interface Rubric {
	indicators: Indicator[];
	aspects: Aspect[];
	stages: Stage[];
	/** Qualification bands, any order; the highest `min` not above the total wins. */
	bands: Band[];
	tieBreak: TieBreak;
	/** Decimals shown to users; ranking and bands use the total rounded to this. Default 2. */
	decimals: number;
	/** Award tier labels, best first, e.g. ["Terbaik I", "Terbaik II", "Terbaik III"]. */
	awardTiers: string[];
	/**
	 * Award groups by OPD kind with their Terbaik/Harapan tiers (`award-groups.ts`). Absent: one
	 * group of every OPD whose positions are the podium of `awardTiers`, as before groups existed.
	 */
	awardGroups?: AwardGroupsConfig;
}

/** One award group: the OPD kinds it ranks together, under its label. */
export interface AwardGroupDef {
	/** Stable key ("kecamatan", "dinas-badan"), derived from the label. */
	key: string;
	label: string;
	/** OPD kinds (`opds.kind`) ranked in this group; a kind belongs to one group only. */
	kinds: string[];
}

/** A period's grouping and tiers, stored with its rubric. */
export interface AwardGroupsConfig {
	groups: AwardGroupDef[];
	/** How many "Terbaik" positions each group gives (Terbaik I, II, …). */
	best: number;
	/** How many "Harapan" positions follow them (Harapan I, II, …). */
	runnersUp: number;
}

/** One assessed cell. `value` is 1/0 for check, the level for scale, the unit count for count. */
export interface Cell {
	opd: string;
	indicator: string;
	value: number | null;
	/** Not applicable: the indicator leaves this OPD's maximum and never counts as met. */
	notApplicable?: boolean;
}

export interface Participant {
	/** Stable OPD key (the slug). */
	key: string;
	name: string;
}

export interface IndicatorScore {
	key: string;
	/** The cell's value as assessed, or null when not assessed. */
	value: number | null;
	notApplicable: boolean;
	points: number;
	maxPoints: number;
	/** check: present; scale: level > 0; count: units > 0. Never true when not applicable. */
	met: boolean;
}

export interface AspectScore {
	key: string;
	points: number;
	maxPoints: number;
	/** 0–100 within the aspect (0 when maxPoints is 0). */
	percent: number;
	/** Contribution to the stage score (0–100 scale). */
	contribution: number;
}

export interface StageScore {
	key: string;
	/** 0–100 */
	score: number;
	/** score × share / 100 */
	contribution: number;
	/** False when an earlier stage's minimum stopped the OPD; score is then 0. */
	reached: boolean;
	passed: boolean;
}

export interface OpdResult {
	opd: string;
	name: string;
	/** Σ points over all indicators (not-applicable cells excluded). */
	score: number;
	/** Σ max points over the indicators that apply to this OPD. */
	maxScore: number;
	/** score ÷ maxScore × 100, unrounded (0 when maxScore is 0). */
	percent: number;
	/** Weighted final 0–100 total, unrounded. For a flat rubric equal to `percent`. */
	total: number;
	/** `total` rounded to the rubric's decimals: the number users see, rank and band use it. */
	displayTotal: number;
	indicatorsMet: number;
	indicatorsApplicable: number;
	/**
	 * Competition rank on displayTotal ("1, 1, 1, 4"), where the tie-break (priority list, then a
	 * recorded team decision) separates OPDs showing the same total ("1, 2, 3, 4" once decided).
	 */
	rank: number;
	/** True when another OPD shares this rank: same displayTotal and the tie-break left them level. */
	tied: boolean;
	qualification: string;
	/** Award tier label (e.g. "Terbaik I") when the tie-break settles this OPD's position. */
	tier: string | null;
	/** Key of the stage where a minimum stopped this OPD, null when it went through. */
	stoppedAtStage: string | null;
	indicators: IndicatorScore[];
	aspects: AspectScore[];
	stages: StageScore[];
}

export interface AwardPosition {
	/** 1-based award position */
	position: number;
	tier: string;
	/** OPD keys holding the position: one when settled, several when the tie stays open. */
	opds: string[];
	settled: boolean;
	/** How the position was decided, in plain Indonesian for the podium. */
	decidedBy: 'score' | 'priority' | 'decision' | 'unsettled';
	explanation: string;
}

export interface PeriodResult {
	/** The rubric the result was computed with: it travels with the result. */
	rubric: Rubric;
	/** The engine's order: by rank (tie-break included), then by name among OPDs still level. */
	opds: OpdResult[];
	awards: AwardPosition[];
}

export interface YoyOpd {
	opd: string;
	name: string;
	/** null when the OPD is new in the later period */
	before: { rank: number; displayTotal: number; indicatorsMet: number } | null;
	/** null when the OPD is gone in the later period */
	after: { rank: number; displayTotal: number; indicatorsMet: number } | null;
	/** after − before of displayTotal; null when either side is missing */
	totalDelta: number | null;
	/** before.rank − after.rank (positive = moved up); null when either side is missing */
	rankDelta: number | null;
	/** comparable indicator keys met after but not before */
	gained: string[];
	/** comparable indicator keys met before but not after */
	lost: string[];
	status: 'both' | 'new' | 'gone';
}

export interface YoyComparison {
	/** indicator keys present in both rubrics */
	comparable: string[];
	/** keys only in the earlier rubric */
	onlyBefore: string[];
	/** keys only in the later rubric */
	onlyAfter: string[];
	opds: YoyOpd[];
}

/** One year of an OPD's history, for charts; displayTotal and rank are null when it was absent. */
export interface TrendPoint {
	year: number;
	displayTotal: number | null;
	rank: number | null;
	/** OPDs scored that year, so a rank can be read as "3 of 32". */
	participants: number;
}
