import { describe, expect, it } from 'vitest';
import {
	cellField,
	cellValueProblem,
	describeCellValue,
	nextValue,
	NOT_APPLICABLE,
	type CellIndicator
} from './cell-value';

const check: CellIndicator = { kind: 'check' };
const scale: CellIndicator = { kind: 'scale', maxLevel: 3 };
const count: CellIndicator = { kind: 'count' };

describe('cellValueProblem', () => {
	it.each<[CellIndicator, number | null, boolean]>([
		[check, null, true],
		[check, 0, true],
		[check, 1, true],
		[check, 2, false],
		[check, 0.5, false],
		[scale, 3, true],
		[scale, 4, false],
		[count, 12, true],
		[count, -1, false],
		[count, Number.NaN, false]
	])('%j %j ok=%s', (ind, value, ok) => {
		expect(cellValueProblem(ind, value) === null).toBe(ok);
	});
});

describe('nextValue', () => {
	it.each<[CellIndicator, number | null, number | null]>([
		[check, null, 1],
		[check, 1, 0],
		[check, 0, 1],
		[scale, null, 0],
		[scale, 0, 1],
		[scale, 3, null],
		[count, 5, 5]
	])('%j from %j → %j', (ind, from, to) => {
		expect(nextValue(ind, from)).toBe(to);
	});
});

describe('compact cell values for forms and pages', () => {
	it.each([
		[null, ''],
		[undefined, ''],
		[NOT_APPLICABLE, 'na'],
		[0, '0'],
		[3, '3']
	])('cellField(%j) → %j', (value, field) => {
		expect(cellField(value)).toBe(field);
	});

	it.each([
		['check', null, null, undefined, '—'],
		['check', NOT_APPLICABLE, null, undefined, 'tidak berlaku'],
		['check', 1, null, undefined, 'ada'],
		['check', 0, null, undefined, 'tidak ada'],
		['check', 1, null, ['Ya', 'Tidak'], 'Ya'],
		['check', 0, null, ['Ya', 'Tidak'], 'Tidak'],
		['scale', 2, ['belum', 'sebagian', 'lengkap'], undefined, 'lengkap'],
		['scale', 4, ['belum', 'sebagian', 'lengkap'], undefined, 'level 4'],
		['count', 12, null, undefined, '12']
	] as const)('%s %j → %j', (kind, value, labels, words, text) => {
		expect(
			describeCellValue(
				kind,
				value,
				labels ? [...labels] : null,
				words ? [words[0], words[1]] : undefined
			)
		).toBe(text);
	});
});
