import { describe, expect, it } from 'vitest';
import {
	awardGroups,
	awardGroupsProblems,
	groupsFromLabels,
	romanNumeral,
	tierLabels
} from './award-groups';
import { scorePeriod } from './score';
import { dipRubric, participants, ticksExcept } from '../../../tests/support/scoring/fixtures';
import type { AwardGroupsConfig, Cell, Rubric, TieBreak } from './types';

const KINDS: Record<string, string> = {
	'satpol-pp': 'lainnya',
	diskominfo: 'dinas',
	dinkes: 'dinas',
	dishub: 'dinas',
	bpbd: 'badan',
	kasemen: 'kecamatan',
	walantaka: 'kecamatan'
};
const kindOf = (opd: string) => KINDS[opd];

const list = participants(
	['satpol-pp', 'Satpol PP'],
	['diskominfo', 'Diskominfo'],
	['dinkes', 'Dinkes'],
	['dishub', 'Dishub'],
	['bpbd', 'BPBD'],
	['kasemen', 'Kecamatan Kasemen'],
	['walantaka', 'Kecamatan Walantaka']
);

/** Missing categories per OPD: Satpol PP 13/13, Diskominfo and Kasemen 12/13, Dinkes 11, … */
const MISSING: Record<string, string[]> = {
	'satpol-pp': [],
	diskominfo: ['renja'],
	dinkes: ['renja', 'lkpd'],
	dishub: ['renja', 'lkpd', 'rka'],
	bpbd: ['renja', 'lkpd', 'rka', 'renstra'],
	kasemen: ['lkpd'],
	walantaka: ['renja', 'lkpd', 'rka', 'renstra', 'lakip']
};

function run(
	config: AwardGroupsConfig | undefined,
	missing: Record<string, string[]> = MISSING,
	tieBreak: TieBreak = { priority: [], decisions: [] }
) {
	const base = dipRubric(undefined, { tieBreak });
	const rubric: Rubric = config ? { ...base, awardGroups: config } : base;
	const cells: Cell[] = Object.entries(missing).flatMap(([opd, miss]) =>
		ticksExcept(rubric, opd, miss)
	);
	const result = scorePeriod(rubric, list, cells);
	return { result, groups: awardGroups(rubric, result.opds, kindOf) };
}

const PER_KIND: AwardGroupsConfig = {
	groups: groupsFromLabels([
		{ kind: 'dinas', label: 'Dinas' },
		{ kind: 'badan', label: 'Badan dan lainnya' },
		{ kind: 'kecamatan', label: 'Kecamatan' },
		{ kind: 'sekretariat', label: 'Dinas' },
		{ kind: 'lainnya', label: 'badan dan lainnya ' }
	]),
	best: 1,
	runnersUp: 1
};

/** Each group's positions as "tier: opd, opd". */
const positions = (groups: ReturnType<typeof run>['groups']) =>
	Object.fromEntries(
		groups.map((g) => [g.key, g.awards.map((a) => `${a.tier}: ${a.opds.join(', ')}`)])
	);

