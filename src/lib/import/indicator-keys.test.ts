import { describe, expect, it } from 'vitest';
import { indicatorKey, labelForYear, matchIndicator, resolveIndicatorKeys } from './indicator-keys';

describe('indicatorKey', () => {
	it.each([
		['Renja 2020', 'renja'],
		['Renja 2021', 'renja'],
		['Renja 2022', 'renja'],
		['Pengadaan Barang & Jasa', 'pengadaan-barang-dan-jasa'],
		['Pengadaan Barang dan Jasa', 'pengadaan-barang-dan-jasa'],
		['  Profil  OPD ', 'profil-opd'],
		['Réalisasi Anggaran', 'realisasi-anggaran'],
		['', ''],
		['RKPD 2021-2026', 'rkpd'],
		['Struktur Organisasi & Nama Pejabat', 'struktur-organisasi-dan-nama-pejabat'],
		['Agenda Kerja Pimpinan Satuan/ Unit Kerja', 'agenda-kerja-pimpinan-satuan-unit-kerja'],
		['Agenda Kerja Pimpinan Satuan / Unit Kerja', 'agenda-kerja-pimpinan-satuan-unit-kerja'],
		['Daftar Informasi yang Dikecualikan', 'daftar-informasi-yang-dikecualikan'],
		['Top 10 dokumen', 'top-10-dokumen'],
		['Anggaran 20210', 'anggaran-20210'],
		['2021', '2021']
	])('%j → %j', (label, key) => {
		expect(indicatorKey(label)).toBe(key);
	});
});

const CANDIDATES = [
	{ key: 'struktur-organisasi-dan-nama-pejabat', label: 'Struktur Organisasi & Nama Pejabat' },
	{
		key: 'nama-program-dan-kegiatan-yang-tertuang-dalam-dpa',
		label: 'Nama Program & Kegiatan Yang Tertuang Dalam DPA'
	},
	{ key: 'laporan-realisasi-keuangan', label: 'Laporan Realisasi Keuangan' },
	{ key: 'realisasi-kegiatan', label: 'Realisasi Kegiatan' },
	{ key: 'renja', label: 'Renja 2021' },
	{ key: 'daftar-aset-opd', label: 'Daftar Aset OPD' }
];

describe('matchIndicator', () => {
	it.each([
		['Renja 2020', 'renja', true],
		['Struktur Organisasi dan Nama Pejabat', 'struktur-organisasi-dan-nama-pejabat', true],
		[
			'Nama Program & Kegiatan Yang Tertuar Dalam DPA',
			'nama-program-dan-kegiatan-yang-tertuang-dalam-dpa',
			false
		],
		['Laporan Realisasi Keuangan ', 'laporan-realisasi-keuangan', true],
		['Daftar Aset', 'daftar-aset-opd', false]
	])('%j → %s (exact: %s)', (label, key, exact) => {
		const match = matchIndicator(label, CANDIDATES);
		expect(match?.key).toBe(key);
		expect(match?.score === 1).toBe(exact);
	});

	it.each(['Daftar Informasi yang Dikecualikan', 'Laporan Akses Informasi', 'Realisasi', ''])(
		'%j matches nothing',
		(label) => {
			expect(matchIndicator(label, CANDIDATES)).toBeNull();
		}
	);

	it('matches a candidate by its label when its key is custom', () => {
		expect(matchIndicator('Renja 2022', [{ key: 'rencana-kerja', label: 'Renja 2021' }])).toEqual({
			key: 'rencana-kerja',
			score: 1
		});
	});
});

describe('resolveIndicatorKeys', () => {
	it('reuses keys one-to-one and gives new labels their own unique key', () => {
		const resolved = resolveIndicatorKeys(
			[
				'Renja 2020',
				'Nama Program & Kegiatan Yang Tertuar Dalam DPA',
				'Realisasi Kegiatan',
				'Daftar Informasi yang Dikecualikan',
				'Renja 2019'
			],
			CANDIDATES
		);
		expect(resolved.map((r) => [r.key, r.match])).toEqual([
			['renja', 'exact'],
			['nama-program-dan-kegiatan-yang-tertuang-dalam-dpa', 'fuzzy'],
			['realisasi-kegiatan', 'exact'],
			['daftar-informasi-yang-dikecualikan', 'new'],
			['renja-2', 'new']
		]);
	});
});

describe('labelForYear', () => {
	it.each([
		['Renja 2021', 2021, 2022, 'Renja 2022'],
		['Renja 2020', 2020, 2021, 'Renja 2021'],
		['RKPD 2021 (perubahan 2021)', 2021, 2022, 'RKPD 2022 (perubahan 2022)'],
		['Renja 2022', 2021, 2022, 'Renja 2022'],
		['Dokumen 120210', 2021, 2022, 'Dokumen 120210'],
		['Daftar Aset OPD', 2021, 2022, 'Daftar Aset OPD']
	])('(%j, %i → %i) = %j', (label, from, to, expected) => {
		expect(labelForYear(label, from, to)).toBe(expected);
	});
});
