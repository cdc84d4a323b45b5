/**
 * The customary abbreviations of the Kota Serang OPDs, with the full names seen in the reports
 * and in other official documents. Pure data; opd-names.ts normalises it for matching.
 * Kecamatan and kelurahan are not listed: "Kecamatan X" is always "Kec. X".
 */

/** One known OPD: its customary short name, other short spellings, and full-name variants. */
export interface KnownOpd {
	short: string;
	aliases: readonly string[];
	names: readonly string[];
}

/** Known Kota Serang OPDs, in the order of the 2020 report's table. */
export const KNOWN_OPDS: readonly KnownOpd[] = [
	{
		short: 'Satpol PP',
		aliases: ['Satpol-PP', 'Satpolpp'],
		names: ['Satuan Polisi Pamong Praja']
	},
	{
		short: 'Bappeda',
		aliases: [],
		names: [
			'Badan Perencanaan Pembangunan Daerah',
			'Badan Perencanaan dan Pembangunan',
			'Badan Perencanaan dan Pembangunan Daerah',
			'Badan Perencanaan Pembangunan'
		]
	},
	{
		short: 'Diskominfo',
		aliases: ['Dinkominfo', 'Kominfo'],
		names: ['Dinas Komunikasi dan Informatika', 'Dinas Komunikasi Informatika dan Statistik']
	},
	{ short: 'Distan', aliases: [], names: ['Dinas Pertanian'] },
	{
		short: 'Disparpora',
		aliases: [],
		names: ['Dinas Pariwisata, Kepemudaan, dan Olahraga', 'Dinas Pariwisata Pemuda dan Olahraga']
	},
	{
		short: 'BPKAD',
		aliases: [],
		names: [
			'Badan Pengelola Keuangan Aset Daerah',
			'Badan Pengelola Keuangan dan Aset Daerah',
			'Badan Pengelolaan Keuangan dan Aset Daerah'
		]
	},
	{
		short: 'DPUPR',
		aliases: ['Dinas PUPR', 'PUPR'],
		names: ['Dinas Pekerjaan Umum dan Penataan Ruang']
	},
	{
		short: 'Disperindagkop UMKM',
		aliases: ['Disperindagkop', 'Disperindagkop UKM', 'Disperindagkop-UMKM'],
		names: [
			'Dinas Perdagangan Industri Koperasi & UMKM',
			'Dinas Perdagangan Perindustrian Koperasi dan UMKM',
			'Dinas Perindustrian Perdagangan Koperasi dan UMKM',
			'Dinas Perdagangan Industri Koperasi Usaha Mikro Kecil dan Menengah'
		]
	},
	{ short: 'Inspektorat', aliases: [], names: ['Inspektorat', 'Inspektorat Daerah'] },
	{
		short: 'Disnakertrans',
		aliases: ['Disnaker'],
		names: ['Dinas Ketenagakerjaan dan Transmigrasi', 'Dinas Tenaga Kerja dan Transmigrasi']
	},
	{
		short: 'Disdukcapil',
		aliases: ['Dukcapil'],
		names: ['Dinas Kependudukan dan Pencatatan Sipil']
	},
	{
		short: 'DP3AKB',
		aliases: [],
		names: [
			'Dinas Pemberdayaan Perempuan Perlindungan Anak dan Keluarga Berencana',
			'Dinas Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana'
		]
	},
	{
		short: 'DPMPTSP',
		aliases: [],
		names: [
			'Dinas Penanaman Modal Pelayanan Terpadu Satu Pintu',
			'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu'
		]
	},
	{ short: 'BPBJ', aliases: [], names: ['Badan Pelayanan Barang dan Jasa'] },
	{ short: 'Dinkes', aliases: [], names: ['Dinas Kesehatan'] },
	{ short: 'Dinsos', aliases: [], names: ['Dinas Sosial'] },
	{ short: 'Setda', aliases: [], names: ['Sekretariat Daerah'] },
	{
		short: 'BKPSDM',
		aliases: [],
		names: [
			'Badan Kepegawaian Pengembangan Sumber Daya Manusia',
			'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'
		]
	},
	{ short: 'DLH', aliases: [], names: ['Dinas Lingkungan Hidup'] },
	{ short: 'Dishub', aliases: [], names: ['Dinas Perhubungan'] },
	{
		short: 'Dindikbud',
		aliases: ['Disdikbud'],
		names: ['Dinas Pendidikan dan Kebudayaan']
	},
	{ short: 'BPBD', aliases: [], names: ['Badan Penanggulangan Bencana Daerah'] },
	{
		short: 'Kesbangpol',
		aliases: ['Bakesbangpol'],
		names: ['Kesatuan Bangsa dan Politik', 'Badan Kesatuan Bangsa dan Politik']
	},
	{
		short: 'Setwan',
		aliases: ['Sekwan'],
		names: ['Sekretariat DPRD', 'Sekretariat Dewan Perwakilan Rakyat Daerah', 'Sekretariat Dewan']
	},
	{
		short: 'Disperkim',
		aliases: ['Perkim'],
		names: [
			'Dinas Perumahan Rakyat dan Kawasan Permukiman',
			'Dinas Perumahan dan Kawasan Permukiman'
		]
	},
	{
		short: 'DPAD',
		aliases: ['Dispusip', 'Dispusipda'],
		names: ['Dinas Perpustakaan dan Arsip Daerah', 'Dinas Perpustakaan dan Kearsipan']
	},
	{ short: 'Bapenda', aliases: [], names: ['Badan Pendapatan Daerah'] },
	{ short: 'Korpri', aliases: [], names: ['Korps Pegawai Republik Indonesia'] }
];
