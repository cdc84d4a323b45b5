import { describe, expect, it } from 'vitest';
import {
	guessOpdKind,
	guessShortName,
	matchOpd,
	createOpdMatcher,
	normalizeOpdName,
	opdSlug,
	slugify
} from './opd-names';

describe('normalizeOpdName', () => {
	it.each([
		['Satuan Polisi Pamong Praja Pemerintah Kota Serang', 'satuan polisi pamong praja'],
		[
			'Dinas Perdagangan Industri Koperasi & UMKM Kota Serang',
			'dinas perdagangan industri koperasi dan umkm'
		],
		[
			'Dinas Pariwisata, Kepemudaan, dan Olahraga Kota Serang',
			'dinas pariwisata kepemudaan dan olahraga'
		],
		['Kec. Kasemen', 'kecamatan kasemen'],
		['kec kasemen', 'kecamatan kasemen'],
		['Kel. Cipare', 'kelurahan cipare'],
		['Kecamatan Serang Kota Serang', 'kecamatan serang'],
		['  Inspektorat   KOTA  SERANG ', 'inspektorat'],
		[
			'Badan Kepegawaian Pengembangan Sumber Daya Manusia',
			'badan kepegawaian pengembangan sumber daya manusia'
		],
		['Dinas Sosial Pemerintah', 'dinas sosial'],
		['Kota Serang', 'kota serang'],
		['Dinas Kesehatan (Dinkes)', 'dinas kesehatan dinkes']
	])('%j → %j', (name, normalized) => {
		expect(normalizeOpdName(name)).toBe(normalized);
	});
});

describe('slugify / opdSlug', () => {
	it.each([
		['Kecamatan Kasemen', 'kecamatan-kasemen'],
		['  Renja 2021 ', 'renja-2021'],
		['Satuan/ Unit Kerja', 'satuan-unit-kerja'],
		['Café – Olahraga!', 'cafe-olahraga'],
		['', '']
	])('slugify(%j) = %j', (text, slug) => {
		expect(slugify(text)).toBe(slug);
	});

	it.each([
		['Kecamatan Kasemen Kota Serang', 'kecamatan-kasemen'],
		['Kec. Kasemen', 'kecamatan-kasemen'],
		[
			'Dinas Perdagangan Industri Koperasi & UMKM Kota Serang',
			'dinas-perdagangan-industri-koperasi-dan-umkm'
		],
		['Satuan Polisi Pamong Praja Pemerintah Kota Serang', 'satuan-polisi-pamong-praja']
	])('opdSlug(%j) = %j', (name, slug) => {
		expect(opdSlug(name)).toBe(slug);
	});
});

describe('guessOpdKind', () => {
	it.each([
		['Dinas Sosial Kota Serang', 'dinas'],
		['Badan Pendapatan Daerah Kota Serang', 'badan'],
		['Kecamatan Curug Kota Serang', 'kecamatan'],
		['Kec. Curug', 'kecamatan'],
		['Sekretariat DPRD Kota Serang', 'sekretariat'],
		['Sekretariat Daerah Kota Serang', 'sekretariat'],
		['Inspektorat Kota Serang', 'lainnya'],
		['Satuan Polisi Pamong Praja Pemerintah Kota Serang', 'lainnya'],
		['Kesatuan Bangsa dan Politik Kota Serang', 'lainnya'],
		['Korps Pegawai Republik Indonesia Kota Serang', 'lainnya'],
		['BPBD', 'badan'],
		['Setwan', 'sekretariat'],
		['Diskominfo', 'dinas'],
		['Kelurahan Cipare', 'lainnya'],
		['RSUD', 'lainnya']
	])('%j → %s', (name, kind) => {
		expect(guessOpdKind(name)).toBe(kind);
	});
});

