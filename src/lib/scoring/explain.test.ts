import { describe, expect, it } from 'vitest';
import { explainScore } from './explain';
import { flatRubric } from './rubric';
import { scorePeriod } from './score';
import { participants, saqCells, saqRubric } from '../../../tests/support/scoring/fixtures';

describe('explainScore', () => {
	it('walks through a flat rubric indicator by indicator', () => {
		const rubric = flatRubric([
			{ key: 'profil', label: 'Profil' },
			{ key: 'struktur', label: 'Struktur Organisasi' },
			{ key: 'renja', label: 'Renja' },
			{ key: 'lhkpn', label: 'LHKPN' },
			{
				key: 'kualitas',
				label: 'Kualitas Informasi',
				kind: 'scale',
				weight: 3,
				maxLevel: 4,
				levelLabels: ['Tidak ada', 'Kurang', 'Cukup', 'Baik', 'Sangat baik']
			},
			{ key: 'berita', label: 'Berita', kind: 'count', weight: 2, pointsPerUnit: 0.5, cap: 2 }
		]);
		const result = scorePeriod(rubric, participants(['kasemen', 'Kecamatan Kasemen']), [
			{ opd: 'kasemen', indicator: 'profil', value: 1 },
			{ opd: 'kasemen', indicator: 'struktur', value: 0 },
			{ opd: 'kasemen', indicator: 'lhkpn', value: null, notApplicable: true },
			{ opd: 'kasemen', indicator: 'kualitas', value: 3 },
			{ opd: 'kasemen', indicator: 'berita', value: 7 }
		]);
		// 1 + 0 + 0 + 2.25 + 2 = 5.25 of 1 + 1 + 1 + 3 + 2 = 8 → 65.625% → 65.63
		expect(explainScore(result, 'kasemen')).toEqual([
			'Profil: ada → 1 dari 1 poin',
			'Struktur Organisasi: tidak ada → 0 dari 1 poin',
			'Renja: belum dinilai → 0 dari 1 poin',
			'LHKPN: tidak berlaku → tidak dihitung',
			'Kualitas Informasi: level 3 dari 4 (Baik) → 3 × 3/4 = 2,25 dari 3 poin',
			'Berita: 7 unit × 0,5 poin, paling banyak 2 → 2 dari 2 poin',
			'Jumlah: 5,25 dari 8 poin = 65,63%',
			'Nilai akhir: 65,63 (Cukup Informatif), peringkat 1 dari 1, Terbaik I'
		]);
	});

	it('shows shares, the stage minimum and the weighted total', () => {
		const result = scorePeriod(saqRubric(), participants(['a', 'OPD A']), [
			...saqCells('a', [7999, 7999, 7999, 7999, 7999, 7999], 4)
		]);
		const lines = explainScore(result, 'a');
		expect(lines.slice(0, 4)).toEqual([
			'Tahap SAQ (bobot 80%)',
			'Aspek Jenis Informasi (bobot 40%)',
			'Butir Jenis Informasi: 7.999 unit × 1 poin, paling banyak 10.000 → 7.999 dari 10.000 poin',
			// 79.99% × 40% = 31.996
			'Nilai aspek Jenis Informasi: 7.999 dari 10.000 poin = 79,99% × 40% = 31,996'
		]);
		expect(lines.slice(-6)).toEqual([
			// 31.996 + 15.998 + 4 × 7.999 = 79.99
			'Nilai tahap SAQ: 31,996 + 15,998 + 7,999 + 7,999 + 7,999 + 7,999 = 79,99',
			'Nilai tahap 79,99 di bawah nilai minimum 80: tidak lanjut ke tahap berikutnya',
			'Tahap Visitasi (bobot 20%)',
			'Tahap Visitasi tidak diikuti: berhenti di tahap SAQ → 0',
			// 79.99 × 0.8 = 63.992
			'Total: 79,99 × 80% + 0 × 20% = 63,992',
			'Nilai akhir: 63,99 (Cukup Informatif), peringkat 1 dari 1, Terbaik I'
		]);
	});

	it('shows the rounded stage score the minimum is checked on', () => {
		// SAQ 79.996 passes as 80.00; total 79.996 × 80% + 100 × 20% = 63.9968 + 20 = 83.9968
		const result = scorePeriod(saqRubric(), participants(['c', 'OPD C']), [
			...saqCells('c', [8000, 7998, 8000, 8000, 8000, 8000], 4)
		]);
		const lines = explainScore(result, 'c');
		expect(lines).toContain('Nilai tahap 80,00 memenuhi nilai minimum 80 untuk lanjut');
		expect(lines).toContain('Jumlah tahap Visitasi: 100 dari 100 poin = 100,00%');
		expect(lines.slice(-2)).toEqual([
			'Total: 79,996 × 80% + 100 × 20% = 83,9968',
			'Nilai akhir: 84,00 (Menuju Informatif), peringkat 1 dari 1, Terbaik I'
		]);
	});

	it('returns no lines for an OPD not in the result', () => {
		const result = scorePeriod(saqRubric(), [], []);
		expect(explainScore(result, 'a')).toEqual([]);
	});
});
