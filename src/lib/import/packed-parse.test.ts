import { describe, expect, it } from 'vitest';
import { writeCsv } from './csv-cells';
import { packParse, unpackParse } from './packed-parse';
import { parseImportText } from './parse-any';
import type { ParseResult } from './types';

/** What the main thread gets: packed in the thread, cloned by postMessage, unpacked. */
const trip = (result: ParseResult) => unpackParse(structuredClone(packParse(result)));

describe('packing a parse result for the trip from the parse thread', () => {
	it('gives back a wide matrix with every kind of cell, row numbers, names and lines', () => {
		const text = writeCsv(
			['No', 'OPD', 'Renja', 'LKPJ', 'RKA'],
			[
				[1, 'Dinas Kesehatan', '√', '', 'n/a'],
				[null, 'Satpol PP', 'tidak', 'belum dinilai', 'v'],
				[7, 'BPBD', '-', 'ya', '']
			]
		);
		const parsed = parseImportText(text);
		expect(parsed.ok).toBe(true);
		const packed = packParse(parsed);
		expect(packed.packed).toBe(true);
		expect(trip(parsed)).toStrictEqual(parsed);
	});

	it('keeps warnings and the report layout', () => {
		const text = 'NO\tNAMA OPD\tRenja\tLKPJ\n2\tDinas Sosial\t√\t\n1\tDinas Kesehatan\t\t√\n';
		const parsed = parseImportText(text);
		if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
		expect(parsed.warnings.length).toBeGreaterThan(0);
		expect(trip(parsed)).toStrictEqual(parsed);
	});

	it('gives each cell its own object, so editing one leaves the others', () => {
		const parsed = parseImportText('No,OPD,A,B\n1,Dinas X,√,√\n');
		const back = trip(parsed);
		if (!back.ok) throw new Error('expected a matrix');
		back.matrix.rows[0]!.cells[0]!.value = 0;
		expect(back.matrix.rows[0]!.cells[1]!.value).toBe(1);
	});

	it('sends a cell of another shape (the long layout) and a failed parse as they are', () => {
		const long: ParseResult = {
			ok: true,
			warnings: [],
			matrix: {
				headers: ['Renja'],
				layout: 'long',
				rows: [
					{
						number: 1,
						name: 'Dinas X',
						line: 2,
						cells: [{ value: 1, notApplicable: false, line: 2, evidence: { note: 'ok' } }]
					}
				]
			}
		};
		expect(packParse(long).packed).toBe(false);
		expect(trip(long)).toStrictEqual(long);
		const failed = parseImportText('No,OPD,A\n1,Dinas X,x\n');
		expect(failed.ok).toBe(false);
		expect(packParse(failed).packed).toBe(false);
		expect(trip(failed)).toStrictEqual(failed);
	});
});
