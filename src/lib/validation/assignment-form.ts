/**
 * The assignment page's forms: an evaluator's assignment (OPDs and aspects ticked) and a conflict
 * of interest (evaluator, OPD, a short note). One schema per form, read from FormData values.
 */
import * as v from 'valibot';

const id = (message: string) =>
	v.pipe(v.string(message), v.trim(), v.regex(/^[1-9][0-9]{0,9}$/, message), v.transform(Number));

export const assignmentSchema = v.object({
	userId: id('Pilih penilai dari daftar.'),
	opdIds: v.array(id('OPD yang dicentang tidak dikenal.')),
	aspects: v.array(
		v.pipe(
			v.string('Aspek yang dicentang tidak dikenal.'),
			v.trim(),
			v.nonEmpty('Aspek yang dicentang tidak dikenal.'),
			v.maxLength(64, 'Aspek yang dicentang tidak dikenal.')
		)
	)
});

export const conflictSchema = v.object({
	userId: id('Pilih penilai dari daftar.'),
	opdId: id('Pilih OPD yang terkait.'),
	note: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(200, 'Keterangan konflik maksimal 200 karakter.')
	)
});

export const conflictRemoveSchema = v.object({
	userId: id('Pilih penilai dari daftar.'),
	opdId: id('Pilih OPD yang terkait.')
});

/** Reads a form into the schema's input; the first issue's message when it does not fit. */
export function parseForm<S extends v.GenericSchema>(
	schema: S,
	data: FormData,
	lists: string[] = []
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string } {
	const input: Record<string, unknown> = {};
	for (const [key, value] of data) {
		if (typeof value !== 'string') continue;
		if (lists.includes(key)) ((input[key] ??= []) as string[]).push(value);
		else if (!(key in input)) input[key] = value;
	}
	for (const key of lists) input[key] ??= [];
	const result = v.safeParse(schema, input);
	return result.success
		? { ok: true, value: result.output }
		: { ok: false, message: result.issues[0].message };
}
