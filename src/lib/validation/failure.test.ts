import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { failure, invalid, problemErrors, problemsOf } from './failure';

describe('failure', () => {
	it('fills the missing parts with empty ones', () => {
		expect(failure({ message: 'Tidak boleh.' })).toEqual({
			values: {},
			errors: {},
			message: 'Tidak boleh.'
		});
	});
	it('names the form only when told, and keeps the extra data beside the shape', () => {
		expect(failure({ action: 'revert', message: 'x' }, { draft: 1 })).toEqual({
			draft: 1,
			values: {},
			errors: {},
			message: 'x',
			action: 'revert'
		});
	});
	it('never lets the extra data overwrite the shape', () => {
		expect(failure({ message: 'a' }, { message: 'b', errors: 3 }).message).toBe('a');
		expect(failure({ message: 'a' }, { message: 'b', errors: 3 }).errors).toEqual({});
	});
});

describe('invalid', () => {
	it('keeps the first message per field and the values', () => {
		const schema = v.object({ name: v.pipe(v.string(), v.minLength(2, 'Terlalu pendek.')) });
		const parsed = v.safeParse(schema, { name: 'a' });
		if (parsed.success) throw new Error('expected a rejection');
		expect(invalid(parsed.issues, { values: { name: 'a' }, action: 'create' })).toEqual({
			values: { name: 'a' },
			errors: { name: 'Terlalu pendek.' },
			message: '',
			action: 'create'
		});
	});
});

describe('problemErrors / problemsOf', () => {
	it('round-trips a list in order, past ten entries', () => {
		const list = Array.from({ length: 12 }, (_, i) => `masalah ${i}`);
		expect(problemsOf(problemErrors(list))).toEqual(list);
	});
	it('leaves field messages out of the list', () => {
		expect(problemsOf({ ...problemErrors(['a']), name: 'b', _form: 'c' })).toEqual(['a']);
		expect(problemsOf(undefined)).toEqual([]);
	});
});
