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
