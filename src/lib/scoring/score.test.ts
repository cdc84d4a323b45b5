import { describe, expect, it } from 'vitest';
import { flatRubric } from './rubric';
import { indicatorPoints, scorePeriod } from './score';
import {
	dipRubric,
	participants,
	saqCells,
	saqRubric,
	ticks,
	ticksExcept
} from '../../../tests/support/scoring/fixtures';
import type { Cell, Indicator } from './types';

const check: Indicator = {
	key: 'renja',
	label: 'Renja',
	aspect: 'dip',
	kind: 'check',
	weight: 2,
	order: 1
};
const scale: Indicator = { ...check, key: 'kualitas', kind: 'scale', weight: 3, maxLevel: 4 };
const count: Indicator = {
	...check,
	key: 'berita',
	kind: 'count',
	weight: 3,
	pointsPerUnit: 0.5,
	cap: 3
};

describe('indicatorPoints', () => {
	it.each([
		// [indicator, value, notApplicable, points, maxPoints, met]
		['check present', check, 1, false, 2, 2, true],
		['check absent', check, 0, false, 0, 2, false],
		['check not assessed', check, null, false, 0, 2, false],
		['check not applicable', check, 1, true, 0, 0, false],
		// 3 × 3 / 4 = 2.25
		['scale level 3 of 4', scale, 3, false, 2.25, 3, true],
		['scale top level', scale, 4, false, 3, 3, true],
		['scale level 0', scale, 0, false, 0, 3, false],
		['scale above the top is clamped', scale, 6, false, 3, 3, true],
		['scale below 0 is clamped', scale, -1, false, 0, 3, false],
		['scale not applicable', scale, 4, true, 0, 0, false],
		// 4 × 0.5 = 2
		['count under the cap', count, 4, false, 2, 3, true],
		// 7 × 0.5 = 3.5, capped at 3
		['count over the cap', count, 7, false, 3, 3, true],
		['count zero', count, 0, false, 0, 3, false],
		['count negative', count, -2, false, 0, 3, false],
		['count not assessed', count, null, false, 0, 3, false]
	] as const)('%s', (_name, ind, value, notApplicable, points, maxPoints, met) => {
		const score = indicatorPoints(ind, { value, notApplicable });
		expect(score).toEqual({ key: ind.key, value, notApplicable, points, maxPoints, met });
	});

	it('treats a missing cell as not assessed', () => {
		expect(indicatorPoints(check, undefined)).toEqual({
			key: 'renja',
			value: null,
			notApplicable: false,
			points: 0,
			maxPoints: 2,
			met: false
		});
	});
});

