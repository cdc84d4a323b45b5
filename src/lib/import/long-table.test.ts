import { describe, expect, it } from 'vitest';
import { cellAfter, evidenceAfter, sameEvidence } from './cell-change';
import { writeCsv } from './csv-cells';
import { detectLayout } from './delimited-rows';
import { parseSheetRows } from './parse-any';
import { parseDelimited } from './parse-delimited';
import type { ParseResult } from './types';

// The `rinci` export's header (LONG_COLUMNS in src/lib/server/results/export-tables.ts).
const HEADER = [
	'No',
	'OPD',
	'Kode OPD',
	'Indikator',
	'Kode indikator',
	'Nilai',
	'Tidak berlaku',
	'Tautan bukti',
	'Catatan',
	'Nilai mandiri',
	'Mandiri tidak berlaku',
	'Tautan bukti mandiri',
	'Catatan mandiri'
];

type Row = (string | number | null)[];
const row = (
	no: number,
	opd: string,
	label: string,
	key: string,
	value: string | number | null,
	na = '',
	url: string | null = null,
	note: string | null = null
): Row => [no, opd, opd.toLowerCase(), label, key, value, na, url, note, null, '', null, null];

// writeCsv escapes a "-" cell ("'-"); a user typing "-" in a spreadsheet saves it bare.
const csv = (rows: Row[], header = HEADER) =>
	writeCsv(header, rows, { bom: true }).replaceAll(",'-", ',-');

function ok(result: ParseResult) {
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result;
}

function errorsOf(result: ParseResult) {
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}

describe('detecting the long layout from its header', () => {
	it.each([
		[HEADER, true],
		[['OPD', 'Kode indikator', 'Nilai'], true],
		[['Nilai', 'Indikator', 'Nama OPD', 'Catatan'], true],
		[['No', 'OPD', 'Renja', 'LKPJ'], false],
		[['No', 'OPD', 'Indikator', 'Renja'], false],
		[['Indikator', 'Kode indikator', 'Nilai'], false]
	])('%j → long: %s', (header, long) => {
		expect(!!detectLayout(header)?.long).toBe(long);
	});
});

