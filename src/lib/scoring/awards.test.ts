import { describe, expect, it } from 'vitest';
import { joinNamesId } from './awards';
import { scorePeriod } from './score';
import {
	dipRubric,
	participants,
	ticks,
	ticksExcept
} from '../../../tests/support/scoring/fixtures';
import type { Cell, Rubric, TieBreak } from './types';

const list = participants(
	['satpol-pp', 'Satpol PP'],
	['bappeda', 'Bappeda'],
	['bpbd', 'BPBD'],
	['kasemen', 'Kecamatan Kasemen']
);

/** Satpol PP and Bappeda tie at 12 of 13 = 92.31 (Bappeda first by name); BPBD 11 of 13 = 84.62. */
function tiedPair(rubric: Rubric): Cell[] {
	return [
		...ticksExcept(rubric, 'satpol-pp', ['lkpd']),
		...ticksExcept(rubric, 'bappeda', ['renja']),
		...ticksExcept(rubric, 'bpbd', ['lkpd', 'renja']),
		// 10 of 13 = 76.92
		...ticksExcept(rubric, 'kasemen', ['lkpd', 'renja', 'rka'])
	];
}

function score(tieBreak: TieBreak, cells: (r: Rubric) => Cell[] = tiedPair) {
	const rubric = dipRubric(undefined, { tieBreak });
	const result = scorePeriod(rubric, list, cells(rubric));
	const tiers = Object.fromEntries(result.opds.map((o) => [o.opd, o.tier]));
	return { result, awards: result.awards, tiers };
}

describe('awards without ties', () => {
	it('gives Terbaik I–III to the top three by score', () => {
		const { awards, tiers } = score({ priority: [], decisions: [] }, (r) => [
			...ticksExcept(r, 'satpol-pp', []),
			...ticksExcept(r, 'bappeda', ['renja']),
			...ticksExcept(r, 'bpbd', ['lkpd', 'renja']),
			...ticksExcept(r, 'kasemen', ['lkpd', 'renja', 'rka'])
		]);
		expect(awards).toEqual([
			{
				position: 1,
				tier: 'Terbaik I',
				opds: ['satpol-pp'],
				settled: true,
				decidedBy: 'score',
				explanation: 'Nilai tertinggi: 100,00 (13 dari 13 indikator)'
			},
			{
				position: 2,
				tier: 'Terbaik II',
				opds: ['bappeda'],
				settled: true,
				decidedBy: 'score',
				explanation: 'Nilai 92,31 (12 dari 13 indikator)'
			},
			{
				position: 3,
				tier: 'Terbaik III',
				opds: ['bpbd'],
				settled: true,
				decidedBy: 'score',
				explanation: 'Nilai 84,62 (11 dari 13 indikator)'
			}
		]);
		expect(tiers).toEqual({
			'satpol-pp': 'Terbaik I',
			bappeda: 'Terbaik II',
			bpbd: 'Terbaik III',
			kasemen: null
		});
	});

	it('never awards a total of 0 nor more positions than OPDs', () => {
		const { awards } = score({ priority: [], decisions: [] }, (r) => [
			...ticks(r, 'bappeda', ['renja']),
			...ticks(r, 'bpbd', [])
		]);
		// satpol-pp and kasemen have no cells, bpbd has only zeros: one award for 1 of 13 = 7.69
		expect(awards.map((a) => [a.position, a.opds, a.explanation])).toEqual([
			[1, ['bappeda'], 'Nilai tertinggi: 7,69 (1 dari 13 indikator)']
		]);
	});

	it('ignores a tie below the award positions', () => {
		const rubric = dipRubric(undefined, { awardTiers: ['Juara I', 'Juara II'] });
		const result = scorePeriod(rubric, list, [
			...ticksExcept(rubric, 'satpol-pp', []),
			...ticksExcept(rubric, 'bappeda', ['renja']),
			// 11 of 13 twice: both rank 3, below Juara II
			...ticksExcept(rubric, 'bpbd', ['renja', 'lkpd']),
			...ticksExcept(rubric, 'kasemen', ['renja', 'rka'])
		]);
		expect(result.awards.map((a) => [a.tier, a.opds, a.decidedBy])).toEqual([
			['Juara I', ['satpol-pp'], 'score'],
			['Juara II', ['bappeda'], 'score']
		]);
		expect(result.opds.map((o) => [o.opd, o.rank, o.tied, o.tier])).toEqual([
			['satpol-pp', 1, false, 'Juara I'],
			['bappeda', 2, false, 'Juara II'],
			['bpbd', 3, true, null],
			['kasemen', 3, true, null]
		]);
	});
});

