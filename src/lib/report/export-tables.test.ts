import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	cellKey,
	longTable,
	tableToCsv,
	tickMark,
	wideTable,
	type ExportPeriod
} from './export-tables';
import { parseDelimited } from '../import/parse-delimited';
import type { ParsedCell } from '../import/types';

// Printable text with the characters that break naive CSV and spreadsheets: delimiters, quotes,
// formula starts, an apostrophe; trimmed and collapsed because the parser does the same.
const text = fc
	.stringMatching(/^[A-Za-z0-9 ,;"'=+\-@&.()/]{1,24}$/)
	.map((s) => s.replace(/\s+/g, ' ').trim())
	.filter((s) => /[A-Za-z]/.test(s));

const cell = fc.constantFrom<ParsedCell>(
	{ value: 1, notApplicable: false },
	{ value: 0, notApplicable: false },
	{ value: null, notApplicable: true }
);

/** A matrix with unique OPD names (a numbered suffix) and unique category labels. */
const matrix = fc
	.record({
		labels: fc.array(text, { minLength: 1, maxLength: 6 }),
		names: fc.array(text, { minLength: 1, maxLength: 12 })
	})
	.chain(({ labels, names }) =>
		fc.record({
			headers: fc.constant(labels.map((l, i) => `${l} K${i + 1}`)),
			rows: fc.tuple(
				...names.map((n, i) =>
					fc.array(cell, { minLength: labels.length, maxLength: labels.length }).map((cells) => ({
						number: i + 1,
						name: `${n} Unit${i + 1}`,
						cells
					}))
				)
			)
		})
	);

function asPeriod(m: {
	headers: string[];
	rows: { number: number; name: string; cells: ParsedCell[] }[];
}) {
	const period: ExportPeriod = {
		indicators: m.headers.map((label, i) => ({ key: `k${i}`, label })),
		opds: m.rows.map((r, i) => ({ slug: `o${i}`, number: r.number, name: r.name })),
		cells: new Map()
	};
	m.rows.forEach((r, i) =>
		r.cells.forEach((c, j) =>
			period.cells.set(cellKey(`o${i}`, `k${j}`), {
				...c,
				evidenceUrl: null,
				note: null,
				selfValue: null,
				selfNotApplicable: false,
				selfEvidenceUrl: null,
				selfNote: null
			})
		)
	);
	return period;
}

describe('export → import round trip (property)', () => {
	it.each([',', ';', '\t'] as const)(
		'the wide CSV (%j) reads back to the same matrix',
		(delimiter) => {
			fc.assert(
				fc.property(matrix, (m) => {
					const csv = tableToCsv(wideTable(asPeriod(m)), { delimiter, bom: true });
					const parsed = parseDelimited(csv);
					if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
					expect(parsed.matrix.headers).toEqual(m.headers);
					// The report layout writes "tidak ada" as an empty cell: read back as a blank 0.
					expect(
						parsed.matrix.rows.map(({ number, name, cells }) => ({
							number,
							name,
							cells: cells.map(({ value, notApplicable }) => ({ value, notApplicable }))
						}))
					).toEqual(m.rows);
				}),
				{ numRuns: 150 }
			);
		}
	);

	it('no exported cell starts like a formula', () => {
		fc.assert(
			fc.property(matrix, (m) => {
				const period = asPeriod(m);
				for (const table of [wideTable(period), longTable(period)]) {
					const cells = Papa.parse<string[]>(tableToCsv(table), { delimiter: ',' }).data.flat();
					for (const c of cells) expect(c).not.toMatch(/^[=+\-@\t\r]/);
				}
			}),
			{ numRuns: 100 }
		);
	});
});

describe('the template (tick style "template") reads back exactly', () => {
	it.each([',', ';', '\t'] as const)('with the "%s" delimiter, no cell is blank', (delimiter) => {
		fc.assert(
			fc.property(matrix, (m) => {
				const csv = tableToCsv(wideTable(asPeriod(m), false, 'template'), { delimiter });
				const parsed = parseDelimited(csv);
				if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
				expect(parsed.matrix.rows.map((r) => r.cells)).toEqual(m.rows.map((r) => r.cells));
			}),
			{ numRuns: 100 }
		);
	});

	it('writes "tidak" for tidak ada and leaves a cell not assessed empty', () => {
		expect(tickMark({ value: 0, notApplicable: false }, 'template')).toBe('tidak');
		expect(tickMark({ value: null, notApplicable: false }, 'template')).toBe('');
		expect(tickMark(undefined, 'template')).toBe('');
	});
});

describe('tickMark', () => {
	it.each([
		[undefined, ''],
		[{ value: 1, notApplicable: false }, '√'],
		[{ value: 0, notApplicable: false }, ''],
		[{ value: null, notApplicable: false }, ''],
		[{ value: null, notApplicable: true }, 'n/a'],
		[{ value: 3, notApplicable: false }, 3]
	])('%j → %j', (c, mark) => expect(tickMark(c)).toBe(mark));
});
