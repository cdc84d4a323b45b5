/**
 * Re-scoring a published or live result for a subset: only some OPDs (one kind of OPD) or only the
 * indicators of one group (aspect). A result carries every cell's value, so its cells can be read
 * back and scored again with the same engine: a filtered view never invents its own arithmetic.
 */
import { scorePeriod } from '../scoring/score';
import type { Cell, PeriodResult, Rubric } from '../scoring/types';

/** The cells a result was computed from (value and not-applicable per OPD and indicator). */
export function cellsFromResult(result: PeriodResult): Cell[] {
	return result.opds.flatMap((o) =>
		o.indicators.map((s) => ({
			opd: o.opd,
			indicator: s.key,
			value: s.value,
			...(s.notApplicable ? { notApplicable: true } : {})
		}))
	);
}

/**
 * The rubric of one indicator group on its own: its indicators in one unweighted stage, so the
 * total is the group's points earned ÷ points possible × 100. Bands, decimals, tiers and the
 * tie-break keys that still exist are kept.
 */
export function aspectRubric(rubric: Rubric, aspect: string): Rubric {
	const found = rubric.aspects.find((a) => a.key === aspect);
	const indicators = rubric.indicators.filter((i) => i.aspect === aspect);
	const keys = new Set([aspect, ...indicators.map((i) => i.key)]);
	return {
		...rubric,
		indicators,
		aspects: [{ key: aspect, label: found?.label ?? aspect, stage: 'utama', share: null }],
		stages: [{ key: 'utama', label: 'Utama', share: 100, order: 1 }],
		tieBreak: {
			priority: rubric.tieBreak.priority.filter((k) => keys.has(k)),
			decisions: rubric.tieBreak.decisions
		}
	};
}

export interface Restriction {
	/** OPD keys to keep; null keeps all. */
	opds?: ReadonlySet<string> | null;
	/** Aspect (indicator group) key to score on its own; null keeps the whole rubric. */
	aspect?: string | null;
}

/**
 * The result re-scored for a subset: ranks, bands and awards are recomputed among the OPDs kept
 * (a rank "among kecamatan"). Without a restriction the result is returned as it is.
 */
export function restrictResult(result: PeriodResult, restriction: Restriction): PeriodResult {
	const { opds = null, aspect = null } = restriction;
	if (!opds && !aspect) return result;
	const rubric = aspect ? aspectRubric(result.rubric, aspect) : result.rubric;
	const participants = result.opds
		.filter((o) => !opds || opds.has(o.opd))
		.map((o) => ({ key: o.opd, name: o.name }));
	return scorePeriod(rubric, participants, cellsFromResult(result));
}
