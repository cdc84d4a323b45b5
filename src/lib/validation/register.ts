/**
 * The desk's form for one permohonan informasi entry. Pure: the page's server action and the
 * tests read the same schema. Working days are computed from the two dates, not typed.
 */
import * as v from 'valibot';
import { workingDaysBetween } from '../registers/stats';
import {
	APPLICANT_TYPES,
	CHANNELS,
	DECISIONS,
	REFUSAL_REASONS,
	type ApplicantType,
	type Channel,
	type Decision,
	type RefusalReason
} from '../registers/vocab';
import { calendarDate, isCalendarDate, dateMessage } from './date';
import { TEXT_LIMITS } from './text-limits';

const required = (label: string, max: number) =>
	v.pipe(
		v.string(`Isi ${label}.`),
		v.trim(),
		v.nonEmpty(`Isi ${label}.`),
		v.maxLength(max, `${label[0]!.toUpperCase()}${label.slice(1)} paling banyak ${max} karakter.`)
	);

const optional = (label: string, max: number) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(max, `${label} paling banyak ${max} karakter.`),
		v.transform((s) => (s === '' ? null : s))
	);

const EntryFields = v.object({
	receivedOn: calendarDate('Tanggal diterima'),
	applicantName: required('nama pemohon', TEXT_LIMITS.name),
	applicantAddress: optional('Alamat', TEXT_LIMITS.name),
	applicantContact: optional('Kontak', TEXT_LIMITS.name),
	applicantType: v.picklist(APPLICANT_TYPES, 'Pilih jenis pemohon.'),
	channel: v.picklist(CHANNELS, 'Pilih sarana permohonan.'),
	information: required('informasi yang diminta', TEXT_LIMITS.text),
	opd: optional('OPD', TEXT_LIMITS.name),
	decision: v.picklist(DECISIONS, 'Pilih keputusan.'),
	refusalReason: v.pipe(
		v.optional(v.string(), ''),
		v.transform((s) => (s === '' ? null : s)),
		v.nullable(v.picklist(REFUSAL_REASONS, 'Pilih alasan penolakan dari daftar.'))
	),
	answeredOn: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check(
			(s) => s === '' || isCalendarDate(s),
			(issue) => dateMessage('Tanggal dijawab', String(issue.input))
		),
		v.transform((s) => (s === '' ? null : s))
	),
	note: optional('Catatan', TEXT_LIMITS.text)
});

export interface RequestEntryInput {
	receivedOn: string;
	applicantName: string;
	applicantAddress: string | null;
	applicantContact: string | null;
	applicantType: ApplicantType;
	channel: Channel;
	information: string;
	opd: string | null;
	decision: Decision;
	refusalReason: RefusalReason | null;
	answeredOn: string | null;
	workingDays: number | null;
	note: string | null;
}

export type EntryResult =
	{ ok: true; value: RequestEntryInput } | { ok: false; errors: Record<string, string> };

/** Reads the form for `year`; every refusal names its field in Indonesian. */
export function readRequestEntry(values: Record<string, string>, year: number): EntryResult {
	const parsed = v.safeParse(EntryFields, values);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.issues) {
			const key = issue.path?.[0]?.key;
			const field = typeof key === 'string' ? key : '_form';
			errors[field] ??= issue.message;
		}
		return { ok: false, errors };
	}
	const f = parsed.output;
	const errors: Record<string, string> = {};
	if (!f.receivedOn.startsWith(`${year}-`))
		errors.receivedOn = `Tanggal diterima ${f.receivedOn} di luar tahun register ${year}.`;
	if (f.decision === 'ditolak' && !f.refusalReason)
		errors.refusalReason = 'Permohonan ditolak: pilih alasan penolakannya.';
	if (f.decision !== 'ditolak' && f.refusalReason)
		errors.refusalReason = 'Alasan penolakan hanya untuk permohonan yang ditolak.';
	const workingDays = f.answeredOn ? workingDaysBetween(f.receivedOn, f.answeredOn) : null;
	if (f.answeredOn && workingDays === null)
		errors.answeredOn = `Tanggal dijawab ${f.answeredOn} sebelum tanggal diterima ${f.receivedOn}.`;
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { ...f, workingDays } };
}
