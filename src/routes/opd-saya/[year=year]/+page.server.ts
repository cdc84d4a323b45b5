import { error, fail, redirect } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { periodOrNotFound } from '$lib/server/http';
import { deadLinksByIndicator } from '$lib/server/evidence/links';
import { linkStatusLabel } from '$lib/validation/link-check';
import { evidenceLinks } from '$lib/evidence';
import { appealsOf, fileAppeal } from '$lib/server/workflow/appeals';
import {
	saveSelf,
	selfView,
	SubmissionBlocked,
	submissionCheckOf,
	submitSelf,
	workingGapsOf,
	type SelfInput
} from '$lib/server/workflow/self-assessment';
import { selfViewerOf } from '$lib/server/workflow/self-viewer';
import { definitionOf } from '$lib/server/periods/rubric';
import { opdStageStanding } from '$lib/server/workflow/stages/board';
import { deadlineOf } from '$lib/server/workflow/participation';
import { actorOf } from '$lib/server/accounts/users';
import { STAGE_STATUS_LABELS } from '$lib/workflow/stages';
import { failFrom } from '$lib/server/workflow/error';
import { parseCellFields } from '$lib/validation/cell';
import { formValues, parseId } from '$lib/validation/form';
import { appealsOpen, selfAssessmentOpen, STATUS_LABELS } from '$lib/workflow/lifecycle';
import type { Actions, PageServerLoad } from './$types';
import { failure, problemErrors } from '$lib/validation/failure';
import { readAppealValue, REQUESTED_VALUE } from '$lib/validation/appeal-form';
import { fileView, listEvidence, usedBytes } from '$lib/server/evidence/files';
import { deleteFromForm, uploadFromForm } from '$lib/server/evidence/form-actions';
import { readEvidenceLimits } from '$lib/server/config';
import { maySeeEvidence } from '$lib/workflow/evidence-access';

/** The operator's own OPD in one period; the OPD always comes from the session, never the form. */
async function own(year: string, opdId: number | null) {
	if (!opdId) error(400, 'Akun ini tidak terikat ke OPD mana pun.');
	const period = await periodOrNotFound(year);
	return { period, opdId };
}

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireCapability('self.assess');
	// No OPD of one's own (the admin): a chosen OPD read-only, or the picker on /opd-saya.
	const viewer = await selfViewerOf(user, url.searchParams.get('opd'));
	if (!viewer) redirect(303, '/opd-saya');
	const { opdId, readOnly } = viewer;
	const period = await periodOrNotFound(params.year);
	const [view, appeals, standing, dead, files, used, ownDeadline] = await Promise.all([
		selfView(period, opdId),
		appealsOf(period.id, opdId),
		opdStageStanding(period.id, opdId),
		deadLinksByIndicator(period.id, opdId),
		listEvidence(period.id, opdId),
		usedBytes(period.id, opdId),
		deadlineOf(period, opdId)
	]);
	if (!view)
		error(404, `${readOnly ? 'OPD ini' : 'OPD Anda'} bukan peserta periode ${params.year}.`);
	const open =
		!readOnly && selfAssessmentOpen(period.status, period.selfAssessmentDeadline, new Date());
	const [working, check] = await Promise.all([
		period.status === 'draft' ? null : workingGapsOf(period, opdId, view.rows),
		// The check before "Kirim untuk verifikasi", shown while it can be sent.
		open ? submissionCheckOf(period.id, opdId) : null
	]);
	return {
		readOnly,
		chosen: viewer.slug,
		check,
		evidence: {
			files: files.filter((f) => maySeeEvidence(user, f, period.status)).map((f) => fileView(f)),
			used,
			...readEvidenceLimits()
		},
		working: working && {
			...working,
			published: period.status === 'published'
		},
		period: {
			year: period.year,
			title: period.title,
			statusLabel: STATUS_LABELS[period.status],
			// The OPD's own deadline: the period's, or the extension the team gave this OPD.
			deadline: ownDeadline.deadline?.toISOString() ?? null,
			deadlineExtended: ownDeadline.extended,
			open: !readOnly && selfAssessmentOpen(period.status, ownDeadline.deadline, new Date()),
			appealsOpen: !readOnly && appealsOpen(period.status)
		},
		stages: standing && {
			...standing,
			appealIndicatorIds: readOnly ? [] : standing.appealIndicatorIds,
			stages: standing.stages.map((s) => ({ ...s, statusLabel: STAGE_STATUS_LABELS[s.status] }))
		},
		appeals: appeals.map((a) => ({
			id: a.id,
			indicatorLabel: a.indicatorLabel,
			reason: a.reason,
			requestedValue: a.requestedValue,
			status: a.status,
			answer: a.answer,
			at: a.createdAt.toISOString()
		})),
		opdName: view.opdName,
		lastYear: view.lastYear,
		rows: view.rows.map((r) => ({
			id: r.indicator.id,
			label: r.indicator.label,
			kind: r.indicator.kind,
			maxLevel: r.indicator.maxLevel,
			levelLabels: r.indicator.levelLabels,
			// What counts, from the rubric (issue 13 §3).
			...definitionOf(r.indicator),
			self: r.self,
			selfEvidenceUrl: r.selfEvidenceUrl,
			selfNote: r.selfNote,
			// Only the operator's own links: the evaluator's evidence is not theirs to see.
			deadLinks: (dead[r.indicator.id] ?? [])
				.filter((d) => evidenceLinks(r.selfEvidenceUrl).includes(d.url))
				.map((d) => ({
					url: d.url,
					status: linkStatusLabel(d)
				})),
			verified: r.verified,
			verifyReason: r.verifyReason,
			lastYear: r.lastYear
		}))
	};
};

