import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import { compareYears } from '../scoring/yoy';
import { resultOf } from './fixtures';
import { comparability, movers, yoyRows } from './yoy-view';

const before = resultOf(
	flatRubric([
		{ key: 'a', label: 'A' },
		{ key: 'renja', label: 'Renja 2020' },
		{ key: 'x', label: 'Dikecualikan' },
		{ key: 'b', label: 'B' }
	]),
	[
		['p', 'P', ['a']],
		['q', 'Q', ['a', 'renja', 'b']],
		['r', 'R', ['a', 'renja']],
		['s', 'S', ['a', 'b']],
		['gone', 'Gone', []]
	]
);
const after = resultOf(
	flatRubric([
		{ key: 'a', label: 'A' },
		{ key: 'renja', label: 'Renja 2021' },
		{ key: 'b', label: 'B' },
		{ key: 'y', label: 'Aset' }
	]),
	[
		['p', 'P', ['a', 'renja', 'b', 'y']],
		['q', 'Q', ['a']],
		['r', 'R', ['a', 'renja']],
		['s', 'S', ['a', 'b', 'y']],
		['new', 'New', ['a']]
	]
);
const yoy = compareYears(before, after);

describe('movers', () => {
	it('orders the biggest gains and losses, leaving unchanged OPDs out', () => {
		const { improved, declined } = movers(yoy);
		expect(improved.map((o) => [o.opd, o.totalDelta])).toEqual([
			['p', 75],
			['s', 25]
		]);
		expect(declined.map((o) => [o.opd, o.totalDelta])).toEqual([['q', -50]]);
	});

	it('keeps at most `limit` per list', () => {
		expect(movers(yoy, 1).improved.map((o) => o.opd)).toEqual(['p']);
	});
});

describe('comparability', () => {
	it('names the categories of one year only and those renamed', () => {
		expect(comparability(before, after, yoy)).toEqual({
			onlyBefore: [{ key: 'x', label: 'Dikecualikan' }],
			onlyAfter: [{ key: 'y', label: 'Aset' }],
			renamed: [{ key: 'renja', before: 'Renja 2020', after: 'Renja 2021' }],
			comparable: 3
		});
	});
});

describe('yoyRows', () => {
	it('labels gained and lost categories, non-comparable ones never counted', () => {
		const rows = new Map(yoyRows(yoy, after).map((r) => [r.opd, r]));
		expect(rows.get('p')?.gainedLabels).toEqual(['Renja 2021', 'B']);
		expect(rows.get('q')?.lostLabels).toEqual(['Renja 2021', 'B']);
		expect(rows.get('s')?.gainedLabels).toEqual([]);
		expect([rows.get('new')?.status, rows.get('gone')?.status]).toEqual(['new', 'gone']);
	});
});
