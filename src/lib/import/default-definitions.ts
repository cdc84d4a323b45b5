/**
 * Default "what counts" of the Kota Serang DIP categories the demo seed loads (issue 13 §3). The
 * seed reports only name the categories; these are short neutral definitions derived from each
 * name, not official text (docs/workflow.md, "What counts"). The team rewrites them in the rubric
 * editor. Keyed by indicator key (indicator-keys.ts); evidence is not made required. Pure data.
 */
import type { IndicatorDefinition } from '../validation/definition-form';

const ACCEPTED = [
	'Tautan ke halaman situs OPD atau PPID yang memuat informasi ini',
	'Dokumen (mis. PDF) yang dapat diunduh dan dibuka dari situs tersebut'
].join('\n');
const REFUSED = [
	'Tautan ke beranda situs tanpa informasi ini',
	'Tautan yang tidak dapat dibuka',
	'Informasi untuk tahun lain dari tahun penilaian'
].join('\n');

const DEFINITIONS: Record<string, string> = {
	'struktur-organisasi-dan-nama-pejabat':
		'Bagan struktur organisasi OPD beserta nama pejabat yang menduduki setiap jabatan.',
	'riwayat-singkat-profil-pegawai-opd': 'Riwayat singkat dan profil pejabat atau pegawai OPD.',
	'nama-program-dan-kegiatan-yang-tertuang-dalam-dpa':
		'Nama program dan kegiatan OPD sebagaimana tertuang dalam Dokumen Pelaksanaan Anggaran (DPA).',
	'jadwal-pelaksanaan-program-dan-kegiatan': 'Jadwal pelaksanaan program dan kegiatan OPD.',
	'pengadaan-barang-dan-jasa': 'Informasi pengadaan barang dan jasa OPD.',
	'laporan-realisasi-keuangan': 'Laporan realisasi keuangan (anggaran) OPD.',
	'realisasi-kegiatan': 'Laporan realisasi pelaksanaan kegiatan OPD.',
	'surat-perjanjian-dengan-pihak-ketiga': 'Surat perjanjian OPD dengan pihak ketiga.',
	'agenda-kerja-pimpinan-satuan-unit-kerja': 'Agenda kerja pimpinan satuan atau unit kerja OPD.',
	'surat-menyurat-pimpinan': 'Surat-menyurat pimpinan OPD yang terbuka untuk publik.',
	'laporan-akses-informasi': 'Laporan layanan akses informasi publik OPD.',
	renja: 'Rencana Kerja (Renja) OPD untuk tahun penilaian.',
	'daftar-informasi-yang-dikecualikan': 'Daftar informasi yang dikecualikan oleh OPD.',
	'daftar-aset-opd': 'Daftar aset yang dikelola OPD.'
};
// The 2020 report misspells the DPA category ("Tertuar"); its key may keep the typo.
DEFINITIONS['nama-program-dan-kegiatan-yang-tertuar-dalam-dpa'] =
	DEFINITIONS['nama-program-dan-kegiatan-yang-tertuang-dalam-dpa']!;

/** The default definition of a seeded category, or null for any other indicator. */
export function defaultDefinition(key: string): IndicatorDefinition | null {
	const definition = DEFINITIONS[key];
	if (!definition) return null;
	return {
		definition,
		acceptableEvidence: ACCEPTED,
		unacceptableEvidence: REFUSED,
		evidenceRequired: false
	};
}
