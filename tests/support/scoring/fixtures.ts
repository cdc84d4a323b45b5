/**
 * Shared test data: the DIP categories of the Kota Serang matrices and small builders. Used by
 * the *.test.ts files only; not exported from the engine.
 */
import { flatRubric, type RubricOverrides } from '../../../src/lib/scoring/rubric';
import type { Cell, Participant, Rubric } from '../../../src/lib/scoring/types';

/** The 14 DIP categories of 2020, in matrix order. */
export const DIP_2020: [key: string, label: string][] = [
	['profil', 'Profil'],
	['struktur', 'Struktur Organisasi'],
	['renstra', 'Renstra'],
	['renja', 'Renja'],
	['lakip', 'LAKIP'],
	['lkpd', 'LKPD'],
	['rka', 'RKA'],
	['dpa', 'DPA'],
	['lhkpn', 'LHKPN'],
	['sop', 'SOP'],
	['standar-pelayanan', 'Standar Pelayanan'],
	['program', 'Program dan Kegiatan'],
	['regulasi', 'Regulasi'],
	['pengadaan', 'Pengadaan Barang dan Jasa']
];

/** A flat rubric of one check point per category; 13 categories = the 2020 list minus Pengadaan. */
export function dipRubric(
	categories: [string, string][] = DIP_2020.slice(0, 13),
	overrides: RubricOverrides = {}
): Rubric {
	return flatRubric(
		categories.map(([key, label]) => ({ key, label })),
		overrides
	);
}

/** Participants from "key:Name" pairs. */
export function participants(...entries: [key: string, name: string][]): Participant[] {
	return entries.map(([key, name]) => ({ key, name }));
}

/** Check cells for one OPD: 1 for every indicator listed in `met`, 0 for the others. */
export function ticks(rubric: Rubric, opd: string, met: string[]): Cell[] {
	return rubric.indicators.map((ind) => ({
		opd,
		indicator: ind.key,
		value: met.includes(ind.key) ? 1 : 0
	}));
}

/** Check cells for one OPD meeting every indicator except those listed. */
export function ticksExcept(rubric: Rubric, opd: string, missing: string[]): Cell[] {
	const met = rubric.indicators.map((i) => i.key).filter((k) => !missing.includes(k));
	return ticks(rubric, opd, met);
}

/**
 * The 2025-style weighting: six SAQ aspects 40/20/10/10/10/10 make the SAQ stage (80 % of the
 * total, minimum 80 to be visited) and a visitation stage makes the other 20 %. Each SAQ aspect
 * has one count indicator (1 point per unit, cap 10 000) so a percent to two decimals is easy to
 * set; the visit is a 0–4 scale worth 100 points.
 */
export function saqRubric(): Rubric {
	const aspects: [string, string, number][] = [
		['jenis', 'Jenis Informasi', 40],
		['digitalisasi', 'Digitalisasi', 20],
		['kualitas', 'Kualitas Informasi', 10],
		['pelayanan', 'Pelayanan Informasi', 10],
		['komitmen', 'Komitmen Organisasi', 10],
		['sarana', 'Sarana Prasarana', 10]
	];
	return {
		indicators: [
			...aspects.map(([key, label], index) => ({
				key: `${key}-butir`,
				label: `Butir ${label}`,
				aspect: key,
				kind: 'count' as const,
				weight: 10000,
				pointsPerUnit: 1,
				cap: 10000,
				order: index + 1
			})),
			{
				key: 'kunjungan',
				label: 'Hasil Kunjungan',
				aspect: 'visitasi',
				kind: 'scale',
				weight: 100,
				maxLevel: 4,
				order: 7
			}
		],
		aspects: [
			...aspects.map(([key, label, share]) => ({ key, label, stage: 'saq', share })),
			{ key: 'visitasi', label: 'Visitasi', stage: 'visitasi', share: null }
		],
		stages: [
			{ key: 'saq', label: 'SAQ', share: 80, minToProceed: 80, order: 1 },
			{ key: 'visitasi', label: 'Visitasi', share: 20, order: 2 }
		],
		bands: flatRubric([]).bands,
		tieBreak: { priority: [], decisions: [] },
		decimals: 2,
		awardTiers: ['Terbaik I', 'Terbaik II', 'Terbaik III']
	};
}

/** Cells for an OPD: units per SAQ aspect (jenis, digitalisasi, then the four 10 % ones), visit. */
export function saqCells(opd: string, units: number[], visit: number | null): Cell[] {
	const keys = ['jenis', 'digitalisasi', 'kualitas', 'pelayanan', 'komitmen', 'sarana'];
	return [
		...keys.map((key, i) => ({ opd, indicator: `${key}-butir`, value: units[i] ?? 0 })),
		{ opd, indicator: 'kunjungan', value: visit }
	];
}
