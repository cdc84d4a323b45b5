import { describe, expect, it } from 'vitest';
import { parseReportTable } from './report-table';
import type { ParseResult } from './types';

const T = '\t';
const row = (...cells: string[]) => cells.join(T);

/** A two-line-header table like the reports', 3 categories. */
function table(...body: string[]): string {
	return [
		'Daftar Informasi Organisasi Perangkat Daerah (OPD)',
		'',
		row('NO', 'NAMA OPD', 'JENIS DATA', '', ''),
		row('', '', 'Struktur', 'Renja 2021', 'Daftar Aset OPD'),
		...body,
		'',
		'2.4 Besaran Anggaran',
		'Jumlah anggaran …'
	].join('\n');
}

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

describe('parseReportTable: shapes', () => {
	it('reads a two-line header and stops at the next section', () => {
		const result = ok(parseReportTable(table(row('1', 'Dinas A', '√', '', '√'))));
		expect(result.matrix.headers).toEqual(['Struktur', 'Renja 2021', 'Daftar Aset OPD']);
		expect(result.matrix.rows).toEqual([
			{
				number: 1,
				name: 'Dinas A',
				line: 5,
				cells: [
					{ value: 1, notApplicable: false },
					{ value: 0, notApplicable: false, blank: true },
					{ value: 1, notApplicable: false }
				]
			}
		]);
		expect(result.warnings).toEqual([]);
	});

	it('reads a single-line header pasted from a spreadsheet (no JENIS DATA), CRLF, "No."', () => {
		const text = [row('No.', 'Nama OPD', 'A', 'B'), row('1', 'Dinas A', 'ya', 'n/a'), ''].join(
			'\r\n'
		);
		const result = ok(parseReportTable(text));
		expect(result.matrix.headers).toEqual(['A', 'B']);
		expect(values(result)).toEqual([[1, 'na']]);
	});

	it('skips blank lines inside the table and treats missing trailing cells as blank', () => {
		const text = table(row('1', 'Dinas A', '√'), '', '   ', row('2', 'Dinas B', '', '√'));
		expect(values(parseReportTable(text))).toEqual([
			[1, 0, 0],
			[0, 1, 0]
		]);
	});

	it('ignores empty extra cells beyond the last header', () => {
		const text = table(row('1', 'Dinas A', '√', '√', '√', '', '', ' '));
		expect(values(parseReportTable(text))).toEqual([[1, 1, 1]]);
	});

	it('merges a wrapped row: name joined, a tick on either line is a tick', () => {
		const text = table(
			row('1', 'Kecamatan Kasemen Kota', '', '√', ''),
			'',
			row('', 'Serang', '√', '', ''),
			row('2', 'Dinas B', '', '', '√')
		);
		const result = ok(parseReportTable(text));
		expect(result.matrix.rows.map((r) => [r.number, r.name, r.line])).toEqual([
			[1, 'Kecamatan Kasemen Kota Serang', 5],
			[2, 'Dinas B', 8]
		]);
		expect(values(result)).toEqual([
			[1, 1, 0],
			[0, 0, 1]
		]);
	});

	it('accepts the same value on both lines of a wrapped row', () => {
		const text = table(row('1', 'Dinas', '√', '-', ''), row('', 'Sosial', '✓', 'tidak', ''));
		expect(values(parseReportTable(text))).toEqual([[1, 0, 0]]);
	});

	it('merges a tab-less name continuation sitting between rows, with a warning', () => {
		const text = table(
			row('1', 'Kecamatan Kasemen Kota', '√', '', ''),
			'Serang',
			row('2', 'Dinas B', '', '', '√')
		);
		const result = ok(parseReportTable(text));
		expect(result.matrix.rows[0]?.name).toBe('Kecamatan Kasemen Kota Serang');
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0]?.line).toBe(6);
		expect(result.warnings[0]?.message).toContain('Baris 6');
	});

	it('ends at a markdown heading and ignores a later table', () => {
		const text = [
			row('NO', 'NAMA OPD', 'A'),
			row('1', 'Dinas A', '√'),
			'## **2.4 Besaran Anggaran**',
			row('NO', 'BULAN', 'JUMLAH'),
			row('1', 'Januari', '5074')
		].join('\n');
		expect(ok(parseReportTable(text)).matrix.rows).toHaveLength(1);
	});

	it('ends at a "Jumlah" footer line', () => {
		const text = table(row('1', 'Dinas A', '√'), row('', 'JUMLAH', '1', '0', '0'));
		expect(ok(parseReportTable(text)).matrix.rows).toHaveLength(1);
	});

	it('warns (only) when row numbers do not increase', () => {
		const text = table(row('2', 'Dinas A', '√'), row('1', 'Dinas B', '√'));
		const result = ok(parseReportTable(text));
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0]).toMatchObject({ line: 6, column: 1, columnLabel: 'NO' });
		expect(result.warnings[0]?.message).toMatch(/^Baris 6, kolom 1 \(NO\): nomor 1 /);
	});

	it('finds the table after other NO-tables in a report', () => {
		const text = [
			row('NO', 'PERATURAN', 'TENTANG'),
			row('1', 'UU 14/2008', 'KIP'),
			'',
			table(row('1', 'Dinas A', '√'))
		].join('\n');
		expect(ok(parseReportTable(text)).matrix.rows[0]?.name).toBe('Dinas A');
	});
});

