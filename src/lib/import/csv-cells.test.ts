import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, neutralizeFormula, unneutralizeFormula, writeCsv } from './csv-cells';

// What a spreadsheet runs as a formula: a trigger at the start of a line of the cell, after any
// blanks (a naive importer splits cells at line breaks), or a cell starting with tab, CR or LF.
const TRIGGERS = ['=', '+', '-', '@', '\uff1d', '\uff0b', '\uff0d', '\uff20'];
const DANGEROUS_LINE = /^[^\S\r\n]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;
const isSafe = (text: string) =>
	!/^[\t\r\n]/.test(text) && text.split(/\r\n|\r|\n/).every((line) => !DANGEROUS_LINE.test(line));

// Strings rich in what matters: triggers, apostrophes, blanks and line breaks.
const piece = fc.constantFrom(
	...TRIGGERS,
	"'",
	' ',
	'\t',
	'\r',
	'\n',
	'\r\n',
	'\u3000',
	'"',
	',',
	';',
	'a',
	'HYPERLINK("http://evil.example")',
	'Dinas'
);
const cellText = fc.oneof(
	fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
	fc.string({ unit: 'binary', maxLength: 30 })
);

describe('neutralizeFormula', () => {
	it.each([
		['=1+1', "'=1+1"],
		['+62812', "'+62812"],
		['-5', "'-5"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tDinas', "'\tDinas"],
		['\rDinas', "'\rDinas"],
		['\n=1', "'\n'=1"],
		['  =1', "'  =1"],
		['\t=1', "'\t=1"],
		['\uff1dHYPERLINK("x")', '\'\uff1dHYPERLINK("x")'],
		['\uff0b1', "'\uff0b1"],
		['\uff0d1', "'\uff0d1"],
		['\uff20x', "'\uff20x"],
		['Dinas\n=HYPERLINK("http://evil.example")', 'Dinas\n\'=HYPERLINK("http://evil.example")'],
		['Dinas\r\n  @x', "Dinas\r\n'  @x"],
		['Dinas A', 'Dinas A'],
		['Dinas - Kota', 'Dinas - Kota'],
		["'Aisyiyah", "'Aisyiyah"],
		["'=1", "''=1"],
		["''-x", "'''-x"],
		['', '']
	])('%j → %j and back', (raw, escaped) => {
		expect(neutralizeFormula(raw)).toBe(escaped);
		expect(unneutralizeFormula(escaped)).toBe(raw);
	});

	it('leaves no line that a spreadsheet would run, for any text', () => {
		fc.assert(
			fc.property(cellText, (text) => {
				expect(isSafe(neutralizeFormula(text))).toBe(true);
			}),
			{ numRuns: 2000 }
		);
	});

	it('is undone exactly by unneutralizeFormula, for any text', () => {
		fc.assert(
			fc.property(cellText, (text) => {
				expect(unneutralizeFormula(neutralizeFormula(text))).toBe(text);
			}),
			{ numRuns: 2000 }
		);
	});

	it('changes safe text not at all', () => {
		fc.assert(
			fc.property(cellText, (text) => {
				fc.pre(isSafe(text) && !/^'/m.test(text));
				expect(neutralizeFormula(text)).toBe(text);
			})
		);
	});
});

describe('writeCsv', () => {
	it('reads back cell for cell, every text cell safe', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(cellText, { minLength: 2, maxLength: 2 }), { maxLength: 6 }),
				fc.constantFrom(',' as const, ';' as const, '\t' as const),
				(rows, delimiter) => {
					const csv = writeCsv(['a', 'b'], rows, { delimiter });
					const parsed = Papa.parse<string[]>(csv.slice(0, -2), { delimiter, newline: '\r\n' });
					const cells = parsed.data.slice(1);
					expect(cells.map((r) => r.map(unneutralizeFormula))).toEqual(rows.length ? rows : []);
					for (const cell of cells.flat()) expect(isSafe(cell)).toBe(true);
				}
			),
			{ numRuns: 500 }
		);
	});

	it('writes numbers and booleans as they are and blanks as empty', () => {
		expect([-1, 2.5, true, null, undefined].map(csvCell)).toEqual(['-1', '2.5', 'true', '', '']);
		expect(writeCsv(['x'], [['=1']], { bom: true })).toBe("\ufeffx\r\n'=1\r\n");
	});
});
