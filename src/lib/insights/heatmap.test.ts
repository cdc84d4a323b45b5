import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import { scorePeriod } from '../scoring/score';
import { heatmap } from './heatmap';

describe('heatmap', () => {
	const rubric = flatRubric([
		{ key: 'c', label: 'Check' },
		{ key: 's', label: 'Scale', kind: 'scale', weight: 4, maxLevel: 4 },
		{ key: 'n', label: 'N/A' },
		{ key: 'u', label: 'Unassessed' }
	]);
	const result = scorePeriod(
		rubric,
		[
			{ key: 'x', name: 'X' },
			{ key: 'y', name: 'Y' }
		],
		[
			{ opd: 'x', indicator: 'c', value: 1 },
			{ opd: 'x', indicator: 's', value: 2 },
			{ opd: 'x', indicator: 'n', value: null, notApplicable: true },
			{ opd: 'y', indicator: 'c', value: 0 },
			{ opd: 'y', indicator: 's', value: 4 },
			{ opd: 'y', indicator: 'n', value: 1 }
		]
	);
	const map = heatmap(result);

	it('has one column per indicator in rubric order and rows in rank order', () => {
		expect(map.columns.map((c) => c.key)).toEqual(['c', 's', 'n', 'u']);
		expect(map.rows.map((r) => [r.opd, r.rank])).toEqual([
			['y', 1],
			['x', 2]
		]);
	});

	it('marks each cell met, partial, absent, n/a or unassessed with its ratio', () => {
		const states = Object.fromEntries(
			map.rows.map((r) => [r.opd, r.cells.map((c) => `${c.state}:${c.ratio}`)])
		);
		expect(states).toEqual({
			x: ['met:1', 'partial:0.5', 'na:0', 'unassessed:0'],
			y: ['absent:0', 'met:1', 'met:1', 'unassessed:0']
		});
	});
});
