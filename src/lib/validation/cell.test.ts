import { describe, expect, it } from 'vitest';
import { parseCellFields, parseId } from './cell';

describe('parseCellFields', () => {
	it.each([
		[
			{ value: '1', version: '3' },
			{ value: 1, notApplicable: false, expectedVersion: 3 }
		],
		[
			{ value: '', version: '0' },
			{ value: null, notApplicable: false, expectedVersion: 0 }
		],
		[
			{ value: 'NA', version: '2' },
			{ value: null, notApplicable: true, expectedVersion: 2 }
		],
		[
			{ value: '2', version: '1', evidenceUrl: ' https://x.go.id ', note: '' },
			{ value: 2, evidenceUrl: 'https://x.go.id', note: null }
		]
	])('parses %j', (input, expected) => {
		const parsed = parseCellFields(input);
		expect(parsed.ok).toBe(true);
		if (parsed.ok) expect(parsed.cell).toMatchObject(expected);
	});

	it.each([
		[{ value: '1', version: '' }],
		[{ value: '1', version: '-1' }],
		[{ value: 'ya', version: '1' }],
		[{ value: '1.5', version: '1' }]
	])('refuses %j', (input) => {
		expect(parseCellFields(input).ok).toBe(false);
	});

	it('reads suffixed fields of the per-OPD form and leaves absent ones undefined', () => {
		const parsed = parseCellFields({ value_7: '1', version_7: '0' }, '_7');
		expect(parsed).toEqual({
			ok: true,
			cell: {
				value: 1,
				notApplicable: false,
				expectedVersion: 0,
				evidenceUrl: undefined,
				note: undefined,
				reason: undefined
			}
		});
	});
});

describe('parseId', () => {
	it.each([
		['5', 5],
		['0', null],
		['x', null],
		[undefined, null]
	])('%j → %j', (raw, expected) => expect(parseId(raw)).toBe(expected));
});
