import { describe, expect, it } from 'vitest';
import { isBlankCell, parseTick } from './ticks';

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