describe('reading the long layout', () => {
	const rows: Row[] = [
		row(1, 'Dinas Kesehatan', 'Renja 2021', 'renja', 1, '', 'https://dinkes.go.id/renja', 'ok'),
		row(1, 'Dinas Kesehatan', 'LKPJ', 'lkpj', 0),
		row(2, 'Satpol PP', 'Renja 2021', 'renja', null, 'ya', null, '=penting, "sekali"'),
		row(3, 'BPBD', 'LKPJ', 'lkpj', null, '', '-', '-')
	];

	it('pivots rows into one row per OPD and one column per indicator, keys kept', () => {
		const { matrix, warnings } = ok(parseDelimited(csv(rows)));
		expect(warnings).toEqual([]);
		expect(matrix.layout).toBe('long');
		expect(matrix.headers).toEqual(['Renja 2021', 'LKPJ']);
		expect(matrix.headerKeys).toEqual(['renja', 'lkpj']);
		expect(matrix.headerSources).toEqual([
			{ line: 2, column: 5, columnLabel: 'Kode indikator' },
			{ line: 3, column: 5, columnLabel: 'Kode indikator' }
		]);
		expect(matrix.rows.map((r) => [r.number, r.name, r.line])).toEqual([
			[1, 'Dinas Kesehatan', 2],
			[2, 'Satpol PP', 4],
			[3, 'BPBD', 5]
		]);
		const [dinkes, satpol, bpbd] = matrix.rows;
		expect(dinkes!.cells).toEqual([
			{
				value: 1,
				notApplicable: false,
				line: 2,
				evidence: { evidenceUrl: 'https://dinkes.go.id/renja', note: 'ok' }
			},
			{ value: 0, notApplicable: false, line: 3, evidence: { evidenceUrl: '', note: '' } }
		]);
		// "tidak berlaku" = ya; the note's formula escape is undone, quotes and comma kept.
		expect(satpol!.cells[0]).toEqual({
			value: null,
			notApplicable: true,
			line: 4,
			evidence: { evidenceUrl: '', note: '=penting, "sekali"' }
		});
		// No row for Satpol PP × LKPJ: left as it is whatever an empty cell means.
		expect(satpol!.cells[1]).toMatchObject({ unlisted: true });
		expect(cellAfter(satpol!.cells[1]!, 'absent')).toBeNull();
		// "-" clears the link and the note; an empty value is blank.
		expect(bpbd!.cells[1]).toEqual({
			value: 0,
			notApplicable: false,
			blank: true,
			line: 5,
			evidence: { evidenceUrl: null, note: null }
		});
	});

	it('reads the same from spreadsheet rows (an .xlsx sheet), numbers as numbers', () => {
		const sheet = [HEADER, ...rows.map((r) => r.map((v) => (v === '' ? null : v)))];
		const fromSheet = ok(parseSheetRows(sheet));
		expect(fromSheet.matrix).toEqual(ok(parseDelimited(csv(rows))).matrix);
	});

	it('reads ";" files, columns in any order, several links normalised one per line', () => {
		const text = writeCsv(
			['Catatan', 'Nilai', 'Indikator', 'OPD', 'Tautan bukti'],
			[['', 'ya', 'Renja', 'Dinas Kesehatan', 'https://a.go.id/1, https://a.go.id/2']],
			{ delimiter: ';' }
		);
		const { matrix } = ok(parseDelimited(text));
		expect(matrix.headers).toEqual(['Renja']);
		expect(matrix.headerKeys).toEqual([null]);
		expect(matrix.rows[0]!.cells[0]).toMatchObject({
			value: 1,
			evidence: { evidenceUrl: 'https://a.go.id/1\nhttps://a.go.id/2', note: '' }
		});
	});

	it('warns about a column it does not read, and reads past the self-assessment ones', () => {
		const { warnings } = ok(
			parseDelimited(csv([[...row(1, 'BPBD', 'LKPJ', 'lkpj', 1), 'x']], [...HEADER, 'Pemeriksa']))
		);
		expect(warnings.map((w) => w.message)).toEqual([
			expect.stringMatching(/^Baris 1, kolom 14 \(Pemeriksa\): kolom ini tidak dikenali/)
		]);
	});

	it('names the line and column of every error: mark, link, note, duplicate, blanks', () => {
		const errors = errorsOf(
			parseDelimited(
				csv([
					row(1, 'Dinas Kesehatan', 'Renja', 'renja', 'x'),
					row(1, 'Dinas Kesehatan', 'LKPJ', 'lkpj', 1, '', 'ftp://dinkes.go.id/lkpj'),
					row(2, 'BPBD', 'Renja', 'renja', 1, '', 'javascript:alert(1)'),
					row(2, 'BPBD', 'LKPJ', 'lkpj', 1, 'ya'),
					row(2, 'BPBD', 'Renja', 'renja', 0),
					row(3, '', 'Renja', 'renja', 1),
					row(4, 'Inspektorat', '', '', 1),
					row(5, 'Bappeda', 'Renja', 'renja', 1, 'mungkin', null, 'a'.repeat(2001))
				])
			)
		);
		expect(errors.map((e) => [e.line, e.column, e.columnLabel])).toEqual([
			[2, 6, 'Nilai'],
			[3, 8, 'Tautan bukti'],
			[4, 8, 'Tautan bukti'],
			[5, 6, 'Nilai'],
			[6, 5, 'Kode indikator'],
			[7, 2, 'OPD'],
			[8, 5, 'Kode indikator'],
			[9, 7, 'Tidak berlaku'],
			[9, 9, 'Catatan']
		]);
		expect(errors[0]!.message).toMatch(/^Baris 2, kolom 6 \(Nilai\): tanda "x" tidak diterima/);
		expect(errors[1]!.message).toMatch(/harus alamat http:\/\/ atau https:\/\//);
		expect(errors[3]!.message).toMatch(/bertentangan dengan "Tidak berlaku" = ya/);
		expect(errors[4]!.message).toMatch(/"BPBD" × indikator "Renja" sudah ada di baris 4/);
		expect(errors[8]!.message).toMatch(/Catatan terlalu panjang/);
	});

	it('reads a note that is "-" as written by the export (escaped) as the note, a typed "-" as clear', () => {
		const { matrix } = ok(
			parseDelimited(
				csv([
					row(1, 'BPBD', 'LKPJ', 'lkpj', 1, '', '-', '-'),
					row(2, 'Inspektorat', 'LKPJ', 'lkpj', 1)
				]).replace('lkpj,1,,-,-', "lkpj,1,,-,'-")
			)
		);
		expect(matrix.rows.map((r) => r.cells[0]!.evidence)).toEqual([
			{ evidenceUrl: null, note: '-' },
			{ evidenceUrl: '', note: '' }
		]);
	});

	it('refuses a header only', () => {
		expect(errorsOf(parseDelimited(csv([])))[0]!.message).toMatch(
			/^Baris 1: tabel tidak berisi baris/
		);
	});
});

describe('what a row does to the stored evidence', () => {
	const before = { evidenceUrl: 'https://a.go.id/x', note: 'lama' };

	it.each([
		['no evidence columns', undefined, 'keep', null],
		[
			'the same, with other white space',
			{ evidenceUrl: 'https://a.go.id/x', note: ' lama\r\n' },
			'keep',
			null
		],
		['empty cells under keep', { evidenceUrl: '', note: '' }, 'keep', null],
		[
			'empty cells under absent',
			{ evidenceUrl: '', note: '' },
			'absent',
			{ evidenceUrl: null, note: null }
		],
		['"-" clears', { evidenceUrl: null }, 'keep', { evidenceUrl: null, note: 'lama' }],
		[
			'a new note only',
			{ note: 'baru' },
			'keep',
			{ evidenceUrl: 'https://a.go.id/x', note: 'baru' }
		]
	] as const)('%s', (_, given, rule, expected) => {
		expect(evidenceAfter(given, rule, before)).toEqual(expected);
	});

	it('treats null and blank as the same', () => {
		expect(sameEvidence({ evidenceUrl: null, note: '' }, { evidenceUrl: '', note: null })).toBe(
			true
		);
	});
});
