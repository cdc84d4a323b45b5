/**
 * The upload and delete form actions of the cell page (evaluator) and /opd-saya (operator),
 * after their guards: read the capped form, call the data verbs, answer `{ uploaded }` /
 * `{ deleted }` or a `failure()` the page shows.
 */
import { fail } from '@sveltejs/kit';
import { failure } from '../../validation/failure';
import type { EvidenceSide } from '../../workflow/evidence-access';
import type { Actor } from '../audit/audit';
import { readEvidenceLimits } from '../config';
import { failFrom } from '../workflow/error';
import { deleteEvidence, uploadEvidence } from './files';
import { readUploadForm } from './upload-form';

/** `failure().action` of these forms, so a page shows their messages beside them. */
export const EVIDENCE_ACTION = 'evidence';
const ACTION = EVIDENCE_ACTION;

const positiveId = (raw: string | undefined) => {
	const n = Number(raw);
	return Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * Uploads the form's `file` to a cell of `target`; the indicator is `target.indicatorId`, or the
 * form's `indicatorId` (the operator's page, one form for every indicator).
 */
export async function uploadFromForm(
	request: Request,
	target: { periodId: number; opdId: number; side: EvidenceSide; indicatorId?: number },
	actor: Actor
) {
	const limits = readEvidenceLimits();
	const form = await readUploadForm(request, limits);
	if (!form.ok) return fail(form.status, failure({ message: form.message, action: ACTION }));
	const indicatorId = target.indicatorId ?? positiveId(form.fields.indicatorId);
	if (!indicatorId)
		return fail(
			400,
			failure({ message: 'Pilih indikator yang dibuktikan oleh berkas ini.', action: ACTION })
		);
	if (!form.file || (form.file.name === '' && form.file.bytes.length === 0))
		return fail(
			400,
			failure({ message: 'Pilih berkas PDF, JPG atau PNG untuk diunggah.', action: ACTION })
		);
	try {
		const stored = await uploadEvidence(
			{ ...target, indicatorId, name: form.file.name, bytes: form.file.bytes },
			actor,
			limits
		);
		return { uploaded: { fileName: stored.fileName, sha256: stored.sha256 } };
	} catch (e) {
		return failFrom(e, { action: ACTION });
	}
}

/** Deletes the form's `fileId` within `scope` (its side, and the OPD/period it must belong to). */
export async function deleteFromForm(
	request: Request,
	scope: { side: EvidenceSide; opdId?: number; periodId?: number },
	actor: Actor
) {
	const fileId = positiveId(String((await request.formData()).get('fileId') ?? ''));
	if (!fileId)
		return fail(400, failure({ message: 'Berkas bukti tidak dikenal.', action: ACTION }));
	try {
		const file = await deleteEvidence(fileId, scope, actor);
		return { deleted: file.fileName };
	} catch (e) {
		return failFrom(e, { action: ACTION });
	}
}
