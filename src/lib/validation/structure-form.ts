/**
 * Parses the rubric structure form (stages, aspects and qualification bands) of the admin period
 * page. Rows are numbered fields: `stageKey_<n>`, `stageLabel_<n>`, `stageShare_<n>`,
 * `stageMinToProceed_<n>`, `stageOrder_<n>`, `stageRemove_<n>` (with `stageRows`), `aspectKey_<n>`,
 * `aspectLabel_<n>`, `aspectStage_<n>`, `aspectShare_<n>`, `aspectRemove_<n>` (with `aspectRows`)
 * and `bandLabel_<n>`, `bandMin_<n>`, `bandRemove_<n>` (with `bandRows`; without it the bands are
 * left as they are). Each row is checked on its own here, with a message naming the row; how the
 * rows fit together (shares adding up to 100, references, aspects still in use) is checked by the
 * server against the whole rubric.
 */
import * as v from 'valibot';
import { withKipStages } from '../scoring/rubric';
import type { Aspect, Band, Stage } from '../scoring/types';
import { indicatorKey } from '../import/indicator-keys';

/** A row as typed, so a refused form can be shown again exactly as it was sent. */
export interface StageFields {
	key: string;
	label: string;
	share: string;
	minToProceed: string;
	order: string;
}
export interface AspectFields {
	key: string;
	label: string;
	stage: string;
	share: string;
}
export interface BandFields {
	label: string;
	min: string;
}
export interface StructureFields {
	stages: StageFields[];
	aspects: AspectFields[];
	bands: BandFields[];
}

export interface StructureDraft {
	stages: Stage[];
	aspects: Aspect[];
	/** Absent when the form did not send the bands. */
	bands?: Band[];
}

/** Rows read from one form, at most this many per table (a form never sends more). */
const MAX_ROWS = 100;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (message: string) =>
	v.pipe(v.string(), v.trim(), v.nonEmpty(message), v.maxLength(120, 'teks terlalu panjang'));

const slug = v.pipe(
	v.string(),
	v.trim(),
	v.nonEmpty('kunci wajib diisi'),
	v.maxLength(60, 'kunci maksimal 60 karakter'),
	v.regex(SLUG, 'kunci hanya huruf kecil, angka dan tanda hubung')
);

/** A 0–100 number as typed, with a decimal comma or point; empty gives `none` (if allowed). */
const percentOr = <N extends null | undefined>(what: string, none: N | 'required') =>
	v.pipe(
		v.string(),
		v.trim(),
		v.check((s) => none !== 'required' || s !== '', `${what} wajib diisi`),
		v.transform((s): number | N => (s === '' ? (none as N) : Number(s.replace(',', '.')))),
		v.check((x) => x == null || !Number.isNaN(x), `${what} harus angka`),
		v.check((x) => x == null || x >= 0, `${what} tidak boleh kurang dari 0`),
		v.check((x) => x == null || x <= 100, `${what} tidak boleh lebih dari 100`)
	);
const percent = (what: string) =>
	v.pipe(
		percentOr<never>(what, 'required'),
		v.transform((x) => x as number)
	);

const stageRow = v.object({
	key: slug,
	label: text('nama tahap wajib diisi'),
	share: percent('bobot'),
	minToProceed: percentOr('nilai minimum', undefined),
	order: v.pipe(
		v.string(),
		v.trim(),
		v.transform((s) => (s === '' ? 0 : Number(s))),
		v.number('urutan harus angka')
	)
});

const aspectRow = v.object({
	key: slug,
	label: text('nama aspek wajib diisi'),
	stage: v.pipe(v.string(), v.trim(), v.nonEmpty('pilih tahapnya')),
	share: percentOr('bobot', null)
});

const bandRow = v.object({
	label: text('nama kualifikasi wajib diisi'),
	min: percent('batas bawah')
});

function rowsOf<T>(
	values: Record<string, string>,
	prefix: string,
	fields: (keyof T & string)[]
): { n: number; fields: T }[] {
	const count = Math.min(Number(values[`${prefix}Rows`] ?? '0') || 0, MAX_ROWS);
	const out: { n: number; fields: T }[] = [];
	for (let n = 0; n < count; n++) {
		if (values[`${prefix}Remove_${n}`] === 'on') continue;
		const row = {} as Record<string, string>;
		for (const field of fields) {
			const name = `${prefix}${field[0]!.toUpperCase()}${field.slice(1)}_${n}`;
			row[field] = (values[name] ?? '').trim();
		}
		// The empty rows offered for additions.
		if (Object.entries(row).every(([k, val]) => val === '' || k === 'stage' || k === 'order'))
			continue;
		out.push({ n, fields: row as T });
	}
	return out;
}

const STAGE_FIELDS: (keyof StageFields)[] = ['key', 'label', 'share', 'minToProceed', 'order'];
const ASPECT_FIELDS: (keyof AspectFields)[] = ['key', 'label', 'stage', 'share'];
const BAND_FIELDS: (keyof BandFields)[] = ['label', 'min'];