export const actions: Actions = {
	save: async ({ params, request }) => {
		const user = requireCapability('self.assess');
		const { period, opdId } = await own(params.year, user.opdId);
		const values = formValues(await request.formData());
		const ids = Object.keys(values)
			.filter((k) => k.startsWith('value_'))
			.map((k) => Number(k.slice('value_'.length)))
			.filter((n) => Number.isInteger(n) && n > 0);
		const inputs: SelfInput[] = [];
		for (const id of ids) {
			const parsed = parseCellFields({ ...values, [`version_${id}`]: '0' }, `_${id}`);
			if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
			inputs.push({
				indicatorId: id,
				value: parsed.cell.value,
				notApplicable: parsed.cell.notApplicable,
				evidenceUrl: parsed.cell.evidenceUrl ?? null,
				note: parsed.cell.note ?? null
			});
		}
		try {
			return { saved: await saveSelf(period.id, opdId, inputs, actorOf(user)) };
		} catch (e) {
			return failFrom(e);
		}
	},
	appeal: async ({ params, request }) => {
		const user = requireCapability('appeal.file');
		const { period, opdId } = await own(params.year, user.opdId);
		const values = formValues(await request.formData());
		const indicatorId = parseId(values.indicatorId);
		if (!indicatorId) return fail(400, failure({ message: 'Pilih indikator yang disanggah.' }));
		const requested = readAppealValue(REQUESTED_VALUE, values.requestedValue);
		if (!requested.ok)
			return fail(
				400,
				failure({
					values,
					errors: { requestedValue: requested.message },
					message: requested.message
				})
			);
		try {
			await fileAppeal(
				period.id,
				opdId,
				{
					indicatorId,
					reason: values.reason ?? '',
					requestedValue: requested.value
				},
				actorOf(user)
			);
			return { appealed: true };
		} catch (e) {
			return failFrom(e);
		}
	},
	uploadFile: async ({ params, request }) => {
		const user = requireCapability('evidence.upload');
		requireCapability('self.assess');
		const { period, opdId } = await own(params.year, user.opdId);
		return uploadFromForm(request, { periodId: period.id, opdId, side: 'self' }, actorOf(user));
	},
	deleteFile: async ({ params, request }) => {
		const user = requireCapability('evidence.upload');
		requireCapability('self.assess');
		const { period, opdId } = await own(params.year, user.opdId);
		const scope = { side: 'self' as const, opdId, periodId: period.id };
		return deleteFromForm(request, scope, actorOf(user));
	},
	submit: async ({ params }) => {
		const user = requireCapability('self.assess');
		const { period, opdId } = await own(params.year, user.opdId);
		try {
			await submitSelf(period.id, opdId, actorOf(user));
			return { submitted: true };
		} catch (e) {
			// The blocking problems, listed where the button is (the page shows the whole check).
			if (e instanceof SubmissionBlocked)
				return failFrom(e, {
					action: 'submit',
					errors: problemErrors(e.check.issues.filter((i) => i.blocks).map((i) => i.message))
				});
			return failFrom(e);
		}
	}
};
