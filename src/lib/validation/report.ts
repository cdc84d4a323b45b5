/**
 * The Laporan Tahunan composer's forms: one narrative section, and the signatory block with the
 * budget. Pure: the page's actions and the tests read the same schemas.
 */
import * as v from 'valibot';
import { SECTION_KEYS, type SectionKey } from '../report/narrative';
import { dateMessage, isCalendarDate } from './date';

/** A section's text: long enough for the longest seed section many times over. */
export const SECTION_MAX = 20_000;

const text = (label: string, max: number) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(max, `${label} paling banyak ${max} karakter.`)
	);

const SectionFields = v.object({
	key: v.picklist(SECTION_KEYS, 'Bagian laporan tidak dikenal.'),
	body: v.pipe(
		v.optional(v.string(), ''),
		// Browsers send CRLF from a textarea; the stored text uses LF.
		v.transform((s) => s.replace(/\r\n?/g, '\n').trim()),
		v.maxLength(SECTION_MAX, `Teks paling banyak ${SECTION_MAX} karakter.`)
	)
});

const MetaFields = v.object({
	signatoryName: text('Nama', 200),
	signatoryNip: v.pipe(
		text('NIP', 30),
		v.regex(/^[\d\s]*$/, 'NIP hanya berisi angka (boleh dipisah spasi).')
	),
	signatoryTitle: text('Jabatan', 200),
	signatoryPlace: text('Tempat', 100),
	signatoryDate: v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.check(
			(s) => s === '' || isCalendarDate(s),
			(issue) => dateMessage('Tanggal', String(issue.input))
		)
	),
	budgetAmount: v.pipe(
		v.optional(v.string(), ''),
		// "Rp 75.904.000", "75.904.000,-" and "75904000" are the same amount.
		v.transform((s) =>
			s
				.replace(/^\s*Rp\.?/i, '')
				.replace(/,-\s*$/, '')
				.replace(/[\s.]/g, '')
		),
		v.check((s) => s === '' || /^\d{1,13}$/.test(s), 'Anggaran ditulis dalam rupiah, angka saja.'),
		v.transform((s) => (s === '' ? null : Number(s)))
	),
	budgetSource: text('Sumber anggaran', 200)
});

export type SectionInput = { key: SectionKey; body: string };
export type MetaInput = v.InferOutput<typeof MetaFields>;

type Result<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function read<T>(schema: v.GenericSchema<unknown, T>, values: Record<string, string>): Result<T> {
	const parsed = v.safeParse(schema, values);
	if (parsed.success) return { ok: true, value: parsed.output };
	const errors: Record<string, string> = {};
	for (const issue of parsed.issues) {
		const key = issue.path?.[0]?.key;
		errors[typeof key === 'string' ? key : '_form'] ??= issue.message;
	}
	return { ok: false, errors };
}

export const readSection = (values: Record<string, string>): Result<SectionInput> =>
	read(SectionFields, values);

export const readMeta = (values: Record<string, string>): Result<MetaInput> =>
	read(MetaFields, values);