describe('award groups', () => {
	it('without a grouping gives one group whose positions are the podium', () => {
		const { result, groups } = run(undefined);
		expect(groups).toHaveLength(1);
		expect(groups[0]!.key).toBe('semua');
		expect(groups[0]!.tiers).toEqual(['Terbaik I', 'Terbaik II', 'Terbaik III']);
		expect(groups[0]!.awards).toEqual(result.awards);
		expect(groups[0]!.ranking.map((p) => [p.opd, p.rank])).toEqual(
			result.opds.map((o) => [o.opd, o.rank])
		);
		expect(groups[0]!.kinds.sort()).toEqual(['badan', 'dinas', 'kecamatan', 'lainnya']);
	});

	it.each([
		[
			'one Terbaik and one Harapan per group',
			{ best: 1, runnersUp: 1 },
			{
				dinas: ['Terbaik I: diskominfo', 'Harapan I: dinkes'],
				'badan-dan-lainnya': ['Terbaik I: satpol-pp', 'Harapan I: bpbd'],
				kecamatan: ['Terbaik I: kasemen', 'Harapan I: walantaka']
			}
		],
		[
			'three Terbaik, no Harapan: a group gives no more positions than it has OPDs',
			{ best: 3, runnersUp: 0 },
			{
				dinas: ['Terbaik I: diskominfo', 'Terbaik II: dinkes', 'Terbaik III: dishub'],
				'badan-dan-lainnya': ['Terbaik I: satpol-pp', 'Terbaik II: bpbd'],
				kecamatan: ['Terbaik I: kasemen', 'Terbaik II: walantaka']
			}
		],
		[
			'no Terbaik, two Harapan',
			{ best: 0, runnersUp: 2 },
			{
				dinas: ['Harapan I: diskominfo', 'Harapan II: dinkes'],
				'badan-dan-lainnya': ['Harapan I: satpol-pp', 'Harapan II: bpbd'],
				kecamatan: ['Harapan I: kasemen', 'Harapan II: walantaka']
			}
		]
	])('ranks per kind: %s', (_name, tiers, expected) => {
		const { groups } = run({ ...PER_KIND, ...tiers });
		expect(groups.map((g) => [g.label, g.kinds])).toEqual([
			['Dinas', ['dinas', 'sekretariat']],
			['Badan dan lainnya', ['badan', 'lainnya']],
			['Kecamatan', ['kecamatan']]
		]);
		expect(positions(groups)).toEqual(expected);
	});

	it('ranks inside the group: the period order, ranks restarting at 1', () => {
		const { groups } = run(PER_KIND);
		expect(groups[0]!.ranking).toEqual([
			{ opd: 'diskominfo', rank: 1, tied: false },
			{ opd: 'dinkes', rank: 2, tied: false },
			{ opd: 'dishub', rank: 3, tied: false }
		]);
	});

	it('leaves a tie open in the group: both OPDs share the rank and each position it covers', () => {
		const { groups } = run(PER_KIND, { ...MISSING, dinkes: ['renja'] });
		const dinas = groups[0]!;
		expect(dinas.ranking.map((p) => [p.opd, p.rank, p.tied])).toEqual([
			['dinkes', 1, true],
			['diskominfo', 1, true],
			['dishub', 3, false]
		]);
		expect(dinas.awards.map((a) => [a.tier, a.opds, a.settled])).toEqual([
			['Terbaik I', ['dinkes', 'diskominfo'], false],
			['Harapan I', ['dinkes', 'diskominfo'], false]
		]);
	});

	it('applies a recorded tie decision in the group as in the period: one order', () => {
		const decision = { order: ['diskominfo', 'dinkes'], reason: 'Dokumen lebih lengkap' };
		const { result, groups } = run(
			PER_KIND,
			{ ...MISSING, dinkes: ['renja'] },
			{ priority: [], decisions: [decision] }
		);
		// Overall Kasemen is level with both (12 of 13) and the decision does not name it: the
		// period leaves the three level; in the group only the two decided OPDs are level.
		expect(result.opds.filter((o) => o.rank === 2).map((o) => o.opd)).toEqual([
			'dinkes',
			'diskominfo',
			'kasemen'
		]);
		expect(groups[0]!.ranking.map((p) => [p.opd, p.rank, p.tied])).toEqual([
			['diskominfo', 1, false],
			['dinkes', 2, false],
			['dishub', 3, false]
		]);
		expect(positions(groups).dinas).toEqual(['Terbaik I: diskominfo', 'Harapan I: dinkes']);
		expect(groups[0]!.awards[0]!.decidedBy).toBe('decision');
	});

	it('a tie decision over three OPDs also orders two of them in their group', () => {
		const decision = { order: ['kasemen', 'diskominfo', 'dinkes'], reason: 'Rapat pleno' };
		const { groups } = run(
			PER_KIND,
			{ ...MISSING, dinkes: ['renja'] },
			{ priority: [], decisions: [decision] }
		);
		expect(groups[0]!.ranking.map((p) => [p.opd, p.rank])).toEqual([
			['diskominfo', 1],
			['dinkes', 2],
			['dishub', 3]
		]);
	});

	it('gives no award to an OPD showing 0', () => {
		const zero = dipRubric().indicators.map((i) => i.key);
		const { groups } = run(PER_KIND, { ...MISSING, walantaka: zero });
		expect(positions(groups).kecamatan).toEqual(['Terbaik I: kasemen']);
		expect(groups[2]!.ranking.map((p) => p.opd)).toEqual(['kasemen', 'walantaka']);
	});

	it('lists OPDs left out in the group of their kind, never ranked', () => {
		const rubric = { ...dipRubric(), awardGroups: PER_KIND };
		const result = scorePeriod(rubric, list.slice(0, 2), []);
		const groups = awardGroups(rubric, result.opds, kindOf, [
			{ opd: 'kasemen', kind: 'kecamatan' },
			{ opd: 'setda', kind: 'sekretariat' }
		]);
		expect(groups.map((g) => [g.key, g.notRated])).toEqual([
			['dinas', ['setda']],
			['badan-dan-lainnya', []],
			['kecamatan', ['kasemen']]
		]);
		expect(groups[2]!.ranking).toEqual([]);
		expect(groups[2]!.awards).toEqual([]);
		expect(groups.every((g) => !('notParticipating' in g))).toBe(true);
	});

	it('lists "tidak dinilai" and "tidak berpartisipasi" apart, neither ranked nor awarded', () => {
		const rubric = { ...dipRubric(), awardGroups: PER_KIND };
		const rated = list.filter((p) => p.key !== 'dinkes' && p.key !== 'walantaka');
		const cells = rated.flatMap((p) => ticksExcept(rubric, p.key, MISSING[p.key] ?? []));
		const result = scorePeriod(rubric, rated, cells);
		const groups = awardGroups(rubric, result.opds, kindOf, [
			{ opd: 'dinkes', kind: 'dinas', notRatedKind: 'tidak dinilai' },
			{ opd: 'walantaka', kind: 'kecamatan', notRatedKind: 'tidak berpartisipasi' },
			{ opd: 'setda', kind: 'sekretariat', notRatedKind: 'tidak berpartisipasi' }
		]);
		const byKey = Object.fromEntries(groups.map((g) => [g.key, g]));
		expect([byKey.dinas!.notRated, byKey.dinas!.notParticipating]).toEqual([['dinkes'], ['setda']]);
		expect([byKey.kecamatan!.notRated, byKey.kecamatan!.notParticipating]).toEqual([
			[],
			['walantaka']
		]);
		const placed = groups.flatMap((g) => [
			...g.ranking.map((p) => p.opd),
			...g.awards.flatMap((a) => a.opds)
		]);
		for (const out of ['dinkes', 'walantaka', 'setda']) expect(placed).not.toContain(out);
		expect(byKey.kecamatan!.ranking.map((p) => p.opd)).toEqual(['kasemen']);
	});
});

