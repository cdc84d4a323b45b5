import * as v from 'valibot';

/** A form post as plain strings (files and repeated keys are ignored: no form here sends them). */
export function formValues(data: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of data) {
		if (typeof value === 'string' && !(key in values)) values[key] = value;
	}
	return values;
}

/** The first message per field, for `fail(400, { errors })`; form-wide ones under `_form`. */
export function fieldErrors(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]) {
	const flat = v.flatten(issues);
	const errors: Record<string, string> = {};
	for (const [key, messages] of Object.entries(flat.nested ?? {})) {
		const first = (messages as string[] | undefined)?.[0];
		if (first) errors[key] = first;
	}
	const root = flat.root?.[0];
	if (root) errors._form = root;
	return errors;
}

/**
 * A form post as the input of a schema: plain strings, and the fields in `lists` (checkboxes that
 * repeat a name) as arrays, empty when none is ticked.
 */
export function formInput(data: FormData, lists: readonly string[] = []): Record<string, unknown> {
	const input: Record<string, unknown> = {};
	for (const [key, value] of data) {
		if (typeof value !== 'string') continue;
		if (lists.includes(key)) ((input[key] ??= []) as string[]).push(value);
		else if (!(key in input)) input[key] = value;
	}
	for (const key of lists) input[key] ??= [];
	return input;
}

/**
 * Reads `input` with `schema`: the output, or the first issue's message (the forms that show one
 * sentence on top pass it to `failure({ message })`).
 */
export function readWith<S extends v.GenericSchema>(
	schema: S,
	input: unknown
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string } {
	const result = v.safeParse(schema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, message: result.issues[0].message };
}

/** A database id posted by a form (a select, a checkbox, a hidden field): a positive whole number. */
export const idField = (message: string) =>
	v.pipe(v.string(message), v.trim(), v.regex(/^[1-9][0-9]{0,9}$/, message), v.transform(Number));

const ID = idField('');

/** A positive integer id from a form field (the rule of `idField`), or null. */
export function parseId(raw: string | undefined): number | null {
	const read = v.safeParse(ID, raw);
	return read.success ? read.output : null;
}
