import { error, fail } from '@sveltejs/kit';
import { setOpdCells, type OpdFormCell } from '$lib/server/workflow/assessments';
import { requireCapability } from '$lib/server/auth/guards';
import { opdCells } from '$lib/server/workflow/matrix';
import {
	blindRows,
	setRaterScore,
	standingOf,
	submitRater
} from '$lib/server/workflow/double-scoring';
import { matrixStageLocks } from '$lib/server/workflow/stages/locks';
import { periodOrNotFound } from '$lib/server/http';
import { deadLinksByIndicator } from '$lib/server/evidence/links';
import { linkStatusLabel } from '$lib/validation/link-check';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { parseCellFields } from '$lib/validation/cell';
import { formValues } from '$lib/validation/form';
import { cellsEditable, STATUS_LABELS } from '$lib/workflow/lifecycle';
import { cellLock } from '$lib/workflow/matrix-keys';
import type { Actions, PageServerLoad } from './$types';
import { failure } from '$lib/validation/failure';

async function target(year: string, slug: string) {
	const period = await periodOrNotFound(year);
	const found = await opdCells(period.id, slug);
	if (!found) error(404, `OPD ${slug} tidak ada di periode ${year}.`);
	return { period, ...found };
}

/** One OPD's cells as a plain form: the matrix for slow connections and browsers without JS. */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireCapability('cells.assess');
	const { period, indicators, ...found } = await target(params.year, params.slug);
	const [locks, dead, blind, standing] = await Promise.all([
		matrixStageLocks(period.id, user),
		deadLinksByIndicator(period.id, found.row.id),
		blindRows(
			period,
			user.id,
			indicators.map((i) => i.id),
			[found.row]
		),
		period.doubleScored ? standingOf(period.id, found.row.id, user.id) : null
	]);
	const row = blind.rows[0]!;
	// A rater's own evidence and notes while blind; the cell's once every rater submitted.
	const masked = blind.masked.has(row.id);
	const detail = (id: number) =>
		masked ? blind.own.get(`${row.id}:${id}`) : found.details.get(id);
	return {
		period: {
			year: period.year,
			title: period.title,
			statusLabel: STATUS_LABELS[period.status],
			editable: cellsEditable(period.status) && !standing?.submitted && !standing?.revealed,
			doubleScored: period.doubleScored
		},
		standing,
		opd: { slug: row.slug, name: row.name },
		cells: indicators.map((ind, c) => ({
			indicator: ind,
			value: row.v[c] ?? null,
			version: row.ver[c] ?? 0,
			self: row.s[c] ?? null,
			evidenceUrl: detail(ind.id)?.evidenceUrl ?? null,
			note: detail(ind.id)?.note ?? null,
			lock: cellLock(locks, row.id, ind.id),
			deadLinks: (dead[ind.id] ?? []).map((d) => ({ url: d.url, status: linkStatusLabel(d) }))
		}))
	};
};

/** The form's changed cells into the rater's own values (double scoring), in one go. */
async function saveRaterCells(
	periodId: number,
	opdId: number,
	cells: OpdFormCell[],
	actor: ReturnType<typeof actorOf>
) {
	const stale: number[] = [];
	let saved = 0;
	for (const c of cells) {
		const same =
			c.value === c.was.value &&
			c.notApplicable === c.was.notApplicable &&
			(c.evidenceUrl ?? null) === c.was.evidenceUrl &&
			(c.note ?? null) === c.was.note;
		if (same) continue;
		const r = await setRaterScore(periodId, opdId, c.indicatorId, c, actor);
		if (r.status === 'conflict') stale.push(c.indicatorId);
		else saved += 1;
	}
	return { saved, stale };
}

export const actions: Actions = {
	/** Double scoring: the rater submits their values of this OPD (final for them). Audited. */
	submit: async ({ params }) => {
		const user = requireCapability('cells.assess');
		const { period, row } = await target(params.year, params.slug);
		try {
			return { submitted: await submitRater(period.id, row.id, actorOf(user)) };
		} catch (e) {
			return failFrom(e);
		}
	},
	save: async ({ params, request }) => {
		const user = requireCapability('cells.assess');
		const { period, indicators, row } = await target(params.year, params.slug);
		const values = formValues(await request.formData());
		const cells: OpdFormCell[] = [];
		for (const ind of indicators) {
			// A locked cell (outside the running stage) is sent disabled, i.e. not at all: keep it.
			if (!(`value_${ind.id}` in values)) continue;
			const parsed = parseCellFields(values, `_${ind.id}`);
			if (!parsed.ok) return fail(400, failure({ message: `${ind.label}: ${parsed.message}` }));
			const was = parseCellFields(
				{
					value: values[`was_${ind.id}`] ?? '',
					version: '0',
					evidenceUrl: values[`wasEvidenceUrl_${ind.id}`] ?? '',
					note: values[`wasNote_${ind.id}`] ?? ''
				},
				''
			);
			if (!was.ok) return fail(400, failure({ message: `${ind.label}: ${was.message}` }));
			cells.push({
				...parsed.cell,
				indicatorId: ind.id,
				was: {
					value: was.cell.value,
					notApplicable: was.cell.notApplicable,
					evidenceUrl: was.cell.evidenceUrl ?? null,
					note: was.cell.note ?? null
				}
			});
		}
		try {
			const result = period.doubleScored
				? await saveRaterCells(period.id, row.id, cells, actorOf(user))
				: await setOpdCells(period.id, row.id, cells, actorOf(user));
			if (result.stale.length) {
				const labels = indicators.filter((i) => result.stale.includes(i.id)).map((i) => i.label);
				return fail(
					409,
					failure({
						message: `Tidak ada yang disimpan: ${labels.join(', ')} baru saja diubah orang lain. Nilai terbaru ditampilkan; ulangi perubahan Anda.`
					})
				);
			}
			return { saved: result.saved };
		} catch (e) {
			return failFrom(e);
		}
	}
};