describe('tier labels', () => {
	it.each([
		[1, 'I'],
		[2, 'II'],
		[3, 'III'],
		[4, 'IV'],
		[5, 'V'],
		[9, 'IX'],
		[10, 'X']
	])('%i is %s', (n, roman) => expect(romanNumeral(n)).toBe(roman));

	it.each([
		[3, 3, ['Terbaik I', 'Terbaik II', 'Terbaik III', 'Harapan I', 'Harapan II', 'Harapan III']],
		[1, 0, ['Terbaik I']],
		[0, 2, ['Harapan I', 'Harapan II']]
	])('%i Terbaik and %i Harapan', (best, runnersUp, labels) =>
		expect(tierLabels(best, runnersUp)).toEqual(labels)
	);
});

describe('grouping problems', () => {
	const kinds = ['dinas', 'badan', 'kecamatan'];
	const groups = groupsFromLabels([
		{ kind: 'dinas', label: 'OPD' },
		{ kind: 'badan', label: 'OPD' },
		{ kind: 'kecamatan', label: 'Kecamatan' }
	]);
	it.each([
		['a valid grouping', { groups, best: 3, runnersUp: 3 }, []],
		[
			'no position at all',
			{ groups, best: 0, runnersUp: 0 },
			['Setiap kelompok memberi sedikitnya satu penghargaan.']
		],
		[
			'too many positions',
			{ groups, best: 11, runnersUp: 0 },
			['Jumlah Terbaik dan Harapan masing-masing 0 sampai 10.']
		],
		[
			'a kind in no group',
			{ groups: groups.slice(0, 1), best: 1, runnersUp: 0 },
			['Jenis OPD tanpa kelompok: kecamatan.']
		],
		[
			'a kind in two groups',
			{
				groups: [...groups, { key: 'x', label: 'X', kinds: ['dinas'] }],
				best: 1,
				runnersUp: 0
			},
			['Jenis OPD di lebih dari satu kelompok: dinas.']
		]
	])('%s', (_name, config, problems) => {
		expect(awardGroupsProblems(config, kinds)).toEqual(problems);
	});

	it('gives labels that slug alike distinct keys', () => {
		expect(
			groupsFromLabels([
				{ kind: 'dinas', label: 'Dinas/Badan' },
				{ kind: 'badan', label: 'Dinas Badan' }
			]).map((g) => g.key)
		).toEqual(['dinas-badan', 'dinas-badan-2']);
	});
});
