import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import * as opds from '$lib/server/opds/master';
import * as periods from '$lib/server/periods/periods';
import {
	addToRoster,
	removeFromRoster,
	RubricInvalid,
	saveIndicators
} from '$lib/server/periods/rubric';
import { saveStructure, structureView } from '$lib/server/periods/rubric-structure';
import { saveAwardGroups } from '$lib/server/periods/award-groups';
import { KIND_LABELS, OPD_KINDS } from '$lib/insights/filters';
import { awardGroupsFields, parseAwardGroupsForm } from '$lib/validation/award-groups-form';
import { actorOf } from '$lib/server/accounts/users';
import { failFrom } from '$lib/server/workflow/error';
import { formValues } from '$lib/validation/form';
import { parseId } from '$lib/validation/cell';
import { parseRubricForm } from '$lib/validation/rubric-form';
import {
	parseStructureForm,
	readStructureFields,
	withKipStageFields
} from '$lib/validation/structure-form';
import { rubricEditable, STATUS_LABELS } from '$lib/workflow/lifecycle';
import { periodOrNotFound } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { failure, problemErrors } from '$lib/validation/failure';

/** The rubric editor and the roster of one period. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('rubric.manage');
	const period = await periodOrNotFound(params.year);
	const [rows, entries, all] = await Promise.all([
		periods.indicatorRows(period.id),
		periods.roster(period.id),
		opds.list()
	]);
	const inRoster = new Set(entries.map((e) => e.opdId));
	const indicators = rows.map((r) => ({ ...periods.toIndicator(r), id: r.id }));
	const { stages, aspects } = period.rubricConfig;
	const stageLabel = (key: string) => stages.find((s) => s.key === key)?.label ?? key;
	return {
		period: {
			year: period.year,
			title: period.title,
			statusLabel: STATUS_LABELS[period.status],
			editable: rubricEditable(period.status)
		},
		aspects: aspects.map((a) => ({
			key: a.key,
			label: stages.length > 1 ? `${a.label} (${stageLabel(a.stage)})` : a.label
		})),
		indicators,
		structure: structureView(period.rubricConfig, indicators),
		awardGroups: {
			fields: awardGroupsFields(period.rubricConfig.awardGroups, KIND_LABELS),
			kinds: OPD_KINDS.map((kind) => ({
				kind,
				label: KIND_LABELS[kind] ?? kind,
				count: entries.filter((e) => e.kind === kind).length
			}))
		},
		roster: entries.map((e) => ({ opdId: e.opdId, name: e.displayName, kind: e.kind })),
		candidates: all
			.filter((o) => !inRoster.has(o.id) && !o.retiredAt && !o.mergedIntoId)
			.map((o) => ({ id: o.id, name: o.name }))
	};
};

export const actions: Actions = {
	rubric: async ({ params, request }) => {
		const user = requireCapability('rubric.manage');
		const period = await periodOrNotFound(params.year);
		const parsed = parseRubricForm(formValues(await request.formData()));
		if (!parsed.ok)
			return fail(400, failure({ action: 'rubric', errors: problemErrors(parsed.errors) }));
		try {
			await saveIndicators(period.id, parsed.indicators, actorOf(user));
			return { rubricSaved: true };
		} catch (e) {
			if (e instanceof RubricInvalid)
				return fail(400, failure({ action: 'rubric', errors: problemErrors(e.problems) }));
			return failFrom(e);
		}
	},
	structure: async ({ params, request }) => {
		const user = requireCapability('rubric.manage');
		const period = await periodOrNotFound(params.year);
		const parsed = parseStructureForm(formValues(await request.formData()));
		const structureDraft = parsed.fields;
		if (!parsed.ok)
			return fail(
				400,
				failure({ action: 'structure', errors: problemErrors(parsed.errors) }, { structureDraft })
			);
		try {
			return { structureSaved: await saveStructure(period.id, parsed.structure, actorOf(user)) };
		} catch (e) {
			if (e instanceof RubricInvalid)
				return fail(
					400,
					failure({ action: 'structure', errors: problemErrors(e.problems) }, { structureDraft })
				);
			return failFrom(e, { action: 'structure' }, { structureDraft });
		}
	},
	/** Fills the form with the KIP monev stages; saving stays a separate step. */
	structurePreset: async ({ params, request }) => {
		requireCapability('rubric.manage');
		await periodOrNotFound(params.year);
		const fields = readStructureFields(formValues(await request.formData()));
		return { structureDraft: withKipStageFields(fields), presetApplied: true };
	},
	/** The award groups by OPD kind and their Terbaik/Harapan tiers, or one podium as before. */
	awardGroups: async ({ params, request }) => {
		const user = requireCapability('rubric.manage');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		const parsed = parseAwardGroupsForm(values);
		if (!parsed.ok)
			return fail(400, failure({ action: 'awardGroups', values, errors: parsed.errors }));
		try {
			return { awardGroupsSaved: await saveAwardGroups(period.id, parsed.config, actorOf(user)) };
		} catch (e) {
			return failFrom(e, { action: 'awardGroups', values });
		}
	},
	addOpd: async ({ params, request }) => {
		const user = requireCapability('periods.manage');
		const period = await periodOrNotFound(params.year);
		const ids = (await request.formData())
			.getAll('opdId')
			.map((v) => parseId(String(v)))
			.filter((v): v is number => v !== null);
		if (!ids.length) return fail(400, failure({ message: 'Pilih OPD yang akan ditambahkan.' }));
		try {
			return { added: await addToRoster(period.id, ids, actorOf(user)) };
		} catch (e) {
			return failFrom(e);
		}
	},
	removeOpd: async ({ params, request }) => {
		const user = requireCapability('periods.manage');
		const period = await periodOrNotFound(params.year);
		const opdId = parseId(formValues(await request.formData()).opdId);
		if (!opdId) return fail(400, failure({ message: 'OPD tidak dikenal.' }));
		try {
			await removeFromRoster(period.id, opdId, actorOf(user));
			return { removed: true };
		} catch (e) {
			return failFrom(e);
		}
	}
};
