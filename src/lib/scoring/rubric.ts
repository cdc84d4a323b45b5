/**
 * Building blocks of a rubric: the default Perki 1/2022 bands, the flat one-aspect rubric of a DIP
 * matrix, and the maximum points of an indicator.
 */
import type { Aspect, Band, Indicator, Rubric, Stage, TieBreak } from './types';

/** Monev qualification scale of Perki 1/2022, on the displayed total. */
export const DEFAULT_BANDS: Band[] = [
	{ label: 'Informatif', min: 90 },
	{ label: 'Menuju Informatif', min: 80 },
	{ label: 'Cukup Informatif', min: 60 },
	{ label: 'Kurang Informatif', min: 40 },
	{ label: 'Tidak Informatif', min: 0 }
];

export const DEFAULT_AWARD_TIERS: string[] = ['Terbaik I', 'Terbaik II', 'Terbaik III'];

export const DEFAULT_DECIMALS = 2;

/** Key of the single aspect of a flat rubric. */
export const FLAT_ASPECT = 'dip';

/** Key of the single stage of a flat rubric. */
export const FLAT_STAGE = 'utama';

/**
 * An indicator of a flat rubric: `aspect` is always the flat aspect, `order` defaults to the
 * position in the list, `kind` to 'check' and `weight` to 1 (one point per DIP category ticked).
 */
export type FlatIndicatorInput = Pick<Indicator, 'key' | 'label'> &
	Partial<Omit<Indicator, 'key' | 'label'>>;

export type RubricOverrides = Partial<
	Pick<Rubric, 'bands' | 'tieBreak' | 'decimals' | 'awardTiers'>
>;

/**
 * Builds the rubric of a plain DIP matrix: one aspect ('dip') in one stage ('utama', share 100),
 * so the total is simply points earned ÷ points possible × 100.
 */
export function flatRubric(
	indicators: FlatIndicatorInput[],
	overrides: RubricOverrides = {}
): Rubric {
	return {
		indicators: indicators.map((ind, index) => ({
			...ind,
			kind: ind.kind ?? 'check',
			weight: ind.weight ?? 1,
			order: ind.order ?? index + 1,
			aspect: FLAT_ASPECT
		})),
		aspects: [
			{ key: FLAT_ASPECT, label: 'Daftar Informasi Publik', stage: FLAT_STAGE, share: null }
		],
		stages: [{ key: FLAT_STAGE, label: 'Utama', share: 100, order: 1 }],
		// Copies, so a caller editing its rubric never edits the defaults.
		bands: (overrides.bands ?? DEFAULT_BANDS).map((band) => ({ ...band })),
		tieBreak: copyTieBreak(overrides.tieBreak ?? { priority: [], decisions: [] }),
		decimals: overrides.decimals ?? DEFAULT_DECIMALS,
		awardTiers: [...(overrides.awardTiers ?? DEFAULT_AWARD_TIERS)]
	};
}

/**
 * The four stages of a KIP-style monev (website monitoring → SAQ → visitasi → uji publik), as a
 * starting point the admin then adjusts. Shares 20/30/25/25: the SAQ, where every item needs its
 * evidence, weighs most; the website check is a lighter desk review; visitasi and uji publik
 * verify the same answers on site and before a jury, so they weigh the same. Minimums follow the
 * regional practice in DOMAIN.md: 60 on the SAQ to be visited, 80 on the visit to reach the last
 * stage. The website check stops no one (it only scores), and a last stage's minimum would stop
 * nothing, so neither has one.
 */
export const KIP_STAGES: readonly Readonly<Stage>[] = [
	{ key: 'monitoring-website', label: 'Monitoring website', share: 20, order: 1 },
	{ key: 'saq', label: 'Penilaian mandiri (SAQ)', share: 30, minToProceed: 60, order: 2 },
	{ key: 'visitasi', label: 'Visitasi', share: 25, minToProceed: 80, order: 3 },
	{ key: 'uji-publik', label: 'Uji publik', share: 25, order: 4 }
];

/**
 * Replaces a rubric's stages with {@link KIP_STAGES}. Aspects keep their keys, labels and shares;
 * an aspect already in a stage with one of those keys stays there, every other one moves to the
 * first stage (a flat rubric's single aspect becomes the website check's).
 */
export function withKipStages<A extends Pick<Aspect, 'stage'>>(structure: {
	aspects: A[];
}): {
	stages: Stage[];
	aspects: A[];
} {
	const stages = KIP_STAGES.map((s) => ({ ...s }));
	const keys = new Set(stages.map((s) => s.key));
	const first = stages[0]!.key;
	return {
		stages,
		aspects: structure.aspects.map((a) => ({ ...a, stage: keys.has(a.stage) ? a.stage : first }))
	};
}

function copyTieBreak(tieBreak: TieBreak): TieBreak {
	return {
		priority: [...tieBreak.priority],
		decisions: tieBreak.decisions.map((d) => ({ ...d, order: [...d.order] }))
	};
}

/** Points an indicator is worth when fully met: the weight, or the cap for a count. */
export function indicatorMaxPoints(ind: Indicator): number {
	return ind.kind === 'count' ? (ind.cap ?? 0) : ind.weight;
}
