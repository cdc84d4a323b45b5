import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, unneutralizeFormula, type Delimiter } from './csv-cells';
import { buildTemplateCsv, parseDelimited, type TemplateRow } from './csv-template';
import type { ParsedCell, ParseResult } from './types';

function ok(result: ParseResult) {
	if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
	return result;
}

function errors(result: ParseResult) {
	if (result.ok) throw new Error('expected errors');
	return result.errors;
}

const values = (result: ParseResult) =>
	ok(result).matrix.rows.map((r) => r.cells.map((c) => (c.notApplicable ? 'na' : c.value)));

const HEADERS = [
	{ key: 'struktur', label: 'Struktur Organisasi & Nama Pejabat' },
	{ key: 'agenda', label: 'Agenda Kerja Pimpinan Satuan / Unit Kerja' },
	{ key: 'renja', label: 'Renja 2021' },
	{ key: 'plus', label: '+Data "khusus"; tambahan' }
];
const ROWS: TemplateRow[] = [
	{ number: 1, name: 'Satuan Polisi Pamong Praja', values: [1, 1, 1, 1] },
	{ number: 2, name: 'Dinas Pariwisata, Kepemudaan, dan Olahraga', values: [0, 1, 'na', 0] },
	{ number: 3, name: 'Dinas "Baru"; Kota Serang', values: [null, 0, 1, 'na'] },
	{ number: 4, name: '=HYPERLINK("http://evil.example","klik")', values: [1, 0, 0, 0] },
	{ number: 5, name: "'Aisyiyah", values: [0, 0, 0, 0] }
];
const TICK: Record<string, ParsedCell> = {
	'1': { value: 1, notApplicable: false },
	// The template writes both as an empty cell, which reads back as a blank 0.
	'0': { value: 0, notApplicable: false, blank: true },
	null: { value: 0, notApplicable: false, blank: true },
	na: { value: null, notApplicable: true }
};

describe('buildTemplateCsv', () => {
	it('writes No, OPD and the labels, "√" / "" / "n/a", CRLF', () => {
		const csv = buildTemplateCsv(HEADERS.slice(0, 3), [
			{ number: 1, name: 'Dinas A', values: [1, 0, 'na'] },
			{ number: 2, name: 'Dinas B', values: [null, 1, 0] }
		]);
		expect(csv).toBe(
			'No,OPD,Struktur Organisasi & Nama Pejabat,Agenda Kerja Pimpinan Satuan / Unit Kerja,' +
				'Renja 2021\r\n1,Dinas A,√,,n/a\r\n2,Dinas B,,√,\r\n'
		);
	});

	it.each([',', ';', '\t'] as const)('uses the "%s" delimiter and quotes what needs it', (d) => {
		const csv = buildTemplateCsv(HEADERS.slice(3), [{ number: 1, name: 'A, B; C', values: [1] }], {
			delimiter: d
		});
		expect(csv).toBe(`No${d}OPD${d}"'+Data ""khusus""; tambahan"\r\n1${d}"A, B; C"${d}√\r\n`);
	});

	it('prefixes a BOM on request', () => {
		expect(buildTemplateCsv(HEADERS, [], { bom: true }).startsWith('\ufeffNo,OPD,')).toBe(true);
		expect(buildTemplateCsv(HEADERS, []).startsWith('No,OPD,')).toBe(true);
	});

	it('refuses a row whose values do not fit the headers', () => {
		expect(() => buildTemplateCsv(HEADERS, [{ number: 1, name: 'A', values: [1] }])).toThrow(
			RangeError
		);
	});
});

