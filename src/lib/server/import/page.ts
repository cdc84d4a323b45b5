import { fail } from '@sveltejs/kit';
import { count, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { periodOpds } from '../db/schema';
import { db, type Conn } from '../db';
import { STATUS_LABELS } from '../../workflow/lifecycle';
import { EXPORT_VIEWS } from '../results/export';
import { EXPIRED, type StepOutcome } from './flow';
import type { ImportFile } from './file';
import { failure } from '../../validation/failure';
import { fieldErrors, formValues } from '../../validation/form';
import { uploadSchema } from '../../validation/import-upload';
import { list as listPeriods, getByYear } from '../periods/periods';
import { matrixRows } from '../results/published-files';
import { computeView } from '../results/results';

/** Matrices larger than this are not drawn after an import (the export has them). */
const MATRIX_LIMIT = 300;

/**
 * The /impor page's periods (for the year and the export links). The year field defaults to the
 * period in progress (open or under evaluation; the latest), else to the next new year.
 */
export async function importPageData(conn: Conn = db()) {
	const periods = await listPeriods(conn);
	const nextYear = Math.max(new Date().getFullYear(), ...periods.map((p) => p.year + 1));
	const inProgress = periods
		.filter((p) => p.status === 'open' || p.status === 'evaluation')
		.map((p) => p.year);
	return {
		nextYear,
		defaultYear: inProgress.length ? Math.max(...inProgress) : nextYear,
		periods: periods.map((p) => ({
			year: p.year,
			title: p.title,
			status: p.status,
			statusLabel: STATUS_LABELS[p.status]
		})),
		exportViews: EXPORT_VIEWS
	};
}

/** Reads the upload form (`uploadSchema`): a year and either a file or pasted text. */
export async function readUpload(form: FormData): Promise<
	| {
			ok: true;
			input: { year: number; file: ImportFile; source: string };
			values: Record<string, string>;
	  }
	| { ok: false; values: Record<string, string>; errors: Record<string, string> }
> {
	const upload = form.get('file');
	const file = upload instanceof File && upload.size > 0 ? upload : null;
	const { year: yearText = '', text: pasted, sheet: sheetText = '' } = formValues(form);
	const read = v.safeParse(uploadSchema, {
		year: yearText,
		text: pasted,
		sheet: sheetText,
		file: file !== null
	});
	const values = { year: yearText.trim(), sheet: sheetText.trim() };
	if (!read.success) return { ok: false, values, errors: fieldErrors(read.issues) };
	const { year, text, sheet } = read.output;
	const importFile: ImportFile = file
		? {
				name: file.name,
				bytes: new Uint8Array(await file.arrayBuffer()),
				...(sheet ? { sheet } : {})
			}
		: { name: 'tempelan.txt', bytes: new TextEncoder().encode(text) };
	return { ok: true, input: { year, file: importFile, source: importFile.name }, values };
}

/** A small matrix of a year for the page after an import, or null when too large. */
async function matrixOf(year: number, conn: Conn) {
	const period = await getByYear(year, conn);
	if (!period) return null;
	// Counted first: scoring a 100,000-OPD year only to learn it is too large to draw held the
	// event loop for seconds after the commit.
	const [roster] = await conn
		.select({ n: count() })
		.from(periodOpds)
		.where(eq(periodOpds.periodId, period.id));
	if ((roster?.n ?? 0) > MATRIX_LIMIT) return null;
	const view = await computeView(period, conn);
	if (view.roster.length > MATRIX_LIMIT) return null;
	return {
		caption: `Matriks ${view.title}`,
		indicators: view.result.rubric.indicators.map((i) => ({ key: i.key, label: i.label })),
		rows: matrixRows(view)
	};
}

/** Above the issue list when a file cannot be read at all. */
export const UNREADABLE = 'Berkas tidak dapat dibaca; perbaiki masalah di bawah lalu unggah lagi.';

/** The action result of a preview/confirm step. */
export async function stepResult(step: StepOutcome, conn: Conn = db()) {
	switch (step.kind) {
		case 'expired':
			return fail(410, failure({ message: EXPIRED }));
		case 'failed':
			return fail(400, failure({ message: UNREADABLE }, { issues: step.errors.slice(0, 200) }));
		case 'preview':
			return step.message
				? fail(409, failure({ message: step.message }, { preview: step.preview }))
				: { preview: step.preview };
		case 'committed': {
			const s = step.summary;
			return {
				committed: {
					year: step.year,
					eventId: s.eventId,
					createdPeriod: s.createdPeriod,
					opdsCreated: s.opdsCreated.length,
					cellsChanged: s.cellsChanged,
					cellsWritten: s.cellsWritten
				},
				matrix: await matrixOf(step.year, conn)
			};
		}
	}
}