describe('parseReportTable: errors', () => {
	it.each([
		['empty text', '', /^Teks kosong/],
		['only blank lines', '\n \n\t\n', /^Teks kosong/],
		['text without the table', 'BAGIAN I\nPendahuluan\nNO\tBULAN\tJUMLAH', /tidak ditemukan/],
		['binary content', 'abc\u0000\u0001def', /bukan teks/],
		['a zip/xlsx file', 'PK\u0003\u0004xl/workbook.xml', /Excel/]
	])('%s', (_, text, message) => {
		const found = errors(parseReportTable(text));
		expect(found).toHaveLength(1);
		expect(found[0]?.line).toBe(0);
		expect(found[0]?.message).toMatch(message);
	});

	it('a bad tick names the line, the column number and label, and the value seen', () => {
		const found = errors(parseReportTable(table(row('1', 'Dinas A', '√', 'x', '√'))));
		expect(found).toEqual([
			expect.objectContaining({ line: 5, column: 4, columnLabel: 'Renja 2021' })
		]);
		expect(found[0]?.message).toMatch(/^Baris 5, kolom 4 \(Renja 2021\): tanda "x"/);
		expect(found[0]?.message).toContain('n/a');
	});

	it('collects every error, in line order', () => {
		const text = table(
			row('1', 'Dinas A', 'ok', '√', '√'),
			row('2', 'Dinas B', '√', '√', '2'),
			row('3', 'Dinas A Kota Serang', '√', '√', '√', '√'),
			row('abc', 'Dinas C', '√')
		);
		const found = errors(parseReportTable(text));
		expect(found.map((e) => [e.line, e.column])).toEqual([
			[5, 3],
			[6, 5],
			[7, 2],
			[7, 6],
			[8, 1]
		]);
		expect(found[0]?.message).toContain('"ok"');
		expect(found[1]?.message).toContain('"2"');
		expect(found[2]?.message).toMatch(/sudah ada di baris 5/);
		expect(found[3]?.message).toMatch(/di luar tabel/);
		expect(found[3]?.message).toContain('3 kolom kategori');
		expect(found[4]?.message).toMatch(/"abc" bukan nomor urut/);
	});

	it('a duplicate OPD is found after wrapped names are joined', () => {
		const text = table(
			row('1', 'Dinas Sosial Kota', '√'),
			row('', 'Serang', ''),
			row('2', 'Dinas Sosial', '')
		);
		const found = errors(parseReportTable(text));
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ line: 7, column: 2, columnLabel: 'NAMA OPD' });
	});

	it('conflicting values on the two lines of a wrapped row', () => {
		const text = table(row('1', 'Dinas', '√', '', ''), row('', 'Sosial', '-', '', ''));
		const found = errors(parseReportTable(text));
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ line: 6, column: 3, columnLabel: 'Struktur' });
		expect(found[0]?.message).toMatch(/bertentangan dengan nilai "√" di baris 5/);
	});

	it('a header without category labels below it', () => {
		const text = [row('NO', 'NAMA OPD', 'JENIS DATA'), row('1', 'Dinas A', '√')].join('\n');
		const found = errors(parseReportTable(text));
		expect(found).toEqual([expect.objectContaining({ line: 1 })]);
		expect(found[0]?.message).toMatch(/nama kategori/);
	});

	it('duplicate and blank category labels', () => {
		const text = [row('NO', 'NAMA OPD', 'A', '', 'a'), row('1', 'Dinas A', '√')].join('\n');
		const found = errors(parseReportTable(text));
		expect(found.map((e) => [e.line, e.column])).toEqual([
			[1, 4],
			[1, 5]
		]);
		expect(found[1]?.message).toMatch(/sudah dipakai di kolom 3/);
	});

	it('an empty table', () => {
		const found = errors(parseReportTable(table()));
		expect(found).toEqual([expect.objectContaining({ line: 3, column: null })]);
		expect(found[0]?.message).toMatch(/tidak berisi baris OPD/);
	});

	it('a numbered row without a name', () => {
		const found = errors(parseReportTable(table(row('1', '', '√'))));
		expect(found).toEqual([expect.objectContaining({ line: 5, column: 2 })]);
		expect(found[0]?.message).toMatch(/nama OPD kosong/);
	});
});
