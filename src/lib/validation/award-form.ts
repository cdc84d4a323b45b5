/**
 * The forms of the award-list page: a list (title, source note) and an entry (OPD, position,
 * points, note). Pure: the page's actions and the tests read the same schemas.
 */
import * as v from 'valibot';
import { readPoints } from '../import/points';
import { fieldErrors } from './form';
import { TEXT_LIMITS } from './text-limits';

const id = (message: string) =>
	v.pipe(v.string(message), v.trim(), v.regex(/^\d+$/, message), v.transform(Number));

const ListFields = v.object({
	title: v.pipe(
		v.string('Isi judul daftar.'),
		v.trim(),
		v.nonEmpty('Isi judul daftar, mis. "OPD terbaik monev website".'),
		v.maxLength(TEXT_LIMITS.name, `Judul daftar paling banyak ${TEXT_LIMITS.name} karakter.`)
	),
	sourceNote: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(TEXT_LIMITS.text, `Sumber paling banyak ${TEXT_LIMITS.text} karakter.`)
	)
});

const EntryFields = v.object({
	opdId: id('Pilih OPD.'),
	position: v.pipe(
		v.string('Isi posisi.'),
		v.trim(),
		v.regex(/^\d+$/, 'Posisi harus bilangan bulat, mis. 1 untuk juara I.'),
		v.transform(Number),
		v.minValue(1, 'Posisi paling kecil 1.'),
		v.maxValue(1000, 'Posisi paling besar 1000.')
	),
	points: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check((s) => s === '' || readPoints(s) !== null, 'Nilai harus angka, mis. 250 atau 87,5.'),
		v.transform((s) => (s === '' ? null : readPoints(s)))
	),
	note: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(TEXT_LIMITS.text, `Catatan paling banyak ${TEXT_LIMITS.text} karakter.`),
		v.transform((s) => (s === '' ? null : s))
	)
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function read<S extends v.GenericSchema>(schema: S, values: unknown): Parsed<v.InferOutput<S>> {
	const parsed = v.safeParse(schema, values);
	return parsed.success
		? { ok: true, value: parsed.output }
		: { ok: false, errors: fieldErrors(parsed.issues) };
}

/** A list's title and source note. */
export const readAwardList = (values: Record<string, string>) => read(ListFields, values);

/** An entry: the OPD (by id, from the year's OPDs), position, points (Indonesian decimals), note. */
export const readAwardEntry = (values: Record<string, string>) => read(EntryFields, values);

/** The id of the list or entry a form acts on (a hidden field). */
export function readId(values: Record<string, string>, key: 'listId' | 'entryId'): Parsed<number> {
	const text = (values[key] ?? '').trim();
	return /^\d+$/.test(text)
		? { ok: true, value: Number(text) }
		: { ok: false, errors: { [key]: 'Baris yang dimaksud tidak dikenal; muat ulang halaman.' } };
}

/** The errors of the results that failed, merged for `fail(400, { errors })`. */
export function errorsOf(...results: Parsed<unknown>[]): Record<string, string> {
	return Object.assign({}, ...results.map((r) => (r.ok ? {} : r.errors)));
}
