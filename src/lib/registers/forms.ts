/**
 * The desk's register forms, one description per kind of row: which fields, their Indonesian
 * labels, which hold personal data. Pure: the form pages, the valibot reader
 * (`validation/register.ts`), the CSV export and import and the audit sentences all read the same
 * table, so a field added here appears everywhere at once.
 */
import { LABELS, MONTHS, type RecordKind } from './vocab';

export type FieldType =
	'date' | 'text' | 'longtext' | 'choice' | 'month' | 'count' | 'flag' | 'rupiah';

export interface FieldSpec {
	/** The column (camelCase, as in the schema) and the form field name. */
	name: string;
	label: string;
	type: FieldType;
	required?: boolean;
	/** For `choice` and `month`: value → label. */
	choices?: Readonly<Record<string, string>>;
	/** Name, address, contact, e-mail (UU 27/2022): never in the audit log nor in a public view. */
	personal?: boolean;
	/** The refusal when a required choice is missing or not in the list. */
	pickMessage?: string;
}

/** The four register tables the forms write to. */
export type RegisterTable = 'requests' | 'objections' | 'disputes' | 'survey';

export interface RegisterFormSpec {
	slug: RegisterSlug;
	/** "Permohonan informasi", for headings and audit sentences. */
	title: string;
	/** What one row is called in a sentence ("permohonan", "rekap permohonan"). */
	noun: string;
	table: RegisterTable;
	/** Entry or recap for the tables that hold both; null for the others. */
	kind: RecordKind | null;
	fields: readonly FieldSpec[];
	/** Field names shown as columns of the list. */
	columns: readonly string[];
}

export const REGISTER_SLUGS = [
	'permohonan',
	'rekap-permohonan',
	'keberatan',
	'rekap-keberatan',
	'sengketa',
	'survei'
] as const;
export type RegisterSlug = (typeof REGISTER_SLUGS)[number];

export function isRegisterSlug(value: string): value is RegisterSlug {
	return (REGISTER_SLUGS as readonly string[]).includes(value);
}

const MONTH_CHOICES: Record<string, string> = Object.fromEntries(
	MONTHS.map((m, i) => [String(i + 1), m])
);

const f = {
	receivedOn: { name: 'receivedOn', label: 'Tanggal diterima', type: 'date', required: true },
	month: { name: 'month', label: 'Bulan', type: 'month', required: true, choices: MONTH_CHOICES },
	count: { name: 'count', label: 'Jumlah', type: 'count', required: true },
	applicantName: {
		name: 'applicantName',
		label: 'Nama pemohon',
		type: 'text',
		required: true,
		personal: true
	},
	applicantAddress: {
		name: 'applicantAddress',
		label: 'Alamat pemohon',
		type: 'text',
		personal: true
	},
	applicantContact: {
		name: 'applicantContact',
		label: 'Kontak pemohon (telepon/e-mail)',
		type: 'text',
		personal: true
	},
	applicantType: {
		name: 'applicantType',
		label: 'Jenis pemohon',
		type: 'choice',
		required: true,
		choices: LABELS.applicantType,
		pickMessage: 'Pilih jenis pemohon.'
	},
	channel: {
		name: 'channel',
		label: 'Sarana',
		type: 'choice',
		required: true,
		choices: LABELS.channel,
		pickMessage: 'Pilih sarana permohonan.'
	},
	information: {
		name: 'information',
		label: 'Informasi yang diminta',
		type: 'longtext',
		required: true
	},
	opd: { name: 'opd', label: 'OPD penguasa informasi', type: 'text' },
	decision: {
		name: 'decision',
		label: 'Keputusan',
		type: 'choice',
		required: true,
		choices: LABELS.decision,
		pickMessage: 'Pilih keputusan.'
	},
	refusalReason: {
		name: 'refusalReason',
		label: 'Alasan penolakan',
		type: 'choice',
		choices: LABELS.refusalReason,
		pickMessage: 'Pilih alasan penolakan dari daftar.'
	},
	refusalText: { name: 'refusalText', label: 'Uraian alasan penolakan', type: 'longtext' },
	exemptionGround: {
		name: 'exemptionGround',
		label: 'Dasar pengecualian (UU 14/2008 Pasal 17)',
		type: 'longtext'
	},
	consequenceTest: { name: 'consequenceTest', label: 'Uji konsekuensi', type: 'longtext' },
	answeredOn: { name: 'answeredOn', label: 'Tanggal dijawab', type: 'date' },
	extended: { name: 'extended', label: 'Diperpanjang 7 hari kerja', type: 'flag' },
	cost: { name: 'cost', label: 'Biaya (Rp)', type: 'rupiah' },
	note: { name: 'note', label: 'Catatan / tindak lanjut', type: 'longtext' }
} as const satisfies Record<string, FieldSpec>;

const objectionReason: FieldSpec = {
	name: 'reason',
	label: 'Alasan keberatan (Pasal 35 ayat 1)',
	type: 'choice',
	choices: LABELS.objectionReason,
	pickMessage: 'Pilih alasan keberatan dari daftar (huruf a–g).'
};
const objectionReasonText: FieldSpec = {
	name: 'reasonText',
	label: 'Uraian keberatan',
	type: 'longtext',
	required: true
};
const objectionAnswer: FieldSpec = {
	name: 'answer',
	label: 'Tanggapan atasan PPID',
	type: 'longtext'
};
const toDispute: FieldSpec = { name: 'toDispute', label: 'Berlanjut ke sengketa', type: 'flag' };

