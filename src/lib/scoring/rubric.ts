/**
 * Building blocks of a rubric: the default Perki 1/2022 bands, the flat one-aspect rubric of a DIP
 * matrix, and the maximum points of an indicator.
 */
import type { Band, Indicator, Rubric, TieBreak } from './types';

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
