/**
 * The actions of the register import page after their guard: preview (check the whole file,
 * show what would be added or every problem), commit (the same file again, all rows or none) and
 * undo (one earlier import). The file travels back in the preview form, so no draft is stored.
 */
import { fail } from '@sveltejs/kit';
import { readRegisterCsv } from '../../registers/csv';
import { REGISTER_FORMS, displayValue, type RegisterSlug } from '../../registers/forms';
import type { Actor } from '../audit/audit';
import { holidayDates } from './holidays';
import { importRecords, readUploadText, revertImport } from './import';
import { failure } from '../../validation/failure';

/** Preview rows drawn on the page; the count covers all. */
const PREVIEW_ROWS = 50;

async function readFile(slug: RegisterSlug, year: number, data: FormData) {
	const upload = await readUploadText(data);
	if (!upload.ok)
		return {
			refused: fail(400, failure({ errors: { file: upload.message }, message: upload.message }))
		};
	const read = readRegisterCsv(slug, upload.text, year, holidayDates());
	return { upload, read };
}

export async function previewImport(slug: RegisterSlug, year: number, data: FormData) {
	const { refused, upload, read } = await readFile(slug, year, data);
	if (refused) return refused;
	if (!read.ok)
		return fail(
			400,
			failure(
				{
					errors: { file: `${read.errors.length} masalah: tidak ada yang diimpor.` },
					message:
						'Berkas belum bisa diimpor: perbaiki baris dan kolom yang disebut, lalu unggah lagi.'
				},
				{ issues: read.errors.slice(0, 200) }
			)
		);
	const form = REGISTER_FORMS[slug];
	const columns = form.columns.map((n) => form.fields.find((f) => f.name === n)!);
	return {
		preview: {
			file: upload.name,
			text: upload.text,
			count: read.rows.length,
			columns: columns.map((c) => c.label),
			rows: read.rows
				.slice(0, PREVIEW_ROWS)
				.map((r) => columns.map((c) => displayValue(c, r[c.name])))
		}
	};
}

export async function commitImport(slug: RegisterSlug, year: number, data: FormData, actor: Actor) {
	const { refused, upload, read } = await readFile(slug, year, data);
	if (refused) return refused;
	if (!read.ok)
		return fail(
			400,
			failure(
				{
					errors: { file: 'Berkas berubah dan kini bermasalah: tidak ada yang diimpor.' },
					message: 'Berkas belum bisa diimpor.'
				},
				{ issues: read.errors.slice(0, 200) }
			)
		);
	const name = String(data.get('name') ?? upload.name)
		.replace(/[^\w .()-]/g, '_')
		.slice(0, 80);
	const done = await importRecords(slug, year, read.rows, name, actor);
	return {
		done:
			`${done.rows} baris diimpor.` +
			(done.possibleDuplicates ? ` ${done.possibleDuplicates} ditandai mungkin duplikat.` : '')
	};
}

export async function undoImport(slug: RegisterSlug, year: number, data: FormData, actor: Actor) {
	const source = String(data.get('source') ?? '');
	const outcome = await revertImport(slug, year, source, actor);
	if (!outcome.ok)
		return fail(400, failure({ errors: { _form: outcome.message }, message: outcome.message }));
	return { done: `Impor dibatalkan: ${outcome.removed} baris dihapus.` };
}