describe('scorePeriod on a flat DIP rubric', () => {
	const rubric = dipRubric();

	it('scores ticks as points over 13 and keeps total === percent', () => {
		const cells = ticksExcept(rubric, 'bappeda', ['lhkpn', 'sop', 'regulasi', 'lkpd']);
		const [opd] = scorePeriod(rubric, participants(['bappeda', 'Bappeda']), cells).opds;
		// 9 of 13 = 69.2307…%
		expect(opd).toMatchObject({
			score: 9,
			maxScore: 13,
			displayTotal: 69.23,
			indicatorsMet: 9,
			indicatorsApplicable: 13,
			rank: 1,
			tied: false,
			qualification: 'Cukup Informatif',
			tier: 'Terbaik I',
			stoppedAtStage: null
		});
		expect(opd?.percent).toBe((9 / 13) * 100);
		expect(opd?.total).toBe(opd?.percent);
		expect(opd?.stages).toEqual([
			{ key: 'utama', score: opd?.percent, contribution: opd?.percent, reached: true, passed: true }
		]);
	});

	it('returns nothing for a period without participants', () => {
		const result = scorePeriod(rubric, [], ticks(rubric, 'ghost', ['renja']));
		expect(result.opds).toEqual([]);
		expect(result.awards).toEqual([]);
		expect(result.rubric).toBe(rubric);
	});

	it('scores an OPD without assessments 0 and still ranks it', () => {
		const result = scorePeriod(
			rubric,
			participants(['kasemen', 'Kecamatan Kasemen'], ['satpol-pp', 'Satpol PP']),
			ticksExcept(rubric, 'satpol-pp', [])
		);
		expect(result.opds.map((o) => [o.opd, o.rank, o.displayTotal, o.tier])).toEqual([
			['satpol-pp', 1, 100, 'Terbaik I'],
			['kasemen', 2, 0, null]
		]);
		const kasemen = result.opds[1];
		// never assessed: nothing earned, but all 13 indicators stay in the maximum
		expect(kasemen).toMatchObject({
			score: 0,
			maxScore: 13,
			indicatorsMet: 0,
			indicatorsApplicable: 13,
			qualification: 'Tidak Informatif'
		});
		expect(kasemen?.indicators.every((i) => i.value === null && i.maxPoints === 1)).toBe(true);
	});

	it('takes not-applicable cells out of the maximum and never counts them as met', () => {
		const cells: Cell[] = [
			...ticksExcept(rubric, 'kasemen', ['lkpd', 'rka', 'dpa']),
			// a kecamatan has no LHKPN of its own; the 1 typed in must not count
			{ opd: 'kasemen', indicator: 'lhkpn', value: 1, notApplicable: true }
		];
		const [opd] = scorePeriod(rubric, participants(['kasemen', 'Kec. Kasemen']), cells).opds;
		// 13 − 1 not applicable = 12 possible; 12 − 3 missing = 9 earned; 9 / 12 = 75%
		expect(opd).toMatchObject({
			score: 9,
			maxScore: 12,
			displayTotal: 75,
			indicatorsMet: 9,
			indicatorsApplicable: 12
		});
		expect(opd?.indicators.find((i) => i.key === 'lhkpn')).toEqual({
			key: 'lhkpn',
			value: 1,
			notApplicable: true,
			points: 0,
			maxPoints: 0,
			met: false
		});
	});

	it('ignores cells of unknown OPDs and indicators', () => {
		const cells: Cell[] = [
			...ticks(rubric, 'bpbd', ['renja']),
			{ opd: 'bpbd', indicator: 'tidak-ada', value: 1 },
			{ opd: 'dinas-lain', indicator: 'profil', value: 1 }
		];
		const result = scorePeriod(rubric, participants(['bpbd', 'BPBD']), cells);
		expect(result.opds.map((o) => [o.opd, o.score, o.maxScore])).toEqual([['bpbd', 1, 13]]);
	});

	it('uses the last cell when an indicator is assessed twice', () => {
		const cells: Cell[] = [
			{ opd: 'bpbd', indicator: 'renja', value: 1 },
			{ opd: 'bpbd', indicator: 'renja', value: 0 }
		];
		expect(scorePeriod(rubric, participants(['bpbd', 'BPBD']), cells).opds[0]?.score).toBe(0);
	});

	it('scores a participant listed twice once', () => {
		const list = participants(['bpbd', 'BPBD'], ['bpbd', 'BPBD (ganda)']);
		expect(scorePeriod(rubric, list, []).opds.map((o) => o.name)).toEqual(['BPBD']);
	});
});

describe('a flat total is exactly the percent', () => {
	// For these k of n, (k / n × 100) × 100 / 100 is not k / n × 100 in floating point: a stage
	// share of 100 applied naively would move the total off the percent by one ulp.
	it.each([
		[7, 12],
		[1, 15],
		[2, 17],
		[25, 26]
	])('%d of %d', (k, n) => {
		const rubric = flatRubric(
			Array.from({ length: n }, (_, i) => ({ key: `k${i}`, label: `Kategori ${i + 1}` }))
		);
		const met = rubric.indicators.slice(0, k).map((i) => i.key);
		const [opd] = scorePeriod(rubric, participants(['a', 'A']), ticks(rubric, 'a', met)).opds;
		expect(opd?.percent).toBe((k / n) * 100);
		expect(opd?.total).toBe(opd?.percent);
	});
});

describe('weights that add up to nothing round', () => {
	// 0.7 + 1.3 + 2.9 = 4.9
	const rubric = flatRubric([
		{ key: 'a', label: 'A', weight: 0.7 },
		{ key: 'b', label: 'B', weight: 1.3 },
		{ key: 'c', label: 'C', weight: 2.9 }
	]);
	const list = participants(['p1', 'OPD 1'], ['p2', 'OPD 2'], ['p3', 'OPD 3'], ['p4', 'OPD 4']);
	const cells = [
		...ticks(rubric, 'p1', ['a', 'c']),
		...ticks(rubric, 'p2', ['b']),
		...ticks(rubric, 'p3', ['a', 'b', 'c']),
		...ticks(rubric, 'p4', [])
	];

	it.each([
		// 4.9 / 4.9 = exactly 100
		['p3', 100, 'Informatif'],
		// (0.7 + 2.9) / 4.9 = 3.6 / 4.9 = 73.469…%
		['p1', 73.47, 'Cukup Informatif'],
		// 1.3 / 4.9 = 26.530…%
		['p2', 26.53, 'Tidak Informatif'],
		['p4', 0, 'Tidak Informatif']
	])('%s shows %d (%s)', (key, displayTotal, qualification) => {
		const opd = scorePeriod(rubric, list, cells).opds.find((o) => o.opd === key);
		expect(opd?.displayTotal).toBe(displayTotal);
		expect(opd?.qualification).toBe(qualification);
		expect(opd?.maxScore).toBeCloseTo(4.9, 12);
	});
});

