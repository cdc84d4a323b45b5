import { describe, expect, it } from 'vitest';
import {
	appealsOpen,
	cellsEditable,
	checkTransition,
	selfAssessmentOpen,
	transitionsFor,
	type PeriodStatus
} from './lifecycle';
import type { Role } from '../permissions';

describe('checkTransition', () => {
	it.each<[PeriodStatus, PeriodStatus, Role, string, true | 400 | 403 | 409]>([
		['draft', 'open', 'admin', '', true],
		['draft', 'open', 'evaluator', '', 403],
		['open', 'evaluation', 'evaluator', '', true],
		['evaluation', 'final', 'evaluator', '', true],
		['evaluation', 'final', 'operator', '', 403],
		['evaluation', 'final', 'pimpinan', '', 403],
		['final', 'published', 'evaluator', '', true],
		['final', 'evaluation', 'evaluator', '', 400],
		['final', 'evaluation', 'evaluator', 'salah input Diskominfo', true],
		['published', 'evaluation', 'admin', '  ', 400],
		['published', 'evaluation', 'admin', 'hasil sanggahan', true],
		['draft', 'published', 'admin', '', 409],
		['open', 'final', 'admin', '', 409],
		['published', 'final', 'admin', 'x', 409]
	])('%s → %s as %s (reason %j): %s', (from, to, role, reason, expected) => {
		const result = checkTransition(from, to, role, reason);
		if (expected === true) expect(result.ok).toBe(true);
		else {
			expect(result.ok).toBe(false);
			if (!result.ok) {
				expect(result.status).toBe(expected);
				expect(result.message).toMatch(/\S/);
			}
		}
	});
});

describe('what each status allows', () => {
	it.each<[PeriodStatus, boolean, boolean]>([
		['draft', false, false],
		['open', true, false],
		['evaluation', true, false],
		['final', false, true],
		['published', false, true]
	])('%s: cells editable %s, appeals open %s', (status, cells, appeals) => {
		expect(cellsEditable(status)).toBe(cells);
		expect(appealsOpen(status)).toBe(appeals);
	});

	it('closes self-assessment after the deadline and outside open', () => {
		const deadline = new Date('2022-03-01T00:00:00Z');
		expect(selfAssessmentOpen('open', deadline, new Date('2022-02-28T00:00:00Z'))).toBe(true);
		expect(selfAssessmentOpen('open', deadline, new Date('2022-03-02T00:00:00Z'))).toBe(false);
		expect(selfAssessmentOpen('open', null, new Date())).toBe(true);
		expect(selfAssessmentOpen('evaluation', null, new Date())).toBe(false);
	});

	it('offers each role only its own moves', () => {
		expect(transitionsFor('draft', 'evaluator')).toEqual([]);
		expect(transitionsFor('final', 'evaluator').map((t) => t.to)).toEqual([
			'evaluation',
			'published'
		]);
		expect(transitionsFor('final', 'pimpinan')).toEqual([]);
	});
});
