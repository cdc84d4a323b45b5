import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { can } from '$lib/permissions';
import * as assessments from '$lib/server/workflow/assessments';
import { requireCapability, requireUser } from '$lib/server/auth/guards';
import { setSelfDeadline } from '$lib/server/workflow/lifecycle';
import { moveFromForm } from '$lib/server/workflow/move-from-form';
import { warmPublishThread } from '$lib/server/workflow/publish-thread';
import {
	markUnassessedAbsent,
	readinessOfPeriod,
	setOpdNotRated
} from '$lib/server/workflow/readiness';
import { matrixOf } from '$lib/server/workflow/matrix';
import { blindRows, setRaterScore } from '$lib/server/workflow/double-scoring';
import { matrixAssignmentLocks, myAssignment } from '$lib/server/workflow/assignments';
import { combineLocks, scopeCovers } from '$lib/workflow/assignments';
import { matrixStageLocks } from '$lib/server/workflow/stages/locks';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { readOptionalDate } from '$lib/validation/date';
import { readTimeZone } from '$lib/server/config';
import { toDateInputValue } from '$lib/datetime';
import { formValues, parseId } from '$lib/validation/form';
import { CONFIRM_VALUE } from '$lib/workflow/readiness';
import { parseCellFields } from '$lib/validation/cell';
import {
	cellsEditable,
	needsConfirmation,
	STATUS_LABELS,
	transitionsFor
} from '$lib/workflow/lifecycle';
import { periodOrNotFound } from '$lib/server/http';
import { readPage, readSearch } from '$lib/insights/matrix-view';
import { readLinkCheckOptions } from '$lib/server/evidence/link-check';
import { checkPeriodLinks, lastLinkCheck, linkChecksOf } from '$lib/server/evidence/links';
import { linkStatusLabel } from '$lib/validation/link-check';
import type { Actions, PageServerLoad } from './$types';
import { failure, invalid } from '$lib/validation/failure';
import { notRatedSchema } from '$lib/validation/not-rated-form';

/** The evaluator's matrix: OPDs × indicators, compact (see matrixOf), plus the lifecycle moves. */
export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireCapability('cells.assess');
	const period = await periodOrNotFound(params.year);
	// When this page offers the publish, its thread starts now rather than when the form is sent.
	warmPublishThread([period.status], user.role);
	// The readiness summary is read only where a finalise or publish button is offered.
	const locking = period.status === 'evaluation' || period.status === 'final';
	const canCheckLinks = can(user.role, 'cells.verify');
	const [full, assessors, stageLocks, readiness, mine, linkRun, deadLinks] = await Promise.all([
		matrixOf(period.id),
		assessments.progressByAssessor(period.id),
		matrixStageLocks(period.id, user),
		locking ? readinessOfPeriod(period.id) : null,
		user.role === 'admin' ? null : myAssignment(period.id, user.id),
		lastLinkCheck(period.id),
		linkChecksOf(period.id, { deadOnly: true })
	]);
	// "Tugas saya": an evaluator with an assignment (or a conflict) opens on their OPDs; ?semua=1
	// shows every OPD (the server still refuses cells outside the assignment).
	const showAll = url.searchParams.get('semua') === '1';
	const isMine = (opdId: number) =>
		!!mine &&
		!mine.conflictOpdIds.includes(opdId) &&
		(mine.scope ? scopeCovers(mine.scope, opdId) : !mine.periodAssigned);
	const shown = mine && !showAll ? { ...full, rows: full.rows.filter((r) => isMine(r.id)) } : full;
	// Double scoring: on an OPD this user rates, the grid holds the user's own values only.
	const blind = await blindRows(
		period,
		user.id,
		shown.indicators.map((i) => i.id),
		shown.rows
	);
	const matrix = { ...shown, rows: blind.rows };
	// Columns outside the assigned aspects and rows outside the assignment (or in conflict) are
	// shown locked with the reason a save would give.
	const ownLocks = await matrixAssignmentLocks(period.id, user, matrix.rows);
	return {
		tasks: mine && {
			showAll,
			mine: full.rows.filter((r) => isMine(r.id)).length,
			all: full.rows.length,
			unassigned: mine.periodAssigned && !mine.scope,
			aspects: mine.scope?.aspects.length
				? mine.scope.aspects.map(
						(k) => period.rubricConfig.aspects.find((a) => a.key === k)?.label ?? k
					)
				: null
		},
		assessors: assessors.map((a) => ({
			name: a.name ?? 'Impor / data awal',
			username: a.username,
			cells: a.cells
		})),
		period: {
			year: period.year,
			title: period.title,
			status: period.status,
			statusLabel: STATUS_LABELS[period.status],
			editable: cellsEditable(period.status),
			doubleScored: period.doubleScored,
			deadline: period.selfAssessmentDeadline?.toISOString() ?? null,
			deadlineInput: toDateInputValue(period.selfAssessmentDeadline, readTimeZone())
		},
		canSetDeadline: can(user.role, 'cells.verify'),
		canCheckLinks,
		links: linkRun && {
			...linkRun,
			checkedAt: linkRun.checkedAt.toISOString(),
			deadList: deadLinks.slice(0, 200).map((d) => ({
				opd: d.opdName,
				opdSlug: d.opdSlug,
				indicator: d.indicatorLabel,
				url: d.url,
				status: linkStatusLabel(d)
			}))
		},
		// A staged period is finalized only after its last stage closes (the server refuses it too).
		moves: transitionsFor(period.status, user.role)
			.filter((t) => t.to !== 'final' || !stageLocks || stageLocks.allClosed)
			.map((t) => ({
				to: t.to,
				label: t.label,
				needsReason: t.needsReason,
				needsConfirmation: needsConfirmation(t.to)
			})),
		readiness: readiness && {
			lines: readiness.lines,
			unassessedCells: readiness.unassessedCells,
			blocksPublishing: readiness.blocksPublishing,
			opdsWithGaps: readiness.opdsWithGaps.slice(0, 50),
			moreOpds: Math.max(0, readiness.opdsWithGaps.length - 50),
			notRated: readiness.notRated
		},
		canDecideUnassessed: can(user.role, 'period.finalize'),
		matrix,
		stageLocks,
		gridLocks: combineLocks(stageLocks, ownLocks),
		// The OPD search and the phone view's card page, from the query so they work without JS.
		search: readSearch(url.searchParams.get('cari')),
		cardPage: readPage(url.searchParams.get('hal'))
	};
};

