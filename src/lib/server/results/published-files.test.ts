import { describe, expect, it } from 'vitest';
import { resultOf } from '../../insights/fixtures';
import { flatRubric } from '../../scoring/rubric';
import { readOpdFile } from './opd-file';
import { buildOpdFiles, etagOf, matrixRows } from './published-files';
import { slimSnapshotBody } from './snapshot';
import type { ResultsView } from './view';

/** Names with what a naive splice would break: quotes, `$&`, a backslash, non-ASCII. */
const NAMES = ['Dinas "Kominfo" $& $1', 'Kecamatan \\ Curug', 'Badan — Pendapatan ✓', 'Biasa'];

const view: ResultsView = {
	year: 2021,
	title: 'Monev $& "2021"',
	status: 'published',
	source: null,
	publishedAt: '2021-12-01T00:00:00.000Z',
	roster: NAMES.map((name, i) => ({
		slug: `opd-${i}`,
		name,
		shortName: name.slice(0, 6),
		kind: 'dinas',
		websiteUrl: i ? null : 'https://contoh.go.id/?a=1&b="2"',
		displayNumber: i + 1,
		displayName: name
	})),
	result: resultOf(
		flatRubric([
			{ key: 'a', label: 'A "satu"' },
			{ key: 'b', label: 'B $&' }
		]),
		NAMES.map((name, i) => [`opd-${i}`, name, i % 2 ? ['a'] : ['a', 'b']])
	),
	officialAwards: [],
	notRated: [{ slug: 'opd-x', name: 'Tidak $& dinilai', reason: 'alasan "x"' }]
};

describe('the stored snapshot and the OPD files', () => {
	it('the stored snapshot is the view with each OPD result named by its slug', () => {
		const stored = JSON.parse(slimSnapshotBody(view)) as Record<string, unknown>;
		expect(stored).toEqual({
			...view,
			result: { ...view.result, opds: view.result.opds.map((o) => o.opd) }
		});
		expect(Object.keys(stored)).toEqual(Object.keys(view));
	});

	it('each OPD file reads back as { entry, result }, in the same key order, with its ETag', () => {
		const files = buildOpdFiles(view);
		expect(files).toHaveLength(NAMES.length);
		for (const [i, entry] of view.roster.entries()) {
			const result = view.result.opds.find((o) => o.opd === entry.slug)!;
			const file = files[i]!;
			expect(file.name).toBe(`opd/${entry.slug}.json`);
			expect(file.etag).toBe(etagOf(file.body));
			expect(JSON.stringify(readOpdFile(file.body))).toBe(JSON.stringify({ entry, result }));
			// Indicator scores are stored as columns, not one object each.
			const stored = JSON.parse(file.body) as { result: { indicators: unknown } };
			expect(Array.isArray(stored.result.indicators)).toBe(false);
		}
	});

	it('an OPD file stored with one object per indicator (published before) reads as it is', () => {
		const entry = view.roster[0]!;
		const result = view.result.opds.find((o) => o.opd === entry.slug)!;
		const before = JSON.stringify({ entry, result });
		expect(readOpdFile(before)).toEqual({ entry, result });
	});

	it('matrix marks follow the rubric order, whatever order a result lists its indicators in', () => {
		const marks = matrixRows(view).map((m) => m.marks);
		expect(marks).toEqual(['11', '10', '11', '10']);
		const reversed: ResultsView = {
			...view,
			result: {
				...view.result,
				opds: view.result.opds.map((o) => ({ ...o, indicators: [...o.indicators].reverse() }))
			}
		};
		expect(matrixRows(reversed).map((m) => m.marks)).toEqual(marks);
	});
});
