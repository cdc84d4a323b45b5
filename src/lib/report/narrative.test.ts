import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	blocks,
	formatIndonesianDate,
	parseNarrative,
	rupiah,
	SECTION_KEYS,
	tableBody,
	terbilang,
	type NarrativeReport
} from './narrative';

const SEEDS = {
	2020: 'data/seeds/001_fa7482990baaa3fb.txt',
	2021: 'data/seeds/000_98cb80431292019a.txt'
} as const;

function parsed(year: 2020 | 2021): NarrativeReport {
	const result = parseNarrative(readFileSync(SEEDS[year], 'utf8'));
	if (!result.ok) throw new Error(result.error);
	return result.report;
}

describe('narrative of the 2021 seed report', () => {
	const r = parsed(2021);

	it('reads the year, the budget of 2.4 and the signatory', () => {
		expect(r.year).toBe(2021);
		expect(r.budget).toEqual({
			amount: 75_904_000,
			fundingSource: 'APBD Pemerintah Kota Serang',
			statedWords: null
		});
		expect(r.signatory).toEqual({
			name: 'ARIE RAHMAN HAKIM, S.Sos, M.Si',
			nip: '19710809 200212 1 003',
			title: 'PPID KOTA SERANG',
			place: 'Serang',
			date: '2022-01-14'
		});
		expect(r.notes).toEqual([]);
	});

	it('fills every section with the source text', () => {
		for (const key of SECTION_KEYS) expect(r.sections[key].length).toBeGreaterThan(20);
		expect(r.sections.kata_pengantar).toMatch(/^Bismillahirrahmaanirrahiim\./);
		expect(r.sections.kata_pengantar).toContain('sebaga Badan Publik Informatif Tahun 2021');
		expect(r.sections.kata_pengantar).not.toContain('Serang, 14 Januari 2022');
		expect(r.sections.latar_belakang).toContain('Perki no 1 tahun 2021 tentang Standar Layanan');
		expect(r.sections.latar_belakang).toContain('(good governance)');
		expect(r.sections.sdm).toContain('ada 7 orang yang terdiri dari 5 (lima) orang');
		expect(r.sections.sistem_informasi).toMatch(/sepanjang tahun 2020 adalah sebagai berikut :$/);
		expect(r.sections.pelayanan).toContain('dilaksanakan dengan 2 (dua) cara');
		expect(r.sections.kendala_eksternal).toMatch(
			/^Kendala eksternal yang dihadapi pada tahun 2021/
		);
		expect(r.sections.rekomendasi).toContain('3. Perlu adanya dukungan anggaran yang memadai');
	});

	it('reads the regulation and facilities tables row by row', () => {
		expect(tableBody(r.sections.regulasi)).toEqual([
			[
				'Perwal No 24 tahun 2011',
				'Pedoman Pengelolaan Pelayanan Informasi dan Dokumentasi di Lingkungan Pemerintah Kota Serang',
				'2011'
			],
			[
				'Kepwal No 042/Kep.289-Huk/2019',
				'Pejabat Pengelola Informasi dan Dokumentasi Kota Serang',
				'2019'
			]
		]);
		const sarana = tableBody(r.sections.sarana);
		expect(sarana.map((row) => row[0])).toEqual([
			'Desk Pelayanan Informasi',
			'Ruang Pelayanan PPID',
			'Sarana Sosialisasi dan Dokumentasi Elektronik'
		]);
		expect(sarana[2]![1]).toBe('Website PPID & Medsos PPID Banner PPID & Pamflet');
	});

	it('splits 1.3 into priorities (a 7-item list), activities without award lines, programs', () => {
		const [intro, list] = blocks(r.sections.arah_prioritas);
		expect(intro).toEqual({
			kind: 'text',
			lines: [
				'Prioritas pelayanan yang menjadi fokus pelaksanaan kegiatan PPID Pemerintah Kota Serang pada tahun 2021 antara lain :'
			]
		});
		expect(list?.kind === 'list' && list.items).toHaveLength(7);
		expect(list?.kind === 'list' && list.items[6]).toBe(
			'Melakukan Monev website dan Daftar Informasi Publik seluruh OPD Kota Serang.'
		);
		expect(r.sections.kegiatan_utama).toContain('Penganugerahan Monitoring Evaluasi Website');
		expect(r.sections.kegiatan_utama).not.toContain('OPD terbaik I dengan nilai 250');
		// The page break inside "… dikelola oleh Pemerintah / Kota Serang mengenai …" is joined.
		expect(r.sections.kegiatan_utama).toContain('dikelola oleh Pemerintah Kota Serang mengenai');
		expect(r.sections.program_inovasi).toMatch(/^Setelah fokus/);
		expect(r.sections.program_inovasi).toContain('aplikasi RAGEM');
		expect(r.sections.program_inovasi).toContain('mendapatkan Penghargaan Kota Informatif.');
	});

	it('reads the internal obstacles as a 3-item list after their intro', () => {
		const b = blocks(r.sections.kendala_internal);
		expect(b).toHaveLength(2);
		expect(b[1]?.kind === 'list' && b[1].items[2]).toMatch(/^Kota Serang terdampak dengan pandemi/);
	});
});

