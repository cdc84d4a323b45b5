import { describe, expect, it } from 'vitest';
import {
	DEFAULT_NOT_RATED_KIND,
	NOT_RATED_HEADINGS,
	NOT_RATED_KINDS,
	NOT_RATED_LABELS,
	isNotRatedKind,
	markingOf,
	notRatedReasonProblem,
	splitNotRated
} from './not-rated';

describe('the two ways an OPD is left out', () => {
	it('is one list of two values, "tidak dinilai" the default, each with its heading', () => {
		expect(NOT_RATED_KINDS).toEqual(['tidak dinilai', 'tidak berpartisipasi']);
		expect(DEFAULT_NOT_RATED_KIND).toBe('tidak dinilai');
		expect(NOT_RATED_KINDS.map((k) => NOT_RATED_HEADINGS[k])).toEqual([
			'OPD tidak dinilai',
			'OPD tidak berpartisipasi'
		]);
		expect(isNotRatedKind('tidak berpartisipasi')).toBe(true);
		expect(isNotRatedKind('absen')).toBe(false);
	});

	it('needs a reason for "tidak dinilai" only', () => {
		expect(notRatedReasonProblem('tidak dinilai', ' abc ')).toMatch(/minimal 5 karakter/);
		expect(notRatedReasonProblem('tidak dinilai', 'situs mati')).toBeNull();
		expect(notRatedReasonProblem('tidak berpartisipasi', '')).toBeNull();
	});

	it('splits entries apart by kind, an entry without one (published before) as "tidak dinilai"', () => {
		const split = splitNotRated([
			{ slug: 'a' },
			{ slug: 'b', kind: 'tidak berpartisipasi' as const },
			{ slug: 'c', kind: 'tidak dinilai' as const }
		]);
		expect(split['tidak dinilai'].map((e) => e.slug)).toEqual(['a', 'c']);
		expect(split['tidak berpartisipasi'].map((e) => e.slug)).toEqual(['b']);
	});

	it("reads a roster entry's marking, an old one without a kind as 'tidak dinilai'", () => {
		expect(markingOf(null, 'tidak berpartisipasi')).toBeNull();
		expect(markingOf('situs mati', null)).toEqual({ kind: 'tidak dinilai', reason: 'situs mati' });
		expect(markingOf('', 'tidak berpartisipasi')).toEqual({
			kind: 'tidak berpartisipasi',
			reason: ''
		});
		expect(NOT_RATED_KINDS.map((k) => NOT_RATED_LABELS[k])).toEqual([
			'Tidak dinilai',
			'Tidak berpartisipasi'
		]);
	});
});
