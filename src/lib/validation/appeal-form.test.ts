import { describe, expect, it } from 'vitest';
import { ANSWER_VALUE, readAppealValue, REQUESTED_VALUE } from './appeal-form';

describe('readAppealValue', () => {
	it.each([
		[undefined, null],
		['', null],
		['  ', null],
		['0', 0],
		[' 42 ', 42]
	])('%j reads as %j', (raw, value) => {
		expect(readAppealValue(ANSWER_VALUE, raw)).toEqual({ ok: true, value });
	});
	it.each(['-1', '1.5', '1e3', 'dua', '4 2'])('%j is refused with the field message', (raw) => {
		expect(readAppealValue(ANSWER_VALUE, raw)).toEqual({
			ok: false,
			message: 'Nilai harus bilangan bulat.'
		});
		expect(readAppealValue(REQUESTED_VALUE, raw)).toEqual({
			ok: false,
			message: 'Nilai yang diminta harus bilangan bulat.'
		});
	});
});