describe('narrative of the 2020 seed report', () => {
	const r = parsed(2020);

	it('reads the budget as written and notes that its words say another amount', () => {
		expect(r.year).toBe(2020);
		expect(r.budget.amount).toBe(51_904_000);
		expect(r.budget.statedWords).toBe('lima puluh juta sembilan ratus empat ribu rupiah');
		expect(r.notes).toEqual([
			'Anggaran 2.4: angka Rp 51.904.000 (lima puluh satu juta sembilan ratus empat ribu rupiah) tidak sama dengan terbilang "lima puluh juta sembilan ratus empat ribu rupiah" di sumber.'
		]);
	});

	it('reads the signatory without the Markdown emphasis', () => {
		expect(r.signatory).toEqual({
			name: 'W. HARI PAMUNGKAS, S. STP, M. Si',
			nip: '19771231 199702 1 002',
			title: 'PPID UTAMA KOTA SERANG',
			place: 'Serang',
			date: '2021-01-07'
		});
	});

	it('keeps the sections of the 2020 wording, joined across page breaks', () => {
		expect(r.sections.kata_pengantar).toMatch(/^Bismillahirrahmaanirrahiim\.\n\nAssalamu/);
		expect(r.sections.latar_belakang).toContain(
			'tentang Pejabat Pengelola Informasi dan Dokumentasi Kota Serang sebagai dasar'
		);
		expect(r.sections.kegiatan_utama).toContain(
			'Satuan Polisi Pamong Praja dengan perolehan 396 point'
		);
		expect(r.sections.kegiatan_utama).toContain('memberikan data-data terupdate mengenai');
		expect(blocks(r.sections.arah_prioritas)[1]).toMatchObject({ kind: 'list' });
		expect(tableBody(r.sections.regulasi)).toHaveLength(2);
		expect(tableBody(r.sections.sarana)[0]![1]).toContain('Buku tamu 1 Banner PPID');
		expect(r.sections.kendala_internal).toContain('Work From Home (WFH)');
		expect(r.sections.rekomendasi).toMatch(/^Melihat permasalahan/);
	});
});

describe('formatting helpers', () => {
	it('writes Rupiah, Indonesian dates and amounts in words', () => {
		expect(rupiah(75_904_000)).toBe('Rp 75.904.000');
		expect(formatIndonesianDate('2022-01-14')).toBe('14 Januari 2022');
		expect(terbilang(75_904_000)).toBe('tujuh puluh lima juta sembilan ratus empat ribu');
		expect(terbilang(1_150)).toBe('seribu seratus lima puluh');
		expect(terbilang(19)).toBe('sembilan belas');
	});

	it('fails naming the missing heading', () => {
		expect(parseNarrative('2021\nKATA PENGANTAR\nteks')).toEqual({
			ok: false,
			error: 'bagian "tanggal tanda tangan" tidak ditemukan'
		});
	});
});