describe('rounding decides the band', () => {
	it.each([
		// 17999 / 20000 = 89.995% → 90.00 → Informatif (toFixed would give 89.99)
		[17999, 2001, 90, 'Informatif'],
		// 8999 / 10000 = 89.99% → Menuju Informatif
		[8999, 1001, 89.99, 'Menuju Informatif'],
		// 7999.5 / 10000 = 79.995% → 80.00 → Menuju Informatif
		[7999.5, 2000.5, 80, 'Menuju Informatif'],
		// 5999 / 10000 = 59.99% → Kurang Informatif
		[5999, 4001, 59.99, 'Kurang Informatif']
	])('earning %d of %d + %d', (earned, rest, displayTotal, qualification) => {
		const rubric = flatRubric([
			{ key: 'x', label: 'X', weight: earned },
			{ key: 'y', label: 'Y', weight: rest }
		]);
		const [opd] = scorePeriod(rubric, participants(['a', 'A']), ticks(rubric, 'a', ['x'])).opds;
		expect(opd?.displayTotal).toBe(displayTotal);
		expect(opd?.qualification).toBe(qualification);
	});
});

describe('hierarchical rubric with a minimum to proceed', () => {
	const rubric = saqRubric();
	const list = participants(['a', 'OPD A'], ['b', 'OPD B'], ['c', 'OPD C']);
	const cells = [
		// every aspect 79.99% → SAQ 79.99 < 80: stops, the perfect visit does not count
		...saqCells('a', [7999, 7999, 7999, 7999, 7999, 7999], 4),
		// 100% × 40 + 50% × 20 + 75% × 10 × 4 = 40 + 10 + 30 = 80 → visited; visit 2/4 = 50
		...saqCells('b', [10000, 5000, 7500, 7500, 7500, 7500], 2),
		// 80% × 40 + 79.98% × 20 + 80% × 10 × 4 = 32 + 15.996 + 32 = 79.996 → shows 80.00 → visited
		...saqCells('c', [8000, 7998, 8000, 8000, 8000, 8000], 4)
	];
	const result = scorePeriod(rubric, list, cells);
	const byKey = (key: string) => result.opds.find((o) => o.opd === key);

	it('stops an OPD at 79.99 in the SAQ: 0 in the visit, total 79.99 × 80% = 63.99', () => {
		const a = byKey('a');
		expect(a?.stoppedAtStage).toBe('saq');
		expect(a?.stages.map((s) => [s.key, s.reached, s.passed])).toEqual([
			['saq', true, false],
			['visitasi', false, false]
		]);
		expect(a?.stages[0]?.score).toBeCloseTo(79.99, 10);
		expect(a?.stages[1]?.score).toBe(0);
		expect(a?.stages[1]?.contribution).toBe(0);
		// 79.99 × 0.8 = 63.992
		expect(a?.total).toBeCloseTo(63.992, 10);
		expect(a?.displayTotal).toBe(63.99);
		expect(a?.qualification).toBe('Cukup Informatif');
		// the aspects show their share of the SAQ: 79.99% × 40 = 31.996 …
		expect(a?.aspects.map((x) => roundMicro(x.contribution))).toEqual([
			31.996, 15.998, 7.999, 7.999, 7.999, 7.999, 0
		]);
	});

	it('lets an OPD at exactly 80 through: 80 × 80% + 50 × 20% = 74', () => {
		const b = byKey('b');
		expect(b?.stoppedAtStage).toBeNull();
		expect(b?.stages.map((s) => [s.key, s.score, s.reached, s.passed])).toEqual([
			['saq', 80, true, true],
			['visitasi', 50, true, true]
		]);
		expect(b?.displayTotal).toBe(74);
	});

	it('compares the minimum on the rounded stage score: 79.996 shows 80.00 and passes', () => {
		const c = byKey('c');
		expect(c?.stoppedAtStage).toBeNull();
		// 79.996 × 0.8 + 100 × 0.2 = 63.9968 + 20 = 83.9968
		expect(c?.total).toBeCloseTo(83.9968, 10);
		expect(c?.displayTotal).toBe(84);
		expect(c?.qualification).toBe('Menuju Informatif');
	});

	it('ranks on the weighted total', () => {
		expect(result.opds.map((o) => [o.opd, o.rank, o.tier])).toEqual([
			['c', 1, 'Terbaik I'],
			['b', 2, 'Terbaik II'],
			['a', 3, 'Terbaik III']
		]);
	});
});