describe('formula injection', () => {
	it.each([
		['=1+1', "'=1+1"],
		['+62812', "'+62812"],
		['-5', "'-5"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tDinas', "'\tDinas"],
		['\rDinas', "'\rDinas"],
		['Dinas A', 'Dinas A'],
		["'Aisyiyah", "'Aisyiyah"],
		["'=1", "''=1"],
		["''-x", "'''-x"],
		['', '']
	])('%j → %j and back', (raw, escaped) => {
		expect(neutralizeFormula(raw)).toBe(escaped);
		expect(unneutralizeFormula(escaped)).toBe(raw);
	});

	it('no written cell starts with = + - @, tab or CR, and "-" is never written', () => {
		const evil = ['=cmd|calc', '+1', '-', '@x', '\tx', '\rx', '-2'];
		const csv = buildTemplateCsv(
			evil.map((label, i) => ({ key: `k${i}`, label })),
			evil.map((name, i) => ({ number: i + 1, name, values: evil.map(() => 0) }))
		);
		const cells = Papa.parse<string[]>(csv, { delimiter: ',', newline: '\r\n' }).data.flat();
		expect(cells.length).toBeGreaterThan(evil.length * 2);
		for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
		expect(cells).not.toContain('-');
	});
});

describe('round trip: build → parseDelimited', () => {
	it.each([
		[',', false],
		[';', false],
		['\t', false],
		[',', true],
		[';', true]
	] as [Delimiter, boolean][])('delimiter %j, BOM %s gives the same matrix', (delimiter, bom) => {
		const csv = buildTemplateCsv(HEADERS, ROWS, { delimiter, bom });
		const result = ok(parseDelimited(csv));
		expect(result.warnings).toEqual([]);
		expect(result.matrix).toEqual({
			headers: HEADERS.map((h) => h.label),
			rows: ROWS.map((row, i) => ({
				number: row.number,
				name: row.name,
				line: i + 2,
				cells: row.values.map((v) => TICK[String(v)])
			}))
		});
	});
});

describe('parseDelimited: accepted shapes', () => {
	it.each([
		['OPD without a No column', 'OPD,A,B\nDinas A,√,\n', null],
		['"Nama OPD" with ";"', 'No;Nama OPD;A;B\n1;Dinas A;√;\n', 1],
		['"NAMA OPD", "No." and tabs', 'No.\tNAMA OPD\tA\tB\n1\tDinas A\t√\t\n', 1],
		['Excel trailing empty columns', 'No,OPD,A,B,,,\n1,Dinas A,√,,,,\n,,,,,,\n', 1],
		['leading blank lines and CRLF', '\r\n\r\nNo,OPD,A,B\r\n1,Dinas A,√\r\n', 1],
		['a report-style two-line header', 'NO;NAMA OPD;JENIS DATA;\n;;A;B\n1;Dinas A;√;\n', 1]
	])('%s', (_, text, number) => {
		const result = ok(parseDelimited(text));
		expect(result.matrix.headers).toEqual(['A', 'B']);
		expect(result.matrix.rows.map((r) => [r.number, r.name])).toEqual([[number, 'Dinas A']]);
		expect(values(result)).toEqual([[1, 0]]);
	});

	it('a quoted cell spanning lines (TSV from a spreadsheet) keeps later line numbers right', () => {
		const text = 'No\tOPD\tA\n1\t"Kecamatan Kasemen\nKota Serang"\t√\n2\tDinas B\tx\n';
		const found = errors(parseDelimited(text));
		expect(found).toEqual([expect.objectContaining({ line: 4, column: 3, columnLabel: 'A' })]);
		const fixed = ok(parseDelimited(text.replace('\tx', '\tya')));
		expect(fixed.matrix.rows.map((r) => [r.name, r.line])).toEqual([
			['Kecamatan Kasemen Kota Serang', 2],
			['Dinas B', 4]
		]);
	});

	it('skips numbered rows with no name and no value (unused template lines)', () => {
		expect(ok(parseDelimited('No,OPD,A\n1,Dinas A,√\n2,,\n3,,\n')).matrix.rows).toHaveLength(1);
	});

	it('warns when numbers do not increase', () => {
		const result = ok(parseDelimited('No,OPD,A\n3,Dinas A,√\n3,Dinas B,\n'));
		expect(result.warnings).toEqual([expect.objectContaining({ line: 3, column: 1 })]);
	});
});

describe('parseDelimited: errors', () => {
	it.each([
		['an empty file', '', 0, /^Berkas kosong/],
		['a file of blank lines', '\n\r\n  \n', 0, /^Berkas kosong/],
		['a BOM only', '\ufeff', 0, /^Berkas kosong/],
		['a NUL byte in long text', `No,OPD,A\n${'1,Dinas A,√\n'.repeat(20)}\u0000`, 0, /bukan teks/],
		[
			'mostly unreadable characters',
			'\u0001\u0002\u0003\ufffd\ufffdab\u0004\u0005',
			0,
			/bukan teks/
		],
		['an xlsx saved as is', 'PK\u0003\u0004\u0014\u0000\u0006\u0000', 0, /Excel/],
		['a PDF', '%PDF-1.7\n%âãÏÓ', 0, /PDF/],
		['one column only (wrong delimiter)', 'No|OPD|A\n1|Dinas A|√\n', 1, /hanya satu kolom/],
		['no OPD column', 'No,Instansi,A\n1,Dinas A,√\n', 1, /kolom nama OPD tidak ditemukan/],
		['no category column', 'No,OPD\n1,Dinas A\n', 1, /tidak memuat nama kategori/],
		['only blank category labels', 'No,OPD,,\n;;\n1,Dinas A\n', 1, /nama kategori/],
		['no data rows', 'No,OPD,A\n\n', 1, /tidak berisi baris OPD/],
		['an unclosed quote', 'No,OPD,A\n1,"Dinas A,√\n', 2, /tanda kutip/]
	])('%s', (_, text, line, message) => {
		const found = errors(parseDelimited(text));
		expect(found[0]?.line).toBe(line);
		expect(found[0]?.message).toMatch(message);
	});

	it('a bad tick names line, column and label and the value', () => {
		const found = errors(parseDelimited('No;OPD;Struktur;Renja 2021\n1;Dinas A;√;X\n'));
		expect(found).toEqual([
			{
				line: 2,
				column: 4,
				columnLabel: 'Renja 2021',
				message: expect.stringMatching(/^Baris 2, kolom 4 \(Renja 2021\): tanda "X" tidak diterima/)
			}
		]);
	});

	it('duplicate OPD rows (also when spelled differently)', () => {
		const text = 'No,OPD,A\n1,Dinas Sosial,√\n2,Dinas B,\n3,DINAS SOSIAL Kota Serang,\n';
		const found = errors(parseDelimited(text));
		expect(found).toEqual([expect.objectContaining({ line: 4, column: 2, columnLabel: 'OPD' })]);
		expect(found[0]?.message).toMatch(/sudah ada di baris 2/);
	});

	it('duplicate header labels', () => {
		const found = errors(parseDelimited('No,OPD,Renja,A,renja\n1,Dinas A,√,,\n'));
		expect(found).toEqual([expect.objectContaining({ line: 1, column: 5, columnLabel: 'renja' })]);
		expect(found[0]?.message).toMatch(/sudah dipakai di kolom 3/);
	});

	it('extra non-empty cells beyond the headers', () => {
		const found = errors(parseDelimited('No,OPD,A\n1,Dinas A,√,,√\n'));
		expect(found).toEqual([expect.objectContaining({ line: 2, column: 5, columnLabel: null })]);
	});

	it('a data row written with another delimiter than the header', () => {
		const found = errors(parseDelimited('No,OPD,A,B\n1;Dinas A;√;\n'));
		expect(found).toEqual([expect.objectContaining({ line: 2 })]);
		expect(found[0]?.message).toMatch(/titik koma/);
	});

	it('a name missing on a row with values, and a bad number', () => {
		const found = errors(parseDelimited('No,OPD,A\n1,,√\nabc,Dinas B,\n'));
		expect(found.map((e) => [e.line, e.column])).toEqual([
			[2, 2],
			[3, 1]
		]);
	});

	it('collects all errors of a file', () => {
		const text = 'No,OPD,A,B\n1,Dinas A,x,\n2,Dinas B,√,?\n3,Dinas A,,\n';
		expect(errors(parseDelimited(text)).map((e) => [e.line, e.column])).toEqual([
			[2, 3],
			[3, 4],
			[4, 2]
		]);
	});
});
