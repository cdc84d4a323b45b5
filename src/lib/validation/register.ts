/**
 * The desk's register forms read and checked: one valibot schema per form, built from the field
 * table in `registers/forms.ts`, then the checks across fields (a refusal needs its reason, an
 * answer cannot precede the request). Pure: the server actions, the CSV import and the tests read
 * the same code. Working days are computed from the two dates, never typed.
 */
import * as v from 'valibot';
import { workingDaysBetween } from '../registers/stats';
import {
	FLAG_TEXT,
	REGISTER_FORMS,
	type FieldSpec,
	type FieldValue,
	type RegisterSlug
} from '../registers/forms';
import { MONTHS } from '../registers/vocab';
import { calendarDate, dateMessage, isCalendarDate } from './date';
import { TEXT_LIMITS } from './text-limits';

/** The row a form produces: column → value, plus `kind`, `month`, `count` where the table has them. */
export type RegisterValues = Record<string, FieldValue>;

export type RegisterFormResult =
	{ ok: true; value: RegisterValues } | { ok: false; errors: Record<string, string> };

const lower = (label: string) => label[0]!.toLowerCase() + label.slice(1);
const blankToNull = v.transform((s: string) => (s === '' ? null : s));
// A checkbox posts "on"; a CSV cell says "ya"/"tidak" (as the export writes it) or true/false.
const FLAG_ON = new Set(['on', 'true', '1', 'y', 'yes', FLAG_TEXT.yes]);
const FLAG_OFF = new Set(['', 'off', 'false', '0', 'no', FLAG_TEXT.no]);

function fieldSchema(field: FieldSpec) {
	const max = field.type === 'longtext' ? TEXT_LIMITS.text : TEXT_LIMITS.name;
	const tooLong = `${field.label} paling banyak ${max} karakter.`;
	switch (field.type) {
		case 'date':
			return field.required
				? calendarDate(field.label)
				: v.pipe(
						v.optional(v.string(), ''),
						v.trim(),
						v.check(
							(s) => s === '' || isCalendarDate(s),
							(issue) => dateMessage(field.label, String(issue.input))
						),
						blankToNull
					);
		case 'text':
		case 'longtext':
			return field.required
				? v.pipe(
						v.string(`Isi ${lower(field.label)}.`),
						v.trim(),
						v.nonEmpty(`Isi ${lower(field.label)}.`),
						v.maxLength(max, tooLong)
					)
				: v.pipe(v.optional(v.string(), ''), v.trim(), v.maxLength(max, tooLong), blankToNull);
		case 'choice': {
			const keys = Object.keys(field.choices ?? {}) as [string, ...string[]];
			const message = field.pickMessage ?? `Pilih ${lower(field.label)}.`;
			return field.required
				? v.picklist(keys, message)
				: v.pipe(
						v.optional(v.string(), ''),
						v.trim(),
						blankToNull,
						v.nullable(v.picklist(keys, message))
					);
		}
		case 'month':
			return v.pipe(
				v.string('Pilih bulan.'),
				v.trim(),
				v.check((s) => /^(1[0-2]|[1-9])$/.test(s), `Pilih bulan (${MONTHS[0]}–${MONTHS[11]}).`),
				v.transform(Number)
			);
		case 'count':
			return v.pipe(
				v.string(`Isi ${lower(field.label)}.`),
				v.trim(),
				v.check(
					(s) => /^\d{1,9}$/.test(s) && Number(s) >= 1,
					`${field.label} harus bilangan bulat 1 atau lebih.`
				),
				v.transform(Number)
			);
		case 'rupiah':
			return v.pipe(
				v.optional(v.string(), ''),
				v.trim(),
				// "75.000" and "75 000" as written in Indonesia; no decimals (Rupiah has no cents here).
				v.transform((s) => s.replace(/^Rp\.?\s*/i, '').replace(/[.\s]/g, '')),
				v.check((s) => s === '' || /^\d{1,12}$/.test(s), `${field.label} harus angka Rupiah.`),
				v.transform((s) => (s === '' ? null : Number(s)))
			);
		case 'flag':
			return v.pipe(
				v.optional(v.string(), ''),
				v.trim(),
				v.transform((s) => s.toLowerCase()),
				v.check(
					(s) => FLAG_ON.has(s) || FLAG_OFF.has(s),
					`${field.label}: tulis "${FLAG_TEXT.yes}" atau "${FLAG_TEXT.no}".`
				),
				v.transform((s) => FLAG_ON.has(s))
			);
	}
}

const SCHEMAS = Object.fromEntries(
	Object.values(REGISTER_FORMS).map((form) => [
		form.slug,
		v.object(Object.fromEntries(form.fields.map((field) => [field.name, fieldSchema(field)])))
	])
) as unknown as Record<RegisterSlug, v.GenericSchema<Record<string, string>, RegisterValues>>;

/**
 * Reads one form of `slug` for the register year `year`; every refusal names its field. Working
 * days skip weekends and `holidays` (ISO dates, the public-holiday setting).
 */
export function readRegisterForm(
	slug: RegisterSlug,
	values: Record<string, string>,
	year: number,
	holidays: ReadonlySet<string> = new Set()
): RegisterFormResult {
	const parsed = v.safeParse(SCHEMAS[slug], values);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.issues) {
			const key = issue.path?.[0]?.key;
			errors[typeof key === 'string' ? key : '_form'] ??= issue.message;
		}
		return { ok: false, errors };
	}
	const row: RegisterValues = { ...parsed.output };
	const errors: Record<string, string> = {};
	const form = REGISTER_FORMS[slug];
	const dated = form.fields.find((fl) => fl.type === 'date' && fl.required);
	if (dated) {
		const day = String(row[dated.name]);
		if (!day.startsWith(`${year}-`))
			errors[dated.name] = `${dated.label} ${day} di luar tahun register ${year}.`;
	}
	if ('decision' in row) {
		if (row.decision === 'ditolak' && !row.refusalReason)
			errors.refusalReason = 'Permohonan ditolak: pilih alasan penolakannya.';
		if (row.decision !== 'ditolak' && row.refusalReason)
			errors.refusalReason = 'Alasan penolakan hanya untuk permohonan yang ditolak.';
		if (row.refusalReason === 'dikecualikan' && 'exemptionGround' in row && !row.exemptionGround)
			errors.exemptionGround =
				'Informasi dikecualikan: isi dasar pengecualiannya (UU 14/2008 Pasal 17).';
	}
	if (form.kind === 'entry') {
		const received = String(row.receivedOn);
		row.kind = 'entry';
		row.month = Number(received.slice(5, 7));
		row.count = 1;
		row.workingDays = null;
		if (row.answeredOn) {
			const days = workingDaysBetween(received, String(row.answeredOn), holidays);
			if (days === null)
				errors.answeredOn = `Tanggal dijawab ${row.answeredOn} sebelum tanggal diterima ${received}.`;
			row.workingDays = days;
		}
	} else if (form.kind === 'recap') row.kind = 'recap';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: row };
}

/** Visits of the 12 months: blank is "not recorded" (null), else a whole number. */
export function readVisits(
	values: Record<string, string>
): { ok: true; value: (number | null)[] } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const visits = MONTHS.map((name, i) => {
		const raw = (values[`m${i + 1}`] ?? '').trim().replace(/[.\s]/g, '');
		if (raw === '') return null;
		if (!/^\d{1,12}$/.test(raw)) {
			errors[`m${i + 1}`] = `Kunjungan ${name} harus bilangan bulat 0 atau lebih.`;
			return null;
		}
		return Number(raw);
	});
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: visits };
}