describe('guessShortName', () => {
	it.each([
		['Satuan Polisi Pamong Praja Pemerintah Kota Serang', 'Satpol PP'],
		['Badan Perencanaan dan Pembangunan Pemerintah Kota Serang', 'Bappeda'],
		['Badan Perencanaan Pembangunan Daerah', 'Bappeda'],
		['Dinas Komunikasi dan Informatika Kota Serang', 'Diskominfo'],
		['Dinas Pertanian Kota Serang', 'Distan'],
		['Dinas Pariwisata, Kepemudaan, dan Olahraga Kota Serang', 'Disparpora'],
		['Badan Pengelola Keuangan Aset Daerah Kota Serang', 'BPKAD'],
		['Badan Pengelola Keuangan dan Aset Daerah', 'BPKAD'],
		['Dinas Pekerjaan Umum dan Penataan Ruang Kota Serang', 'DPUPR'],
		['Dinas Perdagangan Industri Koperasi & UMKM Kota Serang', 'Disperindagkop UMKM'],
		['Inspektorat Kota Serang', 'Inspektorat'],
		['Dinas Ketenagakerjaan dan Transmigrasi Kota Serang', 'Disnakertrans'],
		['Dinas Kependudukan dan Pencatatan Sipil Kota Serang', 'Disdukcapil'],
		['Dinas Pemberdayaan Perempuan Perlindungan Anak dan Keluarga Berencana Kota Serang', 'DP3AKB'],
		['Kecamatan Cipocok Jaya Kota Serang', 'Kec. Cipocok Jaya'],
		['Kecamatan Kasemen Kota Serang', 'Kec. Kasemen'],
		['Dinas Penanaman Modal Pelayanan Terpadu Satu Pintu Kota Serang', 'DPMPTSP'],
		['Dinas Kesehatan Kota Serang', 'Dinkes'],
		['Dinas Sosial Kota Serang', 'Dinsos'],
		['Sekretariat Daerah Kota Serang', 'Setda'],
		['Badan Kepegawaian Pengembangan Sumber Daya Manusia', 'BKPSDM'],
		['Dinas Lingkungan Hidup Kota Serang', 'DLH'],
		['Dinas Perhubungan Kota Serang', 'Dishub'],
		['Dinas Pendidikan dan Kebudayaan Kota Serang', 'Dindikbud'],
		['Badan Penanggulangan Bencana Daerah Kota Serang', 'BPBD'],
		['Kesatuan Bangsa dan Politik Kota Serang', 'Kesbangpol'],
		['Sekretariat DPRD Kota Serang', 'Setwan'],
		['Dinas Perumahan Rakyat dan Kawasan Permukiman Kota Serang', 'Disperkim'],
		['Dinas Perpustakaan dan Arsip Daerah Kota Serang', 'DPAD'],
		['Badan Pendapatan Daerah Kota Serang', 'Bapenda'],
		['Badan Pelayanan Barang dan Jasa Kota Serang', 'BPBJ'],
		['Korps Pegawai Republik Indonesia Kota Serang', 'Korpri'],
		['satpol pp', 'Satpol PP'],
		['Dispusip', 'DPAD'],
		['Kel. cipare', 'Kel. Cipare'],
		['Rumah Sakit  Umum Daerah Kota Serang', 'Rumah Sakit Umum Daerah Kota Serang']
	])('%j → %j', (name, short) => {
		expect(guessShortName(name)).toBe(short);
	});
});