/** A rater's save in the shape of `setCell`'s answer, so the grid reads both the same way. */
async function raterResult(...args: Parameters<typeof setRaterScore>) {
	const r = await setRaterScore(...args);
	return r.status === 'saved' ? { status: r.status, cell: r.score } : r;
}

export const actions: Actions = {
	/** Saves one cell, version-checked; 409 with the current value when someone saved first. */
	set: async ({ params, request }) => {
		const user = requireCapability('cells.assess');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		const opdId = parseId(values.opdId);
		const indicatorId = parseId(values.indicatorId);
		const parsed = parseCellFields(values);
		if (!opdId || !indicatorId) return fail(400, failure({ message: 'Sel tidak dikenal.' }));
		if (!parsed.ok) return fail(400, failure({ message: parsed.message }));
		try {
			// A double-scored period saves the rater's own value (blind), never the cell.
			const result = period.doubleScored
				? await raterResult(period.id, opdId, indicatorId, parsed.cell, actorOf(user))
				: await assessments.setCell(period.id, opdId, indicatorId, parsed.cell, actorOf(user));
			if (result.status === 'conflict') {
				const c = result.current;
				return fail(
					409,
					failure(
						{ message: 'Sel ini baru saja diubah orang lain.' },
						{
							conflict: {
								opdId,
								indicatorId,
								value: c ? (c.notApplicable ? -1 : c.value) : null,
								version: c?.version ?? 0
							}
						}
					)
				);
			}
			const cell = result.cell;
			return {
				saved: {
					opdId,
					indicatorId,
					value: cell.notApplicable ? -1 : cell.value,
					version: cell.version
				}
			};
		} catch (e) {
			return failFrom(e);
		}
	},
	/** Sets or extends the self-assessment deadline (a date, end of that day in the app's zone). Audited. */
	deadline: async ({ params, request }) => {
		const user = requireCapability('cells.verify');
		const period = await periodOrNotFound(params.year);
		const raw = formValues(await request.formData()).deadline;
		const read = readOptionalDate('Tanggal batas', raw, 'T23:59:59', readTimeZone());
		if (!read.ok) return fail(400, failure({ message: read.message }));
		try {
			await setSelfDeadline(period.id, read.date, actorOf(user));
			return { deadlineSet: true };
		} catch (e) {
			return failFrom(e);
		}
	},
	/** Moves the period along its lifecycle; the transition table decides who may. */
	transition: async ({ params, request }) => {
		const user = requireUser();
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		try {
			return {
				moved: await moveFromForm(period.id, values, { actor: actorOf(user), role: user.role })
			};
		} catch (e) {
			return failFrom(e);
		}
	},
	/**
	 * Checks every evidence link of the period now (timeouts, size caps, redirect limit: see
	 * link-check.ts), stores the results and audits the counts. Evaluators and admins only.
	 */
	checkLinks: async ({ params }) => {
		const user = requireCapability('cells.verify');
		const period = await periodOrNotFound(params.year);
		try {
			const summary = await checkPeriodLinks(period.id, readLinkCheckOptions(), actorOf(user));
			return {
				linksChecked: {
					links: summary.links,
					ok: summary.ok,
					dead: summary.dead,
					urls: summary.urls,
					ms: summary.ms
				}
			};
		} catch (e) {
			return failFrom(e);
		}
	},
	/** The team's decision for cells nobody assessed: they count as "tidak ada". Audited. */
	decideUnassessed: async ({ params, request }) => {
		const user = requireCapability('period.finalize');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		if (values.confirm !== CONFIRM_VALUE)
			return fail(
				400,
				failure({
					message: 'Centang konfirmasi untuk mengisi sel kosong dengan "tidak ada".'
				})
			);
		try {
			const cells = await markUnassessedAbsent(period.id, values.reason ?? '', actorOf(user));
			return { decided: cells };
		} catch (e) {
			return failFrom(e);
		}
	},
	/**
	 * The other decision for an OPD the team could not assess: "tidak dinilai" this year (with a
	 * reason) or "tidak berpartisipasi" (reason optional), out of the ranking and listed apart; or
	 * rated again (`rate`). Audited.
	 */
	notRated: async ({ params, request }) => {
		const user = requireCapability('period.finalize');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		const parsed = v.safeParse(notRatedSchema, values);
		if (!parsed.success)
			return fail(400, invalid(parsed.issues, { values, message: parsed.issues[0].message }));
		const { opd, kind, reason, rate } = parsed.output;
		try {
			await setOpdNotRated(period.id, opd, rate ? null : { kind, reason }, actorOf(user));
			return { notRatedChanged: values.opd };
			return { notRatedChanged: values.opd };
		} catch (e) {
			return failFrom(e);
		}
	}
};
