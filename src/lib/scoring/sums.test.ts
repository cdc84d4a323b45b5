import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scorePeriod } from './score';
import { aspectMaxPoints, rankFromSums, sumCells, type OpdSums } from './sums';
import { randomPeriod } from '../../../tests/support/scoring/arbitraries';
import {
	dipRubric,
	participants,
	saqCells,
	saqRubric,
	ticks,
	ticksExcept
} from '../../../tests/support/scoring/fixtures';
import { expectSameRanking } from '../../../tests/support/scoring/equivalence';
import type { Cell, Rubric } from './types';

/** The sums of every OPD from its cells, as the database aggregate adds them up. */
function sumsOfCells(rubric: Rubric, cells: Cell[]): (opd: string) => OpdSums | undefined {
	const byOpd = new Map<string, Map<string, Cell>>();
	for (const cell of cells) {
		if (!byOpd.has(cell.opd)) byOpd.set(cell.opd, new Map());
		byOpd.get(cell.opd)!.set(cell.indicator, cell);
	}
	return (opd) => {
		const own = byOpd.get(opd);
		return own ? sumCells(rubric, (key) => own.get(key)) : undefined;
	};
}

const rubric = dipRubric();
const five = participants(
	['a', 'Dinas A'],
	['b', 'Badan B'],
	['c', 'Kecamatan C'],
	['d', 'Dinas D'],
	['e', 'Sekretariat E']
);

describe('sumCells', () => {
	it('adds points and points possible per aspect, leaving not-applicable cells out', () => {
		const cells = new Map<string, Cell>([
			['profil', { opd: 'a', indicator: 'profil', value: 1 }],
			['renja', { opd: 'a', indicator: 'renja', value: null, notApplicable: true }],
			['lakip', { opd: 'a', indicator: 'lakip', value: 0 }]
		]);
		expect(sumCells(rubric, (k) => cells.get(k))).toMatchObject({
			aspects: { dip: { points: 1, maxPoints: 12 } },
			indicatorsMet: 1,
			indicatorsApplicable: 12
		});
	});

	it('gives the maximum of every aspect for an OPD without cells', () => {
		expect(aspectMaxPoints(saqRubric())).toEqual(
			new Map([
				['jenis', 10000],
				['digitalisasi', 10000],
				['kualitas', 10000],
				['pelayanan', 10000],
				['komitmen', 10000],
				['sarana', 10000],
				['visitasi', 100]
			])
		);
	});
});

