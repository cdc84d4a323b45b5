/**
 * The two seed reports parsed end to end, checked against hand-made expectations and against an
 * independent, deliberately naive reading of the same files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicatorKey, resolveIndicatorKeys } from './indicator-keys';
import { guessOpdKind, guessShortName, matchOpd, opdSlug } from './opd-names';
import { parseReportTable } from './report-table';
import type { ParsedMatrix } from './types';

const SEEDS = {
	2021: '000_98cb80431292019a.txt',
	2020: '001_fa7482990baaa3fb.txt'
} as const;
type Year = keyof typeof SEEDS;
const YEARS: Year[] = [2021, 2020];

function readSeed(year: Year): string {
	return readFileSync(new URL(`../../../data/seeds/${SEEDS[year]}`, import.meta.url), 'utf8');
}

function parseSeed(year: Year): ParsedMatrix {
	const result = parseReportTable(readSeed(year));
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result.matrix;
}

const SHARED_LABELS_2021 = [
	'Struktur Organisasi & Nama Pejabat',
	'Riwayat Singkat Profil Pegawai OPD',
	'Nama Program & Kegiatan Yang Tertuang Dalam DPA',
	'Jadwal Pelaksanaan Program & Kegiatan',
	'Pengadaan Barang & Jasa',
	'Laporan Realisasi Keuangan',
	'Realisasi Kegiatan',
	'Surat Perjanjian Dengan Pihak Ketiga',
	'Agenda Kerja Pimpinan Satuan/ Unit Kerja',
	'Surat Menyurat Pimpinan',
	'Laporan Akses Informasi',
	'Renja 2021',
	'Daftar Aset OPD'
];
const LABELS_2020 = [
	'Struktur Organisasi & Nama Pejabat',
	'Riwayat Singkat Profil Pegawai OPD',
	'Nama Program & Kegiatan Yang Tertuar Dalam DPA',
	'Jadwal Pelaksanaan Program & Kegiatan',
	'Pengadaan Barang & Jasa',
	'Laporan Realisasi Keuangan',
	'Realisasi Kegiatan',
	'Surat Perjanjian Dengan Pihak Ketiga',
	'Agenda Kerja Pimpinan Satuan / Unit Kerja',
	'Surat Menyurat Pimpinan',
	'Laporan Akses Informasi',
	'Renja 2020',
	'Daftar Informasi yang Dikecualikan',
	'Daftar Aset OPD'
];
const EXPECTED = {
	2021: { rows: 32, headers: SHARED_LABELS_2021, cells: 416, ticks: 266 },
	2020: { rows: 33, headers: LABELS_2020, cells: 462, ticks: 199 }
} as const;

interface NaiveRow {
	number: number;
	name: string;
	ticks: (0 | 1)[];
}

/**
 * Independent reading: the header is the line "NO⇥NAMA OPD⇥JENIS DATA", the labels the next line;
 * every following line that starts with digits and a tab is a row, "√" is 1 and "" is 0. Stops at
 * "Besaran Anggaran". Lines it does not understand are returned for the test to look at.
 */
function naiveRead(text: string) {
	const lines = text.split('\n');
	const start = lines.findIndex((line) => line.startsWith('NO\tNAMA OPD\tJENIS DATA'));
	const labels = (lines[start + 1] ?? '').split('\t').slice(2);
	const rows: NaiveRow[] = [];
	const others: { line: number; text: string }[] = [];
	for (let i = start + 2; !(lines[i] ?? '').includes('Besaran Anggaran'); i++) {
		const line = lines[i] ?? '';
		if (!/^\d+\t/.test(line)) {
			if (line !== '') others.push({ line: i + 1, text: line });
			continue;
		}
		const parts = line.split('\t');
		const ticks = parts.slice(2, 2 + labels.length).map((cell) => {
			if (cell === '√') return 1;
			if (cell === '') return 0;
			throw new Error(`unexpected cell ${cell} on line ${i + 1}`);
		});
		rows.push({ number: Number(parts[0]), name: parts[1] ?? '', ticks });
	}
	return { labels, rows, others };
}

