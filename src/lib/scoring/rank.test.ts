import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS, flatRubric } from './rubric';
import { compareByName, qualify, rankInPlace } from './rank';
import { scorePeriod } from './score';
import {
	dipRubric,
	participants,
	ticks,
	ticksExcept
} from '../../../tests/support/scoring/fixtures';

describe('competition ranking', () => {
	const rubric = dipRubric();

	it('gives three OPDs at 92.31 rank 1 and the next one rank 4, ties sorted by name', () => {
		const result = scorePeriod(
			rubric,
			participants(
				['diskominfo', 'Diskominfo'],
				['bpbd', 'BPBD'],
				['inspektorat', 'Inspektorat'],
				['bappeda', 'Bappeda']
			),
			[
				// 12 of 13 = 92.31 each, each missing a different category
				...ticksExcept(rubric, 'diskominfo', ['lkpd']),
				...ticksExcept(rubric, 'bpbd', ['renja']),
				...ticksExcept(rubric, 'bappeda', ['sop']),
				// 9 of 13 = 69.23
				...ticksExcept(rubric, 'inspektorat', ['lkpd', 'rka', 'dpa', 'lhkpn'])
			]
		);
		// Indonesian collation: "Bappeda" before "BPBD" (a < p ignoring case; code units say B-P first)
		expect(result.opds.map((o) => [o.name, o.displayTotal, o.rank, o.tied])).toEqual([
			['Bappeda', 92.31, 1, true],
			['BPBD', 92.31, 1, true],
			['Diskominfo', 92.31, 1, true],
			['Inspektorat', 69.23, 4, false]
		]);
	});

	it('ties on the displayed total even when the unrounded totals differ', () => {
		// A: 6 666 667 of 10 000 000 = 66.66667%; B: 2 of 3 = 66.666…%; both show 66.67
		const mixed = flatRubric([
			{ key: 'x', label: 'X', weight: 6666667 },
			{ key: 'y', label: 'Y', weight: 3333333 },
			{ key: 'p', label: 'P', weight: 1 },
			{ key: 'q', label: 'Q', weight: 1 },
			{ key: 'r', label: 'R', weight: 1 }
		]);
		const na = (opd: string, keys: string[]) =>
			keys.map((indicator) => ({ opd, indicator, value: null, notApplicable: true }));
		const result = scorePeriod(
			mixed,
			participants(['b', 'OPD B'], ['a', 'OPD A'], ['c', 'OPD C']),
			[
				{ opd: 'a', indicator: 'x', value: 1 },
				{ opd: 'a', indicator: 'y', value: 0 },
				...na('a', ['p', 'q', 'r']),
				{ opd: 'b', indicator: 'p', value: 1 },
				{ opd: 'b', indicator: 'q', value: 1 },
				{ opd: 'b', indicator: 'r', value: 0 },
				...na('b', ['x', 'y']),
				// C: 1 of 3 = 33.33
				...ticks(mixed, 'c', ['p']),
				...na('c', ['x', 'y'])
			]
		);
		const [a, b] = result.opds;
		expect(a?.total).toBeCloseTo(66.66667, 10);
		expect(b?.total).toBeCloseTo(200 / 3, 10);
		expect(a?.total).not.toBe(b?.total);
		expect(result.opds.map((o) => [o.opd, o.displayTotal, o.rank, o.tied])).toEqual([
			['a', 66.67, 1, true],
			['b', 66.67, 1, true],
			['c', 33.33, 3, false]
		]);
	});
});

