import * as v from 'valibot';

/**
 * The value field of an appeal (asked for by the OPD, or set by the evaluator who answers):
 * blank for "no value", else a whole number. Blank reads as `null`.
 */
export const appealValue = (message: string) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check((text) => text === '' || /^\d+$/.test(text), message),
		v.transform((text) => (text === '' ? null : Number(text)))
	);

export const ANSWER_VALUE = appealValue('Nilai harus bilangan bulat.');
export const REQUESTED_VALUE = appealValue('Nilai yang diminta harus bilangan bulat.');

/** The value, or the message to show. */
export function readAppealValue(
	schema: typeof ANSWER_VALUE,
	raw: string | undefined
): { ok: true; value: number | null } | { ok: false; message: string } {
	const parsed = v.safeParse(schema, raw);
	return parsed.success
		? { ok: true, value: parsed.output }
		: { ok: false, message: parsed.issues[0].message };
}