interface NumberedRows {
	stages: { n: number; fields: StageFields }[];
	aspects: { n: number; fields: AspectFields }[];
	bands: { n: number; fields: BandFields }[];
}

function readRows(values: Record<string, string>): NumberedRows {
	const withKey = <T extends { key: string; label: string }>(r: { n: number; fields: T }) => ({
		n: r.n,
		fields: { ...r.fields, key: r.fields.key || indicatorKey(r.fields.label) }
	});
	return {
		stages: rowsOf<StageFields>(values, 'stage', STAGE_FIELDS).map(withKey),
		aspects: rowsOf<AspectFields>(values, 'aspect', ASPECT_FIELDS).map(withKey),
		bands: rowsOf<BandFields>(values, 'band', BAND_FIELDS)
	};
}

const fieldsOf = (rows: NumberedRows): StructureFields => ({
	stages: rows.stages.map((r) => r.fields),
	aspects: rows.aspects.map((r) => r.fields),
	bands: rows.bands.map((r) => r.fields)
});

/** The form's rows as typed (removed and untouched empty rows left out); new keys from labels. */
export function readStructureFields(values: Record<string, string>): StructureFields {
	return fieldsOf(readRows(values));
}

/** The saved structure as form rows. */
export function structureFields(s: {
	stages: Stage[];
	aspects: Aspect[];
	bands: Band[];
}): StructureFields {
	const show = (x: number | null | undefined) => (x == null ? '' : String(x));
	return {
		stages: [...s.stages]
			.sort((a, b) => a.order - b.order)
			.map((st) => ({
				key: st.key,
				label: st.label,
				share: show(st.share),
				minToProceed: show(st.minToProceed),
				order: show(st.order)
			})),
		aspects: s.aspects.map((a) => ({ ...a, share: show(a.share) })),
		bands: [...s.bands].sort((a, b) => b.min - a.min).map((b) => ({ ...b, min: show(b.min) }))
	};
}

/**
 * The form with the KIP monev stages in place of the typed ones (see `KIP_STAGES`); the aspects
 * and bands stay as typed. Nothing is saved: the admin checks the rows, then saves.
 */
export function withKipStageFields(fields: StructureFields): StructureFields {
	const { stages, aspects } = withKipStages(fields);
	return {
		...structureFields({ stages, aspects: [], bands: [] }),
		aspects,
		bands: fields.bands
	};
}

function check<S extends v.GenericSchema>(
	schema: S,
	row: unknown,
	name: string,
	errors: string[]
): v.InferOutput<S> | null {
	const result = v.safeParse(schema, row);
	if (result.success) return result.output;
	// One message per field, the first one: "Tahap baris 2 (Visitasi): bobot harus angka."
	const seen = new Set<string>();
	for (const issue of result.issues) {
		const field = v.getDotPath(issue) ?? '';
		if (seen.has(field)) continue;
		seen.add(field);
		errors.push(`${name}: ${issue.message}.`);
	}
	return null;
}

const rowName = (what: string, n: number, label: string) =>
	`${what} baris ${n + 1}${label ? ` (${label})` : ''}`;

/**
 * Reads and checks the structure form. On success the stages are in their typed order, numbered
 * 1, 2, 3…; either way `fields` holds the rows as typed, for showing the form again.
 */
export function parseStructureForm(
	values: Record<string, string>
):
	| { ok: true; structure: StructureDraft; fields: StructureFields }
	| { ok: false; errors: string[]; fields: StructureFields } {
	const rows = readRows(values);
	const fields = fieldsOf(rows);
	const errors: string[] = [];
	const stages: Stage[] = [];
	for (const { n, fields: row } of rows.stages) {
		const out = check(stageRow, row, rowName('Tahap', n, row.label), errors);
		if (!out) continue;
		const { minToProceed, ...rest } = out;
		stages.push({ ...rest, ...(minToProceed === undefined ? {} : { minToProceed }) });
	}
	const aspects: Aspect[] = [];
	for (const { n, fields: row } of rows.aspects) {
		const out = check(aspectRow, row, rowName('Aspek', n, row.label), errors);
		if (out) aspects.push(out);
	}
	const bands: Band[] = [];
	for (const { n, fields: row } of rows.bands) {
		const out = check(bandRow, row, rowName('Kualifikasi', n, row.label), errors);
		if (out) bands.push(out);
	}
	if (errors.length) return { ok: false, errors, fields };
	// Rows without an order keep their place after the numbered ones (a stable sort).
	const ordered = stages
		.map((s, i) => ({ s, i }))
		.sort((a, b) => (a.s.order || Infinity) - (b.s.order || Infinity) || a.i - b.i)
		.map(({ s }, i) => ({ ...s, order: i + 1 }));
	return {
		ok: true,
		structure: {
			stages: ordered,
			aspects,
			...('bandRows' in values ? { bands } : {})
		},
		fields
	};
}
