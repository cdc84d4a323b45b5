import { describe, expect, it } from 'vitest';
import {
	DEFAULT_AWARD_TIERS,
	DEFAULT_BANDS,
	flatRubric,
	indicatorMaxPoints,
	KIP_STAGES,
	withKipStages
} from './rubric';
import type { Indicator } from './types';

describe('flatRubric', () => {
	it('puts every indicator in one aspect of one stage, with the defaults', () => {
		const rubric = flatRubric([
			{ key: 'profil', label: 'Profil' },
			{ key: 'renja', label: 'Renja', weight: 2, order: 10 }
		]);
		expect(rubric).toEqual({
			indicators: [
				{ key: 'profil', label: 'Profil', aspect: 'dip', kind: 'check', weight: 1, order: 1 },
				{ key: 'renja', label: 'Renja', aspect: 'dip', kind: 'check', weight: 2, order: 10 }
			],
			aspects: [{ key: 'dip', label: 'Daftar Informasi Publik', stage: 'utama', share: null }],
			stages: [{ key: 'utama', label: 'Utama', share: 100, order: 1 }],
			bands: DEFAULT_BANDS,
			tieBreak: { priority: [], decisions: [] },
			decimals: 2,
			awardTiers: ['Terbaik I', 'Terbaik II', 'Terbaik III']
		});
	});

	it('applies overrides and never shares the default arrays', () => {
		const rubric = flatRubric([], { decimals: 1, awardTiers: ['Harapan I'] });
		expect(rubric.decimals).toBe(1);
		expect(rubric.awardTiers).toEqual(['Harapan I']);
		rubric.bands.forEach((band) => (band.min += 1));
		flatRubric([]).awardTiers.push('Harapan I');
		expect(DEFAULT_BANDS[0]).toEqual({ label: 'Informatif', min: 90 });
		expect(DEFAULT_AWARD_TIERS).toEqual(['Terbaik I', 'Terbaik II', 'Terbaik III']);
	});
});

describe('indicatorMaxPoints', () => {
	const base: Indicator = {
		key: 'k',
		label: 'K',
		aspect: 'dip',
		kind: 'check',
		weight: 2,
		order: 1
	};
	it.each<[string, Indicator, number]>([
		['check: the weight', base, 2],
		['scale: the weight', { ...base, kind: 'scale', maxLevel: 5 }, 2],
		['count: the cap', { ...base, kind: 'count', pointsPerUnit: 1, cap: 7 }, 7],
		['count without cap: 0', { ...base, kind: 'count', pointsPerUnit: 1 }, 0]
	])('%s', (_name, ind, max) => {
		expect(indicatorMaxPoints(ind)).toBe(max);
	});
});

describe('withKipStages', () => {
	it('gives four stages adding up to 100 and keeps aspects, in the first stage unless theirs stays', () => {
		const flat = flatRubric([{ key: 'profil', label: 'Profil' }]);
		const saq = { key: 'jenis', label: 'Jenis informasi', stage: 'saq', share: 40 };
		const out = withKipStages({ aspects: [...flat.aspects, saq] });
		expect(out.stages.map((s) => [s.key, s.share, s.minToProceed, s.order])).toEqual([
			['monitoring-website', 20, undefined, 1],
			['saq', 30, 60, 2],
			['visitasi', 25, 80, 3],
			['uji-publik', 25, undefined, 4]
		]);
		expect(out.stages.reduce((sum, s) => sum + s.share, 0)).toBe(100);
		expect(out.aspects).toEqual([{ ...flat.aspects[0], stage: 'monitoring-website' }, saq]);
		out.stages[0]!.share = 0;
		expect(KIP_STAGES[0]!.share).toBe(20);
	});
});
