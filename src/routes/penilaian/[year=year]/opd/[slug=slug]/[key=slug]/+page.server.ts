import { error, fail } from '@sveltejs/kit';
import { setCell } from '$lib/server/workflow/assessments';
import { requireCapability } from '$lib/server/auth/guards';
import { cellDetail } from '$lib/server/workflow/matrix';
import { definitionOf } from '$lib/server/periods/rubric';
import { ownScores, setRaterScore, standingOf } from '$lib/server/workflow/double-scoring';
import { periodOrNotFound } from '$lib/server/http';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { parseCellFields } from '$lib/validation/cell';
import { formValues } from '$lib/validation/form';
import { cellsEditable, STATUS_LABELS } from '$lib/workflow/lifecycle';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';
import { fileView, listEvidence } from '$lib/server/evidence/files';
import { deleteFromForm, uploadFromForm } from '$lib/server/evidence/form-actions';
import { can } from '$lib/permissions';

async function target(params: { year: string; slug: string; key: string }) {
	const period = await periodOrNotFound(params.year);
	const detail = await cellDetail(period.id, params.slug, params.key);
	if (!detail) error(404, 'Sel tidak ditemukan.');
	return { period, detail };
}

/** A cell with nothing in it, for a rater's view of a cell that has no row yet. */
function emptyCell(periodId: number, opdId: number, indicatorId: number) {
	return {
		id: 0,
		periodId,
		opdId,
		indicatorId,
		value: null,
		notApplicable: false,
		evidenceUrl: null,
		note: null,
		assessedBy: null,
		assessedAt: null,
		selfValue: null,
		selfNotApplicable: false,
		selfEvidenceUrl: null,
		selfNote: null,
		selfBy: null,
		selfAt: null,
		verifyReason: null,
		version: 0
	};
}

/** One cell: value, self-assessment, evidence, note, verification reason and its history. */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireCapability('cells.assess');
	const { period, detail } = await target(params);
	const { indicator } = detail;
	let { cell, history } = detail;
	// Double scoring, enforced here: a rater sees only their own value (and, in a period blind to
	// it, no self-assessment) and none of the cell's history until every rater submitted the OPD.
	const standing = period.doubleScored ? await standingOf(period.id, detail.opd.id, user.id) : null;
	if (standing?.isRater && !standing.revealed) {
		const own = (await ownScores(period.id, [detail.opd.id], user.id)).find(
			(s) => s.indicatorId === indicator.id
		);
		const blindSelf = period.blindSelf;
		cell = {
			...(cell ?? emptyCell(period.id, detail.opd.id, indicator.id)),
			value: own?.value ?? null,
			notApplicable: own?.notApplicable ?? false,
			evidenceUrl: own?.evidenceUrl ?? null,
			note: own?.note ?? null,
			verifyReason: null,
			version: own?.version ?? 0,
			...(blindSelf || !cell
				? { selfValue: null, selfNotApplicable: false, selfEvidenceUrl: null, selfNote: null }
				: {})
		};
		history = [];
	}
	// A rater kept blind to the self-assessment does not see the operator's files either.
	const hideSelf = standing?.isRater === true && !standing.revealed && period.blindSelf;
	const files = (
		await listEvidence(period.id, detail.opd.id, { indicatorId: indicator.id })
	).filter((f) => !(hideSelf && f.side === 'self'));
	return {
		standing,
		files: files.map((f) => fileView(f, false)),
		canUpload: can(user.role, 'evidence.upload'),
		period: {
			year: period.year,
			statusLabel: STATUS_LABELS[period.status],
			editable: cellsEditable(period.status)
		},
		opd: { slug: detail.opd.slug, name: detail.displayName },
		indicator: {
			key: indicator.key,
			label: indicator.label,
			kind: indicator.kind,
			maxLevel: indicator.maxLevel,
			levelLabels: indicator.levelLabels
		},
		definition: definitionOf(indicator),
		cell: cell && {
			value: cell.notApplicable ? -1 : cell.value,
			self: cell.selfNotApplicable ? -1 : cell.selfValue,
			selfEvidenceUrl: cell.selfEvidenceUrl,
			selfNote: cell.selfNote,
			evidenceUrl: cell.evidenceUrl,
			note: cell.note,
			reason: cell.verifyReason,
			version: cell.version
		},
		history: history.map((h) => ({
			id: h.id,
			at: h.at.toISOString(),
			actor: h.actor,
			action: h.action,
			before: h.before as Record<string, unknown> | null,
			after: h.after as Record<string, unknown> | null
		}))
	};
};

export const actions: Actions = {
	set: async ({ params, request }) => {
		const user = requireCapability('cells.assess');
		const { period, detail } = await target(params);
		const values = formValues(await request.formData());
		const parsed = parseCellFields(values);
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		try {
			const result = await (period.doubleScored ? setRaterScore : setCell)(
				period.id,
				detail.opd.id,
				detail.indicator.id,
				parsed.cell,
				actorOf(user)
			);
			if (result.status === 'conflict')
				return fail(
					409,
					failure({
						message:
							'Sel ini baru saja diubah orang lain; nilai terbaru ditampilkan. Periksa lalu simpan lagi.'
					})
				);
			return { saved: true };
		} catch (e) {
			return failFrom(e);
		}
	},
	uploadFile: async ({ params, request }) => {
		const user = requireCapability('evidence.upload');
		requireCapability('cells.assess');
		const { period, detail } = await target(params);
		const cell = { periodId: period.id, opdId: detail.opd.id, indicatorId: detail.indicator.id };
		return uploadFromForm(request, { ...cell, side: 'verified' }, actorOf(user));
	},
	deleteFile: async ({ params, request }) => {
		const user = requireCapability('evidence.upload');
		requireCapability('cells.assess');
		const { period, detail } = await target(params);
		const scope = { side: 'verified' as const, opdId: detail.opd.id, periodId: period.id };
		return deleteFromForm(request, scope, actorOf(user));
	}
};