describe('rankFromSums', () => {
	it.each([
		[
			'a flat DIP matrix with ties',
			rubric,
			[
				...ticksExcept(rubric, 'a', []),
				...ticksExcept(rubric, 'b', ['renja']),
				...ticksExcept(rubric, 'c', ['renja']),
				...ticks(rubric, 'd', ['profil'])
			]
		],
		[
			'a priority list on an indicator',
			dipRubric(undefined, {
				tieBreak: { priority: ['renja'], decisions: [] }
			}),
			[
				...ticksExcept(rubric, 'a', ['renja']),
				...ticksExcept(rubric, 'b', ['lakip']),
				...ticksExcept(rubric, 'c', ['profil'])
			]
		],
		[
			'a team decision',
			dipRubric(undefined, {
				tieBreak: { priority: [], decisions: [{ order: ['c', 'a'], reason: 'kunjungan' }] }
			}),
			[...ticksExcept(rubric, 'a', []), ...ticksExcept(rubric, 'c', [])]
		],
		[
			'weighted stages with a minimum',
			saqRubric(),
			[
				...saqCells('a', [9000, 9000, 9000, 9000, 9000, 9000], 4),
				...saqCells('b', [7000, 9000, 9000, 9000, 9000, 9000], 4),
				...saqCells('c', [10000, 10000, 10000, 10000, 10000, 10000], 2),
				...saqCells('d', [8000, 8000, 8000, 8000, 8000, 8000], null)
			]
		]
	] as const)('ranks %s as the full engine does', (_name, r, cells) => {
		const full = scorePeriod(r, five, [...cells]);
		const summary = rankFromSums(r, five, sumsOfCells(r, [...cells]));
		expectSameRanking(summary, full);
	});

	it('ranks an OPD without cells at 0 with every indicator applicable', () => {
		const summary = rankFromSums(rubric, five, () => undefined);
		expect(summary.opds[0]).toMatchObject({
			score: 0,
			maxScore: 13,
			displayTotal: 0,
			indicatorsApplicable: 13,
			qualification: 'Tidak Informatif'
		});
		expect(summary.awards).toEqual([]);
	});

	it('stops an OPD below a stage minimum and reports where', () => {
		const r = saqRubric();
		const cells = saqCells('a', [7000, 7000, 7000, 7000, 7000, 7000], 4);
		const [a] = rankFromSums(r, five.slice(0, 1), sumsOfCells(r, cells)).opds;
		expect(a).toMatchObject({ stoppedAtStage: 'saq', displayTotal: 56 });
		expect(a!.stages.map((s) => s.reached)).toEqual([true, false]);
	});

	it('equals the full engine on random rubrics and cells (property)', () => {
		fc.assert(
			fc.property(randomPeriod, ({ rubric: r, participants: p, cells }) => {
				expectSameRanking(rankFromSums(r, p, sumsOfCells(r, cells)), scorePeriod(r, p, cells));
			}),
			{ numRuns: 500 }
		);
	});

	it('ranks OPDs sharing one frozen aspects record as with a record each (property)', () => {
		fc.assert(
			fc.property(randomPeriod, ({ rubric: r, participants: p, cells }) => {
				const fresh = sumsOfCells(r, cells);
				const records = new Map<string, OpdSums['aspects']>();
				const shared = (opd: string): OpdSums | undefined => {
					const sums = fresh(opd);
					if (!sums) return undefined;
					const key = JSON.stringify(sums.aspects);
					let record = records.get(key);
					if (!record) {
						for (const sum of Object.values(sums.aspects)) Object.freeze(sum);
						records.set(key, (record = Object.freeze(sums.aspects)));
					}
					return { ...sums, aspects: record };
				};
				expect(rankFromSums(r, p, shared)).toEqual(rankFromSums(r, p, fresh));
			}),
			{ numRuns: 200 }
		);
	});

	it('reads an aspects record that is not frozen anew for every OPD', () => {
		const cells = [...ticksExcept(rubric, 'a', []), ...ticks(rubric, 'b', ['profil', 'renja'])];
		const fresh = sumsOfCells(rubric, cells);
		// One record, overwritten before each answer: every OPD must get the sums it was given.
		const reused: OpdSums['aspects'] = {};
		const overwritten = (opd: string): OpdSums | undefined => {
			const sums = fresh(opd);
			if (!sums) return undefined;
			for (const key of Object.keys(reused)) delete reused[key];
			for (const [key, sum] of Object.entries(sums.aspects)) reused[key] = { ...sum };
			return { ...sums, aspects: reused };
		};
		expect(rankFromSums(rubric, five, overwritten)).toEqual(rankFromSums(rubric, five, fresh));
	});

	it('ranks a participant listed twice once, where first listed', () => {
		const cells = [...ticksExcept(rubric, 'a', []), ...ticks(rubric, 'b', ['profil'])];
		const twice = [...five.slice(0, 2), { key: 'a', name: 'Dinas A lagi' }, ...five.slice(2)];
		const summary = rankFromSums(rubric, twice, sumsOfCells(rubric, cells));
		expect(summary).toEqual(rankFromSums(rubric, five, sumsOfCells(rubric, cells)));
		expect(summary.opds.filter((o) => o.opd === 'a').map((o) => o.name)).toEqual(['Dinas A']);
	});
});
