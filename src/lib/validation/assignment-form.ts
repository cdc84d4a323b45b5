/**
 * The assignment page's forms: an evaluator's assignment (OPDs and aspects ticked) and a conflict
 * of interest (evaluator, OPD, a short note). One schema per form, read from FormData values.
 */
import * as v from 'valibot';
import { formInput, idField as id, readWith } from './form';

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
	return readWith(schema, formInput(data, lists));
}
