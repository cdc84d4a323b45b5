import { fail } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import * as opds from '$lib/server/opds/master';
import * as periods from '$lib/server/periods/periods';
import {
	addToRoster,
	definitionOf,
	removeFromRoster,
	RubricInvalid,
	saveDefinition,
	saveIndicators
} from '$lib/server/periods/rubric';
import { saveStructure, structureView } from '$lib/server/periods/rubric-structure';
import { actorOf, list as listUsers } from '$lib/server/accounts/users';
import { saveSettings } from '$lib/server/workflow/double-scoring';
import { saveAwardGroups } from '$lib/server/periods/award-groups';
import { KIND_LABELS, OPD_KINDS } from '$lib/insights/filters';
import { awardGroupsFields, parseAwardGroupsForm } from '$lib/validation/award-groups-form';
import { failFrom } from '$lib/server/workflow/error';
import { formValues, parseId } from '$lib/validation/form';
import { parseRubricForm } from '$lib/validation/rubric-form';
import {
	parseStructureForm,
	readStructureFields,
	withKipStageFields
} from '$lib/validation/structure-form';
import { rubricEditable, STATUS_LABELS } from '$lib/workflow/lifecycle';
import { periodOrNotFound } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { failure, invalid, problemErrors } from '$lib/validation/failure';
import { definitionSchema } from '$lib/validation/definition-form';
import * as v from 'valibot';

/** The rubric editor and the roster of one period. */
export const load: PageServerLoad = async ({ params }) => {
	requireCapability('rubric.manage');
	const period = await periodOrNotFound(params.year);
	const [rows, entries, all, people] = await Promise.all([
		periods.indicatorRows(period.id),
		periods.roster(period.id),
		opds.list(),
		listUsers()
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
		doubleScoring: {
			doubleScored: period.doubleScored,
			blindSelf: period.blindSelf,
			leadEvaluatorId: period.leadEvaluatorId,
			editable: period.status !== 'final' && period.status !== 'published',
			leads: people
				.filter((u) => !u.disabledAt && (u.role === 'evaluator' || u.role === 'admin'))
				.map((u) => ({ id: u.id, name: u.displayName }))
		},
		aspects: aspects.map((a) => ({
			key: a.key,
			label: stages.length > 1 ? `${a.label} (${stageLabel(a.stage)})` : a.label
		})),
		indicators,
		definitions: rows.map((r) => ({ id: r.id, key: r.key, label: r.label, ...definitionOf(r) })),
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
	/** What one indicator says counts: definition, evidence examples, "bukti wajib". */
	definition: async ({ params, request }) => {
		const user = requireCapability('rubric.manage');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		const parsed = v.safeParse(definitionSchema, values);
		if (!parsed.success) return fail(400, invalid(parsed.issues, { values, action: 'definition' }));
		try {
			const changed = await saveDefinition(period.id, parsed.output, actorOf(user));
			return { definitionSaved: parsed.output.indicatorId, changed };
		} catch (e) {
			return failFrom(e, { values, action: 'definition' });
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
	/** Double scoring (two blind raters per OPD), blind to the self-assessment, lead. Audited. */
	doubleScoring: async ({ params, request }) => {
		const user = requireCapability('periods.manage');
		const period = await periodOrNotFound(params.year);
		const values = formValues(await request.formData());
		const lead = values.leadEvaluatorId ? parseId(values.leadEvaluatorId) : null;
		if (values.leadEvaluatorId && !lead)
			return fail(
				400,
				failure({ action: 'doubleScoring', message: 'Penilai utama tidak dikenal.' })
			);
		try {
			const changed = await saveSettings(
				period.id,
				{
					doubleScored: values.doubleScored === 'ya',
					blindSelf: values.blindSelf === 'ya',
					leadEvaluatorId: lead
				},
				actorOf(user)
			);
			return { doubleScoringSaved: changed };
		} catch (e) {
			return failFrom(e, { action: 'doubleScoring' });
		}
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