/** Strips float noise for an exact comparison of contributions like 31.996. */
function roundMicro(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}

describe('cells as columns', () => {
	it('score exactly as the same cells as objects: null, not applicable, repeats, unknowns', () => {
		const rubric = flatRubric([check, scale, count].map((ind, i) => ({ ...ind, order: i + 1 })));
		const people = [
			{ key: 'a', name: 'A' },
			{ key: 'b', name: 'B' },
			{ key: 'c', name: 'C' }
		];
		const cells: Cell[] = [
			{ opd: 'a', indicator: 'renja', value: 1 },
			{ opd: 'a', indicator: 'kualitas', value: 3 },
			{ opd: 'a', indicator: 'berita', value: 2.5 },
			{ opd: 'b', indicator: 'renja', value: null, notApplicable: true },
			{ opd: 'b', indicator: 'kualitas', value: null },
			{ opd: 'b', indicator: 'berita', value: 9 },
			{ opd: 'b', indicator: 'berita', value: 1 },
			{ opd: 'b', indicator: 'unknown', value: 1 },
			{ opd: 'zz', indicator: 'renja', value: 1 }
		];
		const columns = {
			opd: cells.map((c) => c.opd),
			indicator: cells.map((c) => c.indicator),
			value: cells.map((c) => c.value),
			notApplicable: cells.map((c) => c.notApplicable === true)
		};
		const fromColumns = scorePeriod(rubric, people, columns);
		expect(fromColumns).toEqual(scorePeriod(rubric, people, cells));
		const b = fromColumns.opds.find((r) => r.opd === 'b')!;
		expect(b.indicators.map((s) => [s.points, s.maxPoints, s.notApplicable])).toEqual([
			[0, 0, true],
			[0, 3, false],
			[0.5, 3, false]
		]);
	});
});

describe('indicator scores shared between cells', () => {
	const rubric = flatRubric([check, scale, count].map((ind, i) => ({ ...ind, order: i + 1 })));
	// 200 OPDs: every value of 0..99 for the count (more than the scores kept per indicator),
	// the scale and check cycling, every fifth check not applicable, -0 and NaN among them.
	const people = Array.from({ length: 200 }, (_, i) => ({ key: `o${i}`, name: `O ${i}` }));
	const cells: Cell[] = people.flatMap((p, i) => [
		{
			opd: p.key,
			indicator: 'renja',
			value: i % 3 === 0 ? null : i % 2,
			notApplicable: i % 5 === 0
		},
		{ opd: p.key, indicator: 'kualitas', value: i === 7 ? -0 : i === 8 ? NaN : i % 5 },
		{ opd: p.key, indicator: 'berita', value: i % 100 }
	]);
	const result = scorePeriod(rubric, people, cells);

	it('each is exactly what indicatorPoints gives its cell', () => {
		const byKey = new Map(rubric.indicators.map((ind) => [ind.key, ind]));
		for (const cell of cells) {
			const own = result.opds.find((o) => o.opd === cell.opd)!;
			const score = own.indicators.find((s) => s.key === cell.indicator)!;
			const alone = indicatorPoints(byKey.get(cell.indicator)!, cell);
			expect(score).toEqual({ ...alone, notApplicable: cell.notApplicable === true });
			expect(Object.is(score.value, cell.value ?? null), `${cell.opd} ${cell.indicator}`).toBe(
				true
			);
		}
	});

	it('the same indicator, value and flag share one frozen object', () => {
		const first = result.opds.find((o) => o.opd === 'o1')!.indicators[0]!;
		const same = result.opds.find((o) => o.opd === 'o7')!.indicators[0]!;
		expect(same).toBe(first);
		expect(Object.isFrozen(first)).toBe(true);
		expect(() => {
			(first as { points: number }).points = 5;
		}).toThrow(TypeError);
	});
});