describe('qualify', () => {
	it.each([
		[100, 'Informatif'],
		[90, 'Informatif'],
		[89.99, 'Menuju Informatif'],
		[80, 'Menuju Informatif'],
		[79.99, 'Cukup Informatif'],
		[60, 'Cukup Informatif'],
		[59.99, 'Kurang Informatif'],
		[40, 'Kurang Informatif'],
		[39.99, 'Tidak Informatif'],
		[0, 'Tidak Informatif']
	])('%d is %s', (total, label) => {
		expect(qualify(DEFAULT_BANDS, total)).toBe(label);
	});

	it('reads bands in any order and returns "" below the lowest one', () => {
		const bands = [
			{ label: 'Lulus', min: 50 },
			{ label: 'Istimewa', min: 85 }
		];
		expect(qualify(bands, 90)).toBe('Istimewa');
		expect(qualify(bands, 60)).toBe('Lulus');
		expect(qualify(bands, 49.99)).toBe('');
	});
});

describe('rankInPlace', () => {
	type Row = { opd: string; name: string; displayTotal: number; rank: number; tied: boolean };
	// Names the Indonesian collator ranks equal although their code units differ (a composed and
	// a decomposed é; a zero-width space), names equal but for case, and exact duplicates.
	const NAMES = ['Dinas Péndidikan', 'Dinas Pe\u0301ndidikan', 'Dinas Pendidikan', 'BPBD'];
	NAMES.push('Bappeda', 'bappeda', 'Bap\u200Bpeda', 'Inspektorat', 'Inspektorat', 'Ékonomi');
	const TOTALS = [92.31, 92.31, 69.23, 0, -0, 100, 50.5];

	/** A small deterministic generator, so a failure can be replayed. */
	const lcg = (seed: number) => () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;

	const rows = (seed: number, count: number, keys: number): Row[] => {
		const random = lcg(seed);
		const pick = <X>(xs: X[]) => xs[Math.floor(random() * xs.length)]!;
		return Array.from({ length: count }, (_, i) => ({
			opd: `opd-${keys ? Math.floor(random() * keys) : i}`,
			name: pick(NAMES),
			displayTotal: pick(TOTALS),
			rank: 0,
			tied: false
		}));
	};

	/** The ranking as one stable sort on (total, then name) with ranks over equal totals. */
	const reference = (results: Row[]) => {
		const sorted = [...results]
			.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
			.sort(compareByName)
			.sort((a, b) => b.displayTotal - a.displayTotal);
		return sorted.map((r) => {
			const first = sorted.findIndex((o) => o.displayTotal === r.displayTotal);
			const count = sorted.filter((o) => o.displayTotal === r.displayTotal).length;
			return { row: r, rank: first + 1, tied: count > 1 };
		});
	};

	it('orders as one comparator on (total, name) when keys are unique', () => {
		for (let seed = 1; seed <= 50; seed++) {
			const input = rows(seed, 40, 0);
			const expected = [...input].sort(
				(a, b) => b.displayTotal - a.displayTotal || compareByName(a, b)
			);
			expect(rankInPlace(input.map((r) => ({ ...r })))).toEqual(
				expected.map((r) => ({ ...r, rank: expect.any(Number), tied: expect.any(Boolean) }))
			);
		}
	});

	it('keeps the order of a code-unit sort, then a collator sort, then a sort by total', () => {
		for (let seed = 1; seed <= 50; seed++) {
			// Few keys: the same OPD key under names the collator cannot tell apart.
			const input = rows(seed, 60, 5);
			const before = [...input];
			const expected = reference(input);
			const ranked = rankInPlace(input);
			expect(input).toEqual(before);
			expect(ranked.map((r) => ({ row: r, rank: r.rank, tied: r.tied }))).toEqual(expected);
			// The same objects, not copies.
			expect(ranked.every((r, i) => r === expected[i]!.row)).toBe(true);
		}
	});

	it('ranks totals that are not finite numbers the same way', () => {
		const input = rows(7, 30, 0);
		input[3]!.displayTotal = NaN;
		input[9]!.displayTotal = Infinity;
		input[12]!.displayTotal = Infinity;
		const ranked = rankInPlace(input);
		expect(ranked).toHaveLength(30);
		expect(new Set(ranked).size).toBe(30);
		expect(ranked.slice(0, 2).map((r) => r.displayTotal)).toEqual([Infinity, Infinity]);
	});
});
