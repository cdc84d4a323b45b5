import { describe, expect, it } from 'vitest';
import {
	cellAfter,
	changeKind,
	defaultEmptyRule,
	describeState,
	effectiveCell,
	parseEmptyRule,
	sameState
} from './cell-change';

const blank = { value: 0 as const, notApplicable: false, blank: true as const };
const absent = { value: 0 as const, notApplicable: false };
const present = { value: 1 as const, notApplicable: false };
const na = { value: null, notApplicable: true };

describe('the empty-cell rule', () => {
	it('defaults to absent for a report table and to keep for anything else', () => {
		expect(defaultEmptyRule({ layout: 'report' })).toBe('absent');
		expect(defaultEmptyRule({})).toBe('keep');
	});

	it.each([
		['keep', 'keep'],
		['biarkan', 'keep'],
		[' Absent ', 'absent'],
		['tidak-ada', 'absent'],
		['kosong', undefined],
		['', undefined]
	])('parses %j as %j', (text, rule) => expect(parseEmptyRule(text)).toBe(rule));

	it('leaves an empty cell alone under keep, and reads it as tidak ada under absent', () => {
		expect(cellAfter(blank, 'keep')).toBeNull();
		expect(cellAfter(blank, 'absent')).toEqual({ value: 0, notApplicable: false });
		expect(effectiveCell(blank, 'keep')).toEqual({ value: null, notApplicable: false });
		expect(effectiveCell(blank, 'absent')).toBe(blank);
		// A written mark is the same under both rules.
		for (const rule of ['keep', 'absent'] as const) {
			expect(cellAfter(absent, rule)).toEqual(absent);
			expect(cellAfter(na, rule)).toEqual(na);
		}
	});
});

describe('sameState / changeKind / describeState', () => {
	it.each([
		[null, { value: null, notApplicable: false }, true],
		[null, absent, false],
		[absent, absent, true],
		[absent, present, false],
		[na, { value: 0, notApplicable: true }, true],
		[na, absent, false]
	])('%j vs %j → %s', (a, b, same) => {
		expect(sameState(a, b)).toBe(same);
		expect(sameState(b, a)).toBe(same);
	});

	it.each([
		[present, 'toPresent', 'ada'],
		[absent, 'toAbsent', 'tidak ada'],
		[na, 'toNotApplicable', 'tidak berlaku'],
		[{ value: null, notApplicable: false }, 'toUnassessed', 'belum dinilai']
	])('%j is %s ("%s")', (state, kind, words) => {
		expect(changeKind(state)).toBe(kind);
		expect(describeState(state)).toBe(words);
	});

	it('no row at all is "belum dinilai"', () => expect(describeState(null)).toBe('belum dinilai'));
});
