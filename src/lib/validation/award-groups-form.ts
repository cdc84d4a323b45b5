/**
 * The award-groups form of a period (rubric editor): one podium for all OPDs as before, or groups
 * by OPD kind (a group label per kind; kinds with the same label rank together) with how many
 * Terbaik and Harapan positions each group gives. Pure: the action and the tests read it.
 */
import * as v from 'valibot';
import { OPD_KINDS } from '../insights/filters';
import {
	awardGroupsProblems,
	groupsFromLabels,
	MAX_TIER_COUNT,
	type AwardGroupsConfig
} from '../scoring/award-groups';
import { fieldErrors } from './form';
import { TEXT_LIMITS } from './text-limits';

/** Form field of a kind's group label. */
export const labelField = (kind: string) => `label_${kind}`;

const count = (what: string) =>
	v.pipe(
		v.optional(v.string(), '0'),
		v.trim(),
		v.regex(/^\d+$/, `Jumlah ${what} harus bilangan bulat 0 sampai ${MAX_TIER_COUNT}.`),
		v.transform(Number),
		v.maxValue(MAX_TIER_COUNT, `Jumlah ${what} paling banyak ${MAX_TIER_COUNT}.`)
	);

const label = v.pipe(
	v.optional(v.string(), ''),
	v.trim(),
	v.nonEmpty('Isi nama kelompok jenis OPD ini.'),
	v.maxLength(TEXT_LIMITS.name, `Nama kelompok paling banyak ${TEXT_LIMITS.name} karakter.`)
);

const Mode = v.object({
	mode: v.picklist(['satu', 'kelompok'], 'Pilih satu podium atau kelompok per jenis OPD.')
});

const Grouped = v.object({
	best: count('Terbaik'),
	runnersUp: count('Harapan'),
	...Object.fromEntries(OPD_KINDS.map((k) => [labelField(k), label]))
});

export type AwardGroupsForm =
	{ ok: true; config: AwardGroupsConfig | null } | { ok: false; errors: Record<string, string> };

/**
 * Reads the form: `mode=satu` is no grouping (null: the period's podium, as before);
 * `mode=kelompok` needs a label for every OPD kind and the two counts.
 */
export function parseAwardGroupsForm(values: Record<string, string>): AwardGroupsForm {
	const mode = v.safeParse(Mode, values);
	if (!mode.success) return { ok: false, errors: fieldErrors(mode.issues) };
	if (mode.output.mode === 'satu') return { ok: true, config: null };
	const parsed = v.safeParse(Grouped, values);
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.issues) };
	const fields = parsed.output as Record<string, string | number>;
	const config: AwardGroupsConfig = {
		groups: groupsFromLabels(
			OPD_KINDS.map((k) => ({ kind: k, label: String(fields[labelField(k)]) }))
		),
		best: parsed.output.best,
		runnersUp: parsed.output.runnersUp
	};
	const problems = awardGroupsProblems(config, OPD_KINDS);
	if (problems.length) return { ok: false, errors: { best: problems.join(' ') } };
	return { ok: true, config };
}

/** The form's values for a stored grouping (or the suggestion of one group per kind). */
export function awardGroupsFields(
	config: AwardGroupsConfig | undefined,
	kindLabels: Record<string, string>
): Record<string, string> {
	const labelOf = (kind: string) =>
		config?.groups.find((g) => g.kinds.includes(kind))?.label ??
		(kindLabels[kind] ?? kind).replace(/ \(.*\)$/, '');
	return {
		mode: config ? 'kelompok' : 'satu',
		best: String(config?.best ?? 3),
		runnersUp: String(config?.runnersUp ?? 3),
		...Object.fromEntries(OPD_KINDS.map((k) => [labelField(k), labelOf(k)]))
	};
}