describe('matchOpd', () => {
	const candidates = [
		{ key: 'satpol-pp', names: ['Satuan Polisi Pamong Praja Pemerintah Kota Serang'] },
		{ key: 'kec-kasemen', names: ['Kecamatan Kasemen Kota Serang'] },
		{ key: 'kec-serang', names: ['Kecamatan Serang Kota Serang'] },
		{ key: 'kominfo', names: ['Dinas Komunikasi dan Informatika Kota Serang'] },
		{ key: 'bpbd', names: ['Badan Penanggulangan Bencana Daerah Kota Serang'] },
		{ key: 'bapenda', names: ['Badan Pendapatan Daerah Kota Serang'] },
		{ key: 'bkpsdm', names: ['Badan Kepegawaian Pengembangan Sumber Daya Manusia'] },
		{ key: 'bpkad', names: ['Badan Pengelola Keuangan Aset Daerah Kota Serang'] },
		{ key: 'perkim', names: ['Dinas Perumahan Rakyat dan Kawasan Permukiman', 'Disperkim'] },
		{ key: 'setda', names: ['Sekretariat Daerah Kota Serang'] },
		{ key: 'setwan', names: ['Sekretariat DPRD Kota Serang'] }
	];

	it.each([
		['Kec. Kasemen', 'kec-kasemen', true],
		['Kecamatan Kasemen', 'kec-kasemen', true],
		['KECAMATAN KASEMEN KOTA SERANG', 'kec-kasemen', true],
		['Satpol PP', 'satpol-pp', false],
		['Satpol-PP Kota Serang', 'satpol-pp', false],
		['Diskominfo', 'kominfo', false],
		['BPBD', 'bpbd', false],
		['BKPSDM', 'bkpsdm', false],
		['Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', 'bkpsdm', false],
		['Badan Pengelolaan Keuangan dan Aset Daerah', 'bpkad', false],
		['Dinas Komunikasi dan Informatka Kota Serang', 'kominfo', false],
		['Disperkim', 'perkim', true],
		['Dinas Perumahan dan Kawasan Permukiman', 'perkim', false],
		['Setwan', 'setwan', false],
		['Setda', 'setda', false]
	])('%j → %s (exact: %s)', (name, key, exact) => {
		const match = matchOpd(name, candidates);
		expect(match?.key).toBe(key);
		expect(match?.exact).toBe(exact);
		expect(match?.score).toBeGreaterThanOrEqual(0.8);
	});

	it.each([
		'Kasemen',
		'Kecamatan Curug',
		'Dinas Sosial',
		'Badan Pendapatan',
		'Sekretariat',
		'',
		'Kota Serang'
	])('%j matches nothing (or not a look-alike)', (name) => {
		const match = matchOpd(name, candidates);
		if (name === 'Badan Pendapatan') expect(match?.key ?? null).not.toBe('bpbd');
		else expect(match).toBeNull();
	});

	it('returns null without candidates and prefers the first candidate on a tie', () => {
		expect(matchOpd('Dinas Sosial', [])).toBeNull();
		const twins = [
			{ key: 'a', names: ['Dinas Sosial'] },
			{ key: 'b', names: ['Dinas Sosial Kota Serang'] }
		];
		expect(matchOpd('Dinas Sosial', twins)).toEqual({ key: 'a', score: 1, exact: true });
	});
});

describe('createOpdMatcher', () => {
	const candidates = [
		{ key: 'kec-kasemen', names: ['Kecamatan Kasemen Kota Serang'] },
		{ key: 'kominfo', names: ['Dinas Komunikasi dan Informatika Kota Serang', 'Diskominfo'] },
		{ key: 'kominfo-dup', names: ['Dinas Komunikasi dan Informatika'] },
		{ key: 'bpbd', names: ['Badan Penanggulangan Bencana Daerah Kota Serang'] }
	];
	const match = createOpdMatcher(candidates);

	it.each([
		'Kec. Kasemen',
		'Diskominfo',
		'Dinas Komunikasi dan Informatika',
		'Dinas Komunikasi dan Informatka Kota Serang',
		'BPBD',
		'Dinas Antah Berantah',
		''
	])('answers %j exactly like matchOpd', (name) => {
		expect(match(name)).toEqual(matchOpd(name, candidates));
	});

	it('takes the first candidate when two share a normalised name, as matchOpd does', () => {
		expect(match('Dinas Komunikasi dan Informatika Kota Serang')?.key).toBe('kominfo');
	});
});
