import { describe, expect, it } from 'vitest';
import { scorePeriod } from '../scoring/score';
import { saqCells, saqRubric } from '../../../tests/support/scoring/fixtures';
import { FIVE, resultOf } from './fixtures';
import { aspectRubric, cellsFromResult, restrictResult } from './rescore';

describe('restrictResult', () => {
	const result = resultOf(FIVE, [
		['p', 'P', ['a', 'b', 'c', 'd']],
		['q', 'Q', ['a', 'b', 'c']],
		['r', 'R', ['a', 'b', 'c', 'd', 'e']],
		['s', 'S', ['a', '-b']]
	]);

	it('returns the same result without a restriction', () => {
		expect(restrictResult(result, {})).toBe(result);
	});

	it('re-scoring every OPD gives the same result (cells round-trip)', () => {
		const again = scorePeriod(
			result.rubric,
			result.opds.map((o) => ({ key: o.opd, name: o.name })),
			cellsFromResult(result)
		);
		expect(again).toEqual(result);
	});

	it('ranks and awards among the OPDs kept', () => {
		const sub = restrictResult(result, { opds: new Set(['p', 'q']) });
		expect(sub.opds.map((o) => [o.opd, o.rank, o.displayTotal])).toEqual([
			['p', 1, 80],
			['q', 2, 60]
		]);
		expect(sub.awards.map((a) => a.opds)).toEqual([['p'], ['q']]);
	});

	it('keeps not-applicable cells out of the maximum', () => {
		const s = restrictResult(result, { opds: new Set(['s']) }).opds[0];
		expect([s?.score, s?.maxScore, s?.displayTotal]).toEqual([1, 4, 25]);
	});
});

describe('aspect restriction', () => {
	const rubric = saqRubric();
	const result = scorePeriod(
		rubric,
		[
			{ key: 'x', name: 'X' },
			{ key: 'y', name: 'Y' }
		],
		[
			...saqCells('x', [10000, 5000, 10000, 10000, 10000, 10000], 4),
			...saqCells('y', [2500, 10000, 10000, 10000, 10000, 10000], 2)
		]
	);

	it('scores one indicator group on its own points, in one unweighted stage', () => {
		expect(aspectRubric(rubric, 'jenis').indicators.map((i) => i.key)).toEqual(['jenis-butir']);
		const jenis = restrictResult(result, { aspect: 'jenis' });
		expect(jenis.opds.map((o) => [o.opd, o.displayTotal, o.rank])).toEqual([
			['x', 100, 1],
			['y', 25, 2]
		]);
		const digital = restrictResult(result, { aspect: 'digitalisasi' });
		expect(digital.opds.map((o) => [o.opd, o.displayTotal])).toEqual([
			['y', 100],
			['x', 50]
		]);
	});

	it('combines with an OPD restriction', () => {
		const only = restrictResult(result, { aspect: 'visitasi', opds: new Set(['y']) });
		expect(only.opds.map((o) => [o.opd, o.displayTotal])).toEqual([['y', 50]]);
	});
});
