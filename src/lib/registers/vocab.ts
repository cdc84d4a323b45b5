/**
 * The closed vocabularies of the PPID's service registers (permohonan informasi, keberatan,
 * sengketa, survei kepuasan). Pure: the schema takes its column values from here, the parsers map
 * source text onto them and the statistics count by them. Labels are the Indonesian wording a
 * PPID reads on pages and in the annual report.
 */

/** A register row is one request (an entry) or a monthly recap of several (a count). */
export const RECORD_KINDS = ['entry', 'recap'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** `campuran` is for recap rows that count institutions and individuals together. */
export const APPLICANT_TYPES = ['perorangan', 'badan_hukum', 'kelompok', 'campuran'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

export const CHANNELS = ['desk', 'online', 'email', 'surat', 'telepon'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DECISIONS = [
	'diterima',
	'diterima_sebagian',
	'ditolak',
	'tidak_dijawab',
	'diarahkan'
] as const;
export type Decision = (typeof DECISIONS)[number];

export const REFUSAL_REASONS = [
	'dikecualikan',
	'tidak_dikuasai',
	'belum_didokumentasikan',
	'identitas_tidak_jelas',
	'tidak_beritikad_baik',
	'lainnya'
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** UU 14/2008 Pasal 35 ayat (1) huruf a–g. */
export const OBJECTION_REASONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
export type ObjectionReason = (typeof OBJECTION_REASONS)[number];

export const DISPUTE_OUTCOMES = [
	'mediasi_berhasil',
	'putusan_dikabulkan',
	'putusan_dikabulkan_sebagian',
	'putusan_ditolak',
	'dicabut',
	'gugur',
	'dalam_proses'
] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export const SURVEY_LEVELS = [
	'sangat_puas',
	'puas',
	'cukup_puas',
	'kurang_puas',
	'tidak_puas'
] as const;
export type SurveyLevel = (typeof SURVEY_LEVELS)[number];

/** Working days taken to answer a request: within 10, within the 7-day extension, beyond. */
export const RESPONSE_BUCKETS = ['upTo10', 'from11To17', 'over17', 'unknown'] as const;
export type ResponseBucket = (typeof RESPONSE_BUCKETS)[number];

export const LABELS = {
	applicantType: {
		perorangan: 'Perorangan',
		badan_hukum: 'Badan hukum',
		kelompok: 'Kelompok/lembaga',
		campuran: 'Lembaga & perorangan'
	},
	channel: {
		desk: 'Desk layanan',
		online: 'Online (SIP-PPID)',
		email: 'E-mail',
		surat: 'Surat',
		telepon: 'Telepon'
	},
	decision: {
		diterima: 'Diterima',
		diterima_sebagian: 'Diterima sebagian',
		ditolak: 'Ditolak',
		tidak_dijawab: 'Tidak dijawab',
		diarahkan: 'Diarahkan ke OPD'
	},
	refusalReason: {
		dikecualikan: 'Informasi dikecualikan',
		tidak_dikuasai: 'Informasi tidak dikuasai',
		belum_didokumentasikan: 'Belum didokumentasikan',
		identitas_tidak_jelas: 'Identitas tidak jelas',
		tidak_beritikad_baik: 'Tidak beritikad baik',
		lainnya: 'Lainnya'
	},
	objectionReason: {
		a: 'Penolakan atas dasar pengecualian (Pasal 17)',
		b: 'Informasi berkala tidak disediakan',
		c: 'Permintaan informasi tidak ditanggapi',
		d: 'Permintaan ditanggapi tidak sebagaimana yang diminta',
		e: 'Permintaan informasi tidak dipenuhi',
		f: 'Biaya yang tidak wajar',
		g: 'Penyampaian melebihi waktu'
	},
	disputeOutcome: {
		mediasi_berhasil: 'Mediasi berhasil',
		putusan_dikabulkan: 'Putusan ajudikasi: dikabulkan',
		putusan_dikabulkan_sebagian: 'Putusan ajudikasi: dikabulkan sebagian',
		putusan_ditolak: 'Putusan ajudikasi: ditolak',
		dicabut: 'Dicabut pemohon',
		gugur: 'Gugur',
		dalam_proses: 'Dalam proses'
	},
	surveyLevel: {
		sangat_puas: 'Sangat puas',
		puas: 'Puas',
		cukup_puas: 'Cukup puas',
		kurang_puas: 'Kurang puas',
		tidak_puas: 'Tidak puas'
	},
	responseBucket: {
		upTo10: '≤ 10 hari kerja',
		from11To17: '11–17 hari kerja',
		over17: '> 17 hari kerja',
		unknown: 'Tidak tercatat'
	}
} as const satisfies {
	applicantType: Record<ApplicantType, string>;
	channel: Record<Channel, string>;
	decision: Record<Decision, string>;
	refusalReason: Record<RefusalReason, string>;
	objectionReason: Record<ObjectionReason, string>;
	disputeOutcome: Record<DisputeOutcome, string>;
	surveyLevel: Record<SurveyLevel, string>;
	responseBucket: Record<ResponseBucket, string>;
};

/** Indonesian month names, January first (as the reports print them). */
export const MONTHS = [
	'Januari',
	'Februari',
	'Maret',
	'April',
	'Mei',
	'Juni',
	'Juli',
	'Agustus',
	'September',
	'Oktober',
	'November',
	'Desember'
] as const;

/** 1–12 for an Indonesian month name (any case, "Nopember" too), or null. */
export function monthNumber(name: string): number | null {
	const n = name.trim().toLowerCase().replace('nopember', 'november');
	const i = MONTHS.findIndex((m) => m.toLowerCase() === n);
	return i < 0 ? null : i + 1;
}
