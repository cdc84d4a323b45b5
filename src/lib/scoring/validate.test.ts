import { describe, expect, it } from 'vitest';
import { saqRubric, dipRubric } from '../../../tests/support/scoring/fixtures';
import type { Rubric } from './types';
import { rubricGaps, validateRubric } from './validate';

/** A fresh valid rubric changed by `edit`. */
function broken(edit: (r: Rubric) => void, base: () => Rubric = saqRubric): Rubric {
	const r = base();
	edit(r);
	return r;
}

function find<T extends { key: string }>(items: T[], key: string): T {
	const found = items.find((i) => i.key === key);
	if (!found) throw new Error(`no ${key} in the fixture`);
	return found;
}

const indicator = (r: Rubric, key: string) => find(r.indicators, key);
const aspect = (r: Rubric, key: string) => find(r.aspects, key);
const stage = (r: Rubric, key: string) => find(r.stages, key);

describe('validateRubric', () => {
	it.each([
		['flat DIP rubric', dipRubric()],
		['SAQ + visitasi rubric', saqRubric()],
		// 33.3 + 33.3 + 33.4 = 100.00000000000001 in floating point: within tolerance
		[
			'shares with float noise',
			broken((r) => {
				r.aspects = [
					{ key: 'jenis', label: 'J', stage: 'saq', share: 33.3 },
					{ key: 'digitalisasi', label: 'D', stage: 'saq', share: 33.3 },
					{ key: 'kualitas', label: 'K', stage: 'saq', share: 33.4 },
					{ key: 'visitasi', label: 'V', stage: 'visitasi', share: null }
				];
				r.indicators = r.indicators.filter((i) => r.aspects.some((a) => a.key === i.aspect));
			})
		]
	])('accepts a %s', (_name, rubric) => {
		expect(validateRubric(rubric)).toEqual([]);
	});

	it.each([
		[
			'duplicate indicator key',
			broken((r) => r.indicators.push({ ...indicator(r, 'kunjungan') })),
			'Kunci indikator "kunjungan" dipakai lebih dari sekali.'
		],
		[
			'duplicate aspect key',
			broken((r) =>
				r.aspects.push({ key: 'visitasi', label: 'V', stage: 'visitasi', share: null })
			),
			'Kunci aspek "visitasi" dipakai lebih dari sekali.'
		],
		[
			'indicator in an unknown aspect',
			broken((r) => (indicator(r, 'kunjungan').aspect = 'kunjungan-lapangan')),
			'Indikator "kunjungan" merujuk ke aspek "kunjungan-lapangan" yang tidak ada.'
		],
		[
			'aspect in an unknown stage',
			broken((r) => r.aspects.push({ key: 'x', label: 'X', stage: 'presentasi', share: null })),
			'Aspek "x" merujuk ke tahap "presentasi" yang tidak ada.'
		],
		[
			'aspect without indicators',
			broken((r) => (indicator(r, 'kunjungan').aspect = 'jenis')),
			'Aspek "visitasi" tidak punya indikator.'
		],
		[
			'stage shares 80 + 30',
			broken((r) => (stage(r, 'visitasi').share = 30)),
			'Bobot tahap berjumlah 110, seharusnya 100.'
		],
		[
			'aspect shares 40 + 20 + 10 × 3 + 9 = 99',
			broken((r) => (aspect(r, 'sarana').share = 9)),
			'Bobot aspek tahap "saq" berjumlah 99, seharusnya 100.'
		],
		[
			'aspect shares 33.3 × 3 = 99.9',
			broken((r) => {
				r.aspects = r.aspects.slice(0, 3).map((a) => ({ ...a, share: 33.3 }));
				r.aspects.push({ key: 'visitasi', label: 'V', stage: 'visitasi', share: null });
				r.indicators = r.indicators.filter((i) => r.aspects.some((a) => a.key === i.aspect));
			}),
			'Bobot aspek tahap "saq" berjumlah 99,9, seharusnya 100.'
		],
		[
			'weighted and unweighted aspects in one stage',
			broken((r) => (aspect(r, 'jenis').share = null)),
			'Aspek tahap "saq" harus semuanya berbobot atau semuanya tanpa bobot.'
		],
		[
			'negative weight',
			broken((r) => (indicator(r, 'kunjungan').weight = -1)),
			'Indikator "kunjungan": bobot harus angka 0 atau lebih.'
		],
		[
			'scale without maxLevel',
			broken((r) => delete indicator(r, 'kunjungan').maxLevel),
			'Indikator "kunjungan": skala harus punya level tertinggi (bilangan bulat 1 atau lebih).'
		],
		[
			'scale with maxLevel 0',
			broken((r) => (indicator(r, 'kunjungan').maxLevel = 0)),
			'Indikator "kunjungan": skala harus punya level tertinggi (bilangan bulat 1 atau lebih).'
		],
		[
			'scale with too few level labels',
			broken((r) => (indicator(r, 'kunjungan').levelLabels = ['Tidak', 'Ya'])),
			'Indikator "kunjungan": label level harus 5 (level 0 sampai 4).'
		],
		[
			'count without points per unit',
			broken((r) => delete indicator(r, 'jenis-butir').pointsPerUnit),
			'Indikator "jenis-butir": hitungan harus punya poin per unit lebih dari 0.'
		],
		[
			'count without cap',
			broken((r) => delete indicator(r, 'jenis-butir').cap),
			'Indikator "jenis-butir": hitungan harus punya batas poin (cap) 0 atau lebih.'
		],
		[
			'minimum above 100',
			broken((r) => (stage(r, 'saq').minToProceed = 120)),
			'Nilai minimum tahap "saq" harus di antara 0 dan 100.'
		],
		[
			'no band for 0',
			broken((r) => (r.bands = r.bands.filter((b) => b.min > 0)), dipRubric),
			'Tidak ada kualifikasi untuk nilai 0: batas bawah terendah harus 0.'
		],
		[
			'fractional decimals',
			broken((r) => (r.decimals = 2.5), dipRubric),
			'Jumlah desimal harus bilangan bulat 0 sampai 10.'
		],
		[
			'unknown priority key',
			broken((r) => (r.tieBreak.priority = ['renja', 'website']), dipRubric),
			'Prioritas "website" bukan aspek atau indikator rubrik ini.'
		],
		[
			'decision without a reason',
			broken((r) => (r.tieBreak.decisions = [{ order: ['a', 'b'], reason: ' ' }]), dipRubric),
			'Keputusan seri ke-1 belum punya alasan.'
		],
		[
			'decision naming an OPD twice',
			broken((r) => (r.tieBreak.decisions = [{ order: ['a', 'a'], reason: 'x' }]), dipRubric),
			'Keputusan seri ke-1 mencantumkan OPD "a" lebih dari sekali.'
		]
	])('reports %s', (_name, rubric, problem) => {
		expect(validateRubric(rubric)).toContain(problem);
	});

	it('reports exactly the problems there are', () => {
		const rubric = broken((r) => {
			stage(r, 'visitasi').share = 30;
			indicator(r, 'kunjungan').weight = -5;
		});
		expect(validateRubric(rubric)).toEqual([
			'Bobot tahap berjumlah 110, seharusnya 100.',
			'Indikator "kunjungan": bobot harus angka 0 atau lebih.'
		]);
	});

	it('reports an empty rubric', () => {
		const empty: Rubric = { ...dipRubric([]), stages: [], aspects: [] };
		expect(validateRubric(empty)).toEqual([
			'Rubrik belum punya tahap penilaian.',
			'Rubrik belum punya indikator.'
		]);
	});
});

describe('rubricGaps', () => {
	it('names empty stages and aspects; allowGaps leaves only them out', () => {
		const rubric = broken((r) => {
			r.stages = [
				{ ...stage(r, 'saq'), share: 50 },
				{ ...stage(r, 'visitasi'), share: 30 },
				{ key: 'uji-publik', label: 'Uji publik', share: 20, order: 3 }
			];
			r.indicators = r.indicators.filter((i) => i.aspect !== 'visitasi');
		});
		const gaps = [
			'Tahap "uji-publik" tidak punya aspek.',
			'Aspek "visitasi" tidak punya indikator.'
		];
		expect(rubricGaps(rubric)).toEqual(gaps);
		expect(validateRubric(rubric)).toEqual(gaps);
		expect(validateRubric(rubric, { allowGaps: true })).toEqual([]);
		aspect(rubric, 'visitasi').stage = 'nowhere';
		expect(validateRubric(rubric, { allowGaps: true })).toEqual([
			'Aspek "visitasi" merujuk ke tahap "nowhere" yang tidak ada.'
		]);
	});
});