describe('seed reports: shape', () => {
	it.each(YEARS)('%i parses without errors or warnings', (year) => {
		const result = parseReportTable(readSeed(year));
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.warnings).toEqual([]);
	});

	it.each(YEARS)('%i has the expected OPD × category size', (year) => {
		const matrix = parseSeed(year);
		expect(matrix.rows).toHaveLength(EXPECTED[year].rows);
		expect(matrix.headers).toHaveLength(EXPECTED[year].headers.length);
		for (const row of matrix.rows) expect(row.cells).toHaveLength(EXPECTED[year].headers.length);
	});

	it.each(YEARS)('%i headers are exactly as written in the file', (year) => {
		expect(parseSeed(year).headers).toEqual(EXPECTED[year].headers);
	});

	it.each(YEARS)('%i rows are numbered 1..n in order', (year) => {
		const numbers = parseSeed(year).rows.map((row) => row.number);
		expect(numbers).toEqual(Array.from({ length: EXPECTED[year].rows }, (_, i) => i + 1));
	});
});

describe('seed reports: every cell against a naive reading', () => {
	it('the naive reader sees exactly one wrapped line, in 2021 after row 16', () => {
		const naive2021 = naiveRead(readSeed(2021));
		expect(naive2021.others).toHaveLength(1);
		const wrapped = naive2021.others[0];
		expect(wrapped?.line).toBe(287);
		expect(wrapped?.text.split('\t')[1]).toBe('Serang');
		expect(wrapped?.text.split('\t').filter((cell) => cell !== '')).toEqual(['Serang']);
		expect(naive2021.rows[15]?.name).toBe('Kecamatan Kasemen Kota');
		expect(naiveRead(readSeed(2020)).others).toEqual([]);
	});

	it.each(YEARS)('%i: all cells, names and the tick total agree', (year) => {
		const naive = naiveRead(readSeed(year));
		const matrix = parseSeed(year);
		expect(naive.labels).toEqual(EXPECTED[year].headers);
		expect(matrix.rows.map((row) => row.number)).toEqual(naive.rows.map((row) => row.number));
		// The one wrapped row (asserted above) gets its continuation appended.
		const names = naive.rows.map((row) =>
			year === 2021 && row.number === 16 ? `${row.name} Serang` : row.name
		);
		expect(matrix.rows.map((row) => row.name)).toEqual(names);
		let compared = 0;
		let ticks = 0;
		const mismatches: string[] = [];
		matrix.rows.forEach((row, r) => {
			row.cells.forEach((cell, c) => {
				const expected = naive.rows[r]?.ticks[c];
				compared++;
				if (cell.value === 1) ticks++;
				if (cell.value !== expected || cell.notApplicable) {
					mismatches.push(`row ${row.number} col ${c + 1}: ${cell.value} vs ${expected}`);
				}
			});
		});
		expect(mismatches).toEqual([]);
		expect(compared).toBe(EXPECTED[year].cells);
		expect(ticks).toBe(EXPECTED[year].ticks);
		const naiveTicks = naive.rows.flatMap((row) => row.ticks).filter((t) => t === 1).length;
		expect(naiveTicks).toBe(EXPECTED[year].ticks);
	});

	it('878 cells in all', () => {
		const total = YEARS.map(parseSeed).reduce(
			(sum, matrix) => sum + matrix.rows.length * matrix.headers.length,
			0
		);
		expect(total).toBe(878);
	});
});

