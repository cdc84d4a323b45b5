import { describe, expect, it } from 'vitest';
import { isBlankCell, MARK, markOf, parseTick } from './ticks';

describe('parseTick', () => {
	it.each(['√', '✓', '✔', 'v', 'V', '1', 'ya', 'Ya', 'YA', 'ada', 'ADA', ' √ ', '\t1'])(
		'"%s" is present',
		(raw) => {
			expect(parseTick(raw)).toEqual({ ok: true, value: 1, notApplicable: false });
		}
	);

	it.each(['0', '-', 'tidak', 'Tidak', 'tidak ada', 'Tidak  Ada', ' - '])(
		'"%s" is absent (an explicit 0)',
		(raw) => {
			expect(parseTick(raw)).toEqual({ ok: true, value: 0, notApplicable: false });
		}
	);

	it.each(['', '   '])('"%s" is blank: absent by the report convention, flagged', (raw) => {
		expect(parseTick(raw)).toEqual({ ok: true, value: 0, notApplicable: false, blank: true });
	});

	it.each(['belum dinilai', 'Belum  Dinilai'])('"%s" clears the cell (not assessed)', (raw) => {
		expect(parseTick(raw)).toEqual({ ok: true, value: null, notApplicable: false });
	});

	it.each(['n/a', 'N/A', 'na', 'NA', 'tidak berlaku', 'Tidak Berlaku'])(
		'"%s" is not applicable',
		(raw) => {
			expect(parseTick(raw)).toEqual({ ok: true, value: null, notApplicable: true });
		}
	);

	it.each(['x', 'X', '2', 'yes', 'no', '√√', 'ok', '?', 'belum', '1.0', 'v v'])(
		'"%s" is an error',
		(raw) => {
			expect(parseTick(raw)).toEqual({ ok: false });
		}
	);
});

describe('isBlankCell', () => {
	it.each([
		['', true],
		[' \t ', true],
		['-', false],
		['√', false]
	])('"%s" → %s', (raw, blank) => {
		expect(isBlankCell(raw)).toBe(blank);
	});
});

/** The whole vocabulary in one table: mark → what the one parser reads. */
describe('the mark table', () => {
	const present = { ok: true, value: 1, notApplicable: false };
	const absent = { ok: true, value: 0, notApplicable: false };
	const notApplicable = { ok: true, value: null, notApplicable: true };
	const unknown = { ok: false };
	it.each([
		['√', present],
		['v', present],
		['1', present],
		['Ya', present],
		['ada', present],
		// Blank: absent by the report's convention, flagged so the app's template can leave it as is.
		['', { ...absent, blank: true }],
		['belum dinilai', { ok: true, value: null, notApplicable: false }],
		['-', absent],
		['0', absent],
		['Tidak', absent],
		['tidak ada', absent],
		['n/a', notApplicable],
		['tidak berlaku', notApplicable],
		// "x" is "ada" in some offices and "tidak ada" in others: refused, never guessed.
		['x', unknown],
		// Shorthands another parser once took: "n" (no? not applicable?), "y", "t".
		['n', unknown],
		['y', unknown],
		['t', unknown]
	])('%j → %j', (raw, expected) => {
		expect(parseTick(raw)).toEqual(expected);
	});
});

describe('markOf', () => {
	it.each([
		[{ value: 1 }, MARK.present, 1],
		[{ value: 0 }, MARK.absent, 0],
		[{ value: null }, MARK.absent, 0],
		[{ value: null, notApplicable: true }, MARK.notApplicable, null],
		[undefined, MARK.absent, 0]
	])('%j is written %j and read back as %j', (cell, mark, value) => {
		expect(markOf(cell)).toBe(mark);
		expect(parseTick(markOf(cell))).toMatchObject({ ok: true, value });
	});
});