describe('ties on an award position', () => {
	it('are broken by the first priority indicator that differs', () => {
		// both have Profil; Satpol PP has Renja, Bappeda has not: Renja decides
		const { awards, tiers } = score({ priority: ['profil', 'renja'], decisions: [] });
		const explanation = 'Seri pada 92,31; diputuskan oleh indikator prioritas Renja';
		expect(awards.slice(0, 2)).toEqual([
			{
				position: 1,
				tier: 'Terbaik I',
				opds: ['satpol-pp'],
				settled: true,
				decidedBy: 'priority',
				explanation
			},
			{
				position: 2,
				tier: 'Terbaik II',
				opds: ['bappeda'],
				settled: true,
				decidedBy: 'priority',
				explanation
			}
		]);
		expect(awards[2]).toMatchObject({ position: 3, opds: ['bpbd'], decidedBy: 'score' });
		expect(tiers).toMatchObject({ 'satpol-pp': 'Terbaik I', bappeda: 'Terbaik II' });
	});

	it('are broken by a team decision when the priorities are level', () => {
		const reason = 'Rapat pleno 12 Desember: data dukung lebih lengkap';
		const { awards, tiers, result } = score({
			priority: ['profil'],
			decisions: [{ order: ['satpol-pp', 'bappeda'], reason, decidedBy: 'Tim PPID Utama' }]
		});
		// The ranking lists them in the decided order (Satpol PP before Bappeda, against the
		// alphabet), with distinct ranks: a decided tie is no longer shown as "1=".
		expect(result.opds.map((o) => [o.opd, o.rank, o.tied, o.tier])).toEqual([
			['satpol-pp', 1, false, 'Terbaik I'],
			['bappeda', 2, false, 'Terbaik II'],
			['bpbd', 3, false, 'Terbaik III'],
			['kasemen', 4, false, null]
		]);
		expect(awards.slice(0, 2).map((a) => [a.position, a.opds, a.decidedBy, a.explanation])).toEqual(
			[
				[1, ['satpol-pp'], 'decision', `Seri pada 92,31; diputuskan tim: ${reason}`],
				[2, ['bappeda'], 'decision', `Seri pada 92,31; diputuskan tim: ${reason}`]
			]
		);
		expect(tiers).toMatchObject({ 'satpol-pp': 'Terbaik I', bappeda: 'Terbaik II' });
	});

	it('stay open, with no tier, when nothing decides them', () => {
		// a decision that does not name both tied OPDs cannot order them
		const { awards, tiers, result } = score({
			priority: [],
			decisions: [{ order: ['satpol-pp', 'bpbd'], reason: 'Keputusan lain' }]
		});
		expect(result.opds.slice(0, 2).map((o) => [o.opd, o.rank, o.tied])).toEqual([
			['bappeda', 1, true],
			['satpol-pp', 1, true]
		]);
		const explanation = 'Seri pada 92,31 antara Bappeda dan Satpol PP; belum diputuskan';
		expect(awards).toEqual([
			{
				position: 1,
				tier: 'Terbaik I',
				opds: ['bappeda', 'satpol-pp'],
				settled: false,
				decidedBy: 'unsettled',
				explanation
			},
			{
				position: 2,
				tier: 'Terbaik II',
				opds: ['bappeda', 'satpol-pp'],
				settled: false,
				decidedBy: 'unsettled',
				explanation
			},
			{
				position: 3,
				tier: 'Terbaik III',
				opds: ['bpbd'],
				settled: true,
				decidedBy: 'score',
				explanation: 'Nilai 84,62 (11 dari 13 indikator)'
			}
		]);
		expect(tiers).toEqual({
			'satpol-pp': null,
			bappeda: null,
			bpbd: 'Terbaik III',
			kasemen: null
		});
	});

	it('on the last position leave only that position open', () => {
		const { awards } = score({ priority: [], decisions: [] }, (r) => [
			...ticksExcept(r, 'satpol-pp', []),
			...ticksExcept(r, 'bappeda', ['renja']),
			// 11 of 13 each: tied for Terbaik III
			...ticksExcept(r, 'bpbd', ['renja', 'lkpd']),
			...ticksExcept(r, 'kasemen', ['renja', 'rka'])
		]);
		expect(awards.map((a) => [a.position, a.opds, a.settled])).toEqual([
			[1, ['satpol-pp'], true],
			[2, ['bappeda'], true],
			[3, ['bpbd', 'kasemen'], false]
		]);
	});

	it('combine priority and decision in a three-way tie', () => {
		// all 12 of 13; Satpol PP has Renja, Bappeda and BPBD do not; the team puts BPBD first
		const { awards } = score(
			{
				priority: ['renja'],
				decisions: [{ order: ['bpbd', 'bappeda'], reason: 'Uji akses lebih cepat' }]
			},
			(r) => [
				...ticksExcept(r, 'satpol-pp', ['lkpd']),
				...ticksExcept(r, 'bappeda', ['renja']),
				...ticksExcept(r, 'bpbd', ['renja'])
			]
		);
		expect(awards.map((a) => [a.position, a.opds, a.decidedBy])).toEqual([
			[1, ['satpol-pp'], 'priority'],
			[2, ['bpbd'], 'decision'],
			[3, ['bappeda'], 'decision']
		]);
	});

	it('can be broken by an aspect key', () => {
		const rubric: Rubric = {
			...dipRubric([
				['profil', 'Profil'],
				['struktur', 'Struktur Organisasi'],
				['maklumat', 'Maklumat Pelayanan'],
				['sop', 'SOP']
			]),
			aspects: [
				{ key: 'jenis', label: 'Jenis Informasi', stage: 'utama', share: 50 },
				{ key: 'pelayanan', label: 'Pelayanan Informasi', stage: 'utama', share: 50 }
			],
			tieBreak: { priority: ['pelayanan'], decisions: [] }
		};
		rubric.indicators = rubric.indicators.map((ind, i) => ({
			...ind,
			aspect: i < 2 ? 'jenis' : 'pelayanan'
		}));
		// A: jenis 2/2, pelayanan 0/2 = 50; B: jenis 0/2, pelayanan 2/2 = 50
		const result = scorePeriod(rubric, participants(['a', 'OPD A'], ['b', 'OPD B']), [
			...ticks(rubric, 'a', ['profil', 'struktur']),
			...ticks(rubric, 'b', ['maklumat', 'sop'])
		]);
		// The ranking follows the tie-break too: B first, with distinct ranks, no shared "1=".
		expect(result.opds.map((o) => [o.opd, o.displayTotal, o.rank, o.tied, o.tier])).toEqual([
			['b', 50, 1, false, 'Terbaik I'],
			['a', 50, 2, false, 'Terbaik II']
		]);
		expect(result.awards[0]?.explanation).toBe(
			'Seri pada 50,00; diputuskan oleh aspek prioritas Pelayanan Informasi'
		);
	});
});

describe('joinNamesId', () => {
	it.each([
		[[], ''],
		[['A'], 'A'],
		[['A', 'B'], 'A dan B'],
		[['A', 'B', 'C'], 'A, B dan C']
	])('%j → %s', (names, expected) => {
		expect(joinNamesId(names)).toBe(expected);
	});
});