describe('seed reports: spot checks by hand', () => {
	const ticked = (matrix: ParsedMatrix, number: number) =>
		matrix.rows
			.find((row) => row.number === number)
			?.cells.flatMap((cell, i) => (cell.value === 1 ? [i + 1] : []));

	it('2021 row 16 is the wrapped Kecamatan Kasemen, ticked in columns 3, 12, 13 only', () => {
		const matrix = parseSeed(2021);
		const row = matrix.rows[15];
		expect(row?.number).toBe(16);
		expect(row?.name).toBe('Kecamatan Kasemen Kota Serang');
		expect(row?.line).toBe(285);
		expect(ticked(matrix, 16)).toEqual([3, 12, 13]);
		expect(matrix.rows[16]?.name).toBe('Kecamatan Taktakan Kota Serang');
	});

	it('2020 row 12 has no ticks, row 30 has all 14', () => {
		const matrix = parseSeed(2020);
		expect(matrix.rows[11]?.name).toBe(
			'Dinas Pemberdayaan Perempuan Perlindungan Anak dan Keluarga Berencana Kota Serang'
		);
		expect(ticked(matrix, 12)).toEqual([]);
		expect(matrix.rows[29]?.name).toBe('Sekretariat DPRD Kota Serang');
		expect(ticked(matrix, 30)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
	});

	it('2020 has the OPDs that 2021 lost', () => {
		const names = parseSeed(2020).rows.map((row) => row.name);
		expect(names).toContain('Badan Pelayanan Barang dan Jasa Kota Serang');
		expect(names).toContain('Korps Pegawai Republik Indonesia Kota Serang');
	});
});

describe('seed reports: indicator keys across years', () => {
	it('the 13 shared categories get the same keys in 2020 and 2021', () => {
		const keys2021 = parseSeed(2021).headers.map(indicatorKey);
		const candidates = parseSeed(2021).headers.map((label, i) => ({
			key: keys2021[i] ?? '',
			label
		}));
		const resolved = resolveIndicatorKeys(parseSeed(2020).headers, candidates);
		const shared = resolved.filter((r) => r.match !== 'new').map((r) => r.key);
		expect(shared).toEqual(keys2021);
		expect(new Set(keys2021).size).toBe(13);
		// Twelve match by key alone; the 2020 typo "Tertuar" needs the fuzzy match.
		expect(resolved.filter((r) => r.match === 'exact')).toHaveLength(12);
		expect(resolved.find((r) => r.match === 'fuzzy')?.label).toContain('Tertuar');
	});

	it('"daftar-informasi-yang-dikecualikan" exists only in 2020', () => {
		const key = 'daftar-informasi-yang-dikecualikan';
		expect(parseSeed(2020).headers.map(indicatorKey)).toContain(key);
		expect(parseSeed(2021).headers.map(indicatorKey)).not.toContain(key);
	});

	it('Renja is "renja" in both years', () => {
		for (const year of YEARS) expect(parseSeed(year).headers.map(indicatorKey)).toContain('renja');
	});
});

describe('seed reports: OPDs', () => {
	const candidates = (year: Year) =>
		parseSeed(year).rows.map((row) => ({ key: opdSlug(row.name), names: [row.name] }));

	it.each([
		[2020, 'Satpol PP', 'satuan-polisi-pamong-praja'],
		[2020, 'Kec. Kasemen', 'kecamatan-kasemen'],
		[2020, 'Kecamatan Kasemen', 'kecamatan-kasemen'],
		[2020, 'Diskominfo', 'dinas-komunikasi-dan-informatika'],
		[2021, 'Satpol PP', 'satuan-polisi-pamong-praja'],
		[2021, 'BPBD', 'badan-penanggulangan-bencana-daerah'],
		[2021, 'BKPSDM', 'badan-kepegawaian-pengembangan-sumber-daya-manusia'],
		[2021, 'Kec. Kasemen', 'kecamatan-kasemen']
	] as const)('%i award name "%s" matches %s', (year, name, key) => {
		expect(matchOpd(name, candidates(year))?.key).toBe(key);
	});

	it('2021 OPDs match themselves in 2020 exactly; Bapenda (new in 2021) matches none', () => {
		const in2020 = candidates(2020);
		let matched = 0;
		for (const row of parseSeed(2021).rows) {
			const match = matchOpd(row.name, in2020);
			if (row.name === 'Badan Pendapatan Daerah Kota Serang') {
				expect(match).toBeNull();
				continue;
			}
			expect(match).toEqual({ key: opdSlug(row.name), score: 1, exact: true });
			matched++;
		}
		expect(matched).toBe(31);
	});

	it('seed OPD slugs are unique within each year', () => {
		for (const year of YEARS) {
			const slugs = candidates(year).map((c) => c.key);
			expect(new Set(slugs).size).toBe(slugs.length);
		}
	});

	it('every seed OPD gets a short name from the table and a kind', () => {
		for (const year of YEARS) {
			for (const row of parseSeed(year).rows) {
				const short = guessShortName(row.name);
				expect(short.length, row.name).toBeLessThan(25);
				expect(['dinas', 'badan', 'kecamatan', 'sekretariat', 'lainnya']).toContain(
					guessOpdKind(row.name)
				);
			}
		}
	});
});