export const REGISTER_FORMS: Record<RegisterSlug, RegisterFormSpec> = {
	permohonan: {
		slug: 'permohonan',
		title: 'Permohonan informasi',
		noun: 'permohonan',
		table: 'requests',
		kind: 'entry',
		fields: [
			f.receivedOn,
			f.applicantName,
			f.applicantAddress,
			f.applicantContact,
			f.applicantType,
			f.channel,
			f.information,
			f.opd,
			f.decision,
			f.refusalReason,
			f.refusalText,
			f.exemptionGround,
			f.consequenceTest,
			f.answeredOn,
			f.extended,
			f.cost,
			f.note
		],
		columns: ['receivedOn', 'applicantName', 'channel', 'information', 'decision', 'answeredOn']
	},
	'rekap-permohonan': {
		slug: 'rekap-permohonan',
		title: 'Rekap permohonan informasi (per bulan)',
		noun: 'rekap permohonan',
		table: 'requests',
		kind: 'recap',
		fields: [
			f.month,
			f.count,
			f.applicantType,
			f.channel,
			f.information,
			f.opd,
			f.decision,
			f.refusalReason,
			f.refusalText,
			f.note
		],
		columns: ['month', 'count', 'applicantType', 'channel', 'information', 'decision']
	},
	keberatan: {
		slug: 'keberatan',
		title: 'Keberatan',
		noun: 'keberatan',
		table: 'objections',
		kind: 'entry',
		fields: [
			f.receivedOn,
			f.applicantName,
			f.applicantContact,
			f.applicantType,
			objectionReason,
			objectionReasonText,
			objectionAnswer,
			f.answeredOn,
			toDispute
		],
		columns: ['receivedOn', 'applicantName', 'reason', 'reasonText', 'answeredOn', 'toDispute']
	},
	'rekap-keberatan': {
		slug: 'rekap-keberatan',
		title: 'Rekap keberatan (per bulan)',
		noun: 'rekap keberatan',
		table: 'objections',
		kind: 'recap',
		fields: [
			f.month,
			f.count,
			f.applicantType,
			objectionReason,
			objectionReasonText,
			objectionAnswer,
			toDispute
		],
		columns: ['month', 'count', 'applicantType', 'reason', 'reasonText', 'toDispute']
	},
	sengketa: {
		slug: 'sengketa',
		title: 'Sengketa informasi',
		noun: 'sengketa',
		table: 'disputes',
		kind: null,
		fields: [
			{ ...f.applicantName, required: false },
			f.applicantType,
			{ name: 'reason', label: 'Alasan sengketa', type: 'longtext', required: true },
			{ name: 'opd', label: 'OPD termohon', type: 'text' },
			{
				name: 'outcome',
				label: 'Hasil',
				type: 'choice',
				required: true,
				choices: LABELS.disputeOutcome,
				pickMessage: 'Pilih hasil sengketa.'
			},
			{ name: 'outcomeText', label: 'Uraian hasil / nomor putusan', type: 'longtext' },
			{ name: 'note', label: 'Keterangan', type: 'longtext' }
		],
		columns: ['applicantName', 'applicantType', 'reason', 'opd', 'outcome']
	},
	survei: {
		slug: 'survei',
		title: 'Survei kepuasan',
		noun: 'tanggapan survei',
		table: 'survey',
		kind: null,
		fields: [
			{ name: 'respondedOn', label: 'Tanggal', type: 'date', required: true },
			{ name: 'email', label: 'E-mail responden', type: 'text', personal: true },
			{ name: 'occupation', label: 'Pekerjaan', type: 'text' },
			{
				name: 'level',
				label: 'Tingkat kepuasan',
				type: 'choice',
				required: true,
				choices: LABELS.surveyLevel,
				pickMessage: 'Pilih tingkat kepuasan.'
			},
			{ name: 'comment', label: 'Komentar', type: 'longtext' }
		],
		columns: ['respondedOn', 'email', 'occupation', 'level', 'comment']
	}
};

/** A stored value of one field. */
export type FieldValue = string | number | boolean | null;

/** How a yes/no field is written on pages and in exports (and read back on import). */
export const FLAG_TEXT = Object.freeze({ yes: 'ya', no: 'tidak' });

/** A field's stored value as a person reads it: labels for choices, "ya"/"tidak", Rupiah. */
export function displayValue(field: FieldSpec, value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	if (field.type === 'flag') return value ? FLAG_TEXT.yes : FLAG_TEXT.no;
	if (field.choices) return field.choices[String(value)] ?? String(value);
	if (field.type === 'rupiah') return `Rp ${Number(value).toLocaleString('id-ID')}`;
	return String(value);
}

/** A stored value as the text of a form field (what `<input value>` shows). */
export function formText(field: FieldSpec, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (field.type === 'flag') return value ? 'on' : '';
	return String(value);
}
