/**
 * The form actions of the register pages after their guard: read the post, check it, write,
 * answer with `fail(400 | 409, failure({ values, errors, message }))` or a confirmation. Kept here so the
 * route files stay a guard and one call.
 */
import { error, fail, redirect } from '@sveltejs/kit';
import { REGISTER_FORMS, formText, type RegisterSlug } from '../../registers/forms';
import { formValues, parseId } from '../../validation/form';
import { readRegisterForm, readVisits } from '../../validation/register';
import type { Actor } from '../audit/audit';
import { holidayDates } from './holidays';
import { addRecord, deleteRecord, getRecord, setVisits, updateRecord } from './records';
import { failure } from '../../validation/failure';

const CHECK = 'Data belum disimpan: periksa isian yang ditandai.';
const STALE =
	'Data ini sudah diubah orang lain sejak halaman ini dibuka; perubahan Anda belum disimpan. ' +
	'Muat ulang halaman untuk melihat isi terbaru, lalu ulangi perubahan Anda.';
const MISSING = 'Baris ini sudah tidak ada (mungkin sudah dihapus orang lain).';

/** The row id of a URL, or a 404. */
export function rowId(param: string): number {
	const id = parseId(param);
	if (id === null) error(404, 'Baris tidak ditemukan.');
	return id;
}

export async function addFromForm(slug: RegisterSlug, year: number, data: FormData, actor: Actor) {
	const values = formValues(data);
	const read = readRegisterForm(slug, values, year, holidayDates());
	if (!read.ok) return fail(400, failure({ values, errors: read.errors, message: CHECK }));
	const added = await addRecord(slug, year, read.value, actor);
	const noun = REGISTER_FORMS[slug].noun;
	return {
		done: added.possibleDuplicate
			? 'Permohonan dicatat; tanggal dan pemohonnya sama dengan permohonan lain, ditandai mungkin duplikat.'
			: `${noun[0]!.toUpperCase()}${noun.slice(1)} dicatat.`
	};
}

export async function saveFromForm(
	slug: RegisterSlug,
	year: number,
	id: number,
	data: FormData,
	actor: Actor
) {
	const values = formValues(data);
	const read = readRegisterForm(slug, values, year, holidayDates());
	if (!read.ok) return fail(400, failure({ values, errors: read.errors, message: CHECK }));
	const outcome = await updateRecord(slug, year, id, values.version ?? '', read.value, actor);
	if (outcome === 'missing') error(404, MISSING);
	if (outcome === 'stale')
		return fail(409, failure({ values, errors: { _form: STALE }, message: STALE }));
	return { done: 'Perubahan disimpan.' };
}

export async function deleteFromForm(
	slug: RegisterSlug,
	year: number,
	id: number,
	data: FormData,
	actor: Actor
) {
	const values = formValues(data);
	const outcome = await deleteRecord(slug, year, id, values.version ?? '', actor);
	if (outcome === 'missing') error(404, MISSING);
	if (outcome === 'stale')
		return fail(409, failure({ values, errors: { _form: STALE }, message: STALE }));
	redirect(303, `/layanan/${year}/${slug}?dihapus=1`);
}

export async function saveVisitsFromForm(year: number, data: FormData, actor: Actor) {
	const values = formValues(data);
	const read = readVisits(values);
	if (!read.ok) return fail(400, failure({ values, errors: read.errors, message: CHECK }));
	const outcome = await setVisits(year, values.version ?? '', read.value, actor);
	if (outcome !== 'done')
		return fail(409, failure({ values, errors: { _form: STALE }, message: STALE }));
	return { done: 'Kunjungan website disimpan.' };
}

/** A row as form texts for the edit page, with its version; 404 when absent. */
export async function editData(slug: RegisterSlug, year: number, id: number) {
	const found = await getRecord(slug, year, id);
	if (!found) error(404, 'Baris tidak ditemukan di register ini.');
	const form = REGISTER_FORMS[slug];
	const values: Record<string, string> = { version: found.version };
	for (const field of form.fields) values[field.name] = formText(field, found.row[field.name]);
	return { values, id };
}
