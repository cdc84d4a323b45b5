import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import { saqRubric } from '../../../tests/support/scoring/fixtures';
import { FIVE, resultOf } from './fixtures';
import { exampleOpd, isFlat, rubricRows, tieRule } from './method';

describe('rubricRows', () => {
	it('states each indicator with its group, kind, rule and maximum', () => {
		expect(rubricRows(FIVE)[0]).toEqual({
			order: 1,
			key: 'a',
			label: 'A',
			aspect: 'Daftar Informasi Publik',
			kind: 'ada/tidak ada',
			rule: '1 poin bila ada, 0 bila tidak',
			maxPoints: 1
		});
		const saq = rubricRows(saqRubric());
		expect(saq.at(-1)).toMatchObject({
			kind: 'skala bertingkat',
			rule: '100 × level ÷ 4 (level 0–4)',
			maxPoints: 100
		});
		expect(saq[0]).toMatchObject({
			kind: 'hitungan',
			rule: '1 poin per unit, paling banyak 10.000'
		});
	});
});

describe('isFlat', () => {
	it.each([
		[FIVE, true],
		[saqRubric(), false]
	])('%#', (rubric, expected) => {
		expect(isFlat(rubric)).toBe(expected);
	});
});

describe('tieRule', () => {
	it('says that ties stay open without a priority list or decisions', () => {
		const lines = tieRule(FIVE);
		expect(lines[0]).toMatch(/dibulatkan 2 desimal/);
		expect(lines[0]).toMatch(/sudah diputuskan mendapat peringkat berurutan/);
		expect(lines[1]).toMatch(/tidak menetapkan urutan prioritas/);
		expect(lines[2]).toMatch(/dibiarkan terbuka/);
	});

	it('names the priority keys by label and counts the decisions', () => {
		const rubric = flatRubric(
			[
				{ key: 'a', label: 'Profil' },
				{ key: 'b', label: 'Renja' }
			],
			{
				tieBreak: {
					priority: ['b', 'dip'],
					decisions: [{ order: ['x', 'y'], reason: 'presentasi' }]
				}
			}
		);
		const lines = tieRule(rubric);
		expect(lines[1]).toContain('Renja, Daftar Informasi Publik');
		expect(lines[2]).toContain('1 keputusan');
	});
});

describe('exampleOpd', () => {
	it('takes the median OPD among those that miss something', () => {
		const result = resultOf(FIVE, [
			['all', 'All', ['a', 'b', 'c', 'd', 'e']],
			['four', 'Four', ['a', 'b', 'c', 'd']],
			['three', 'Three', ['a', 'b', 'c']],
			['one', 'One', ['a']],
			['none', 'None', []]
		]);
		expect(exampleOpd(result)).toBe('three');
	});

	it('falls back to the whole ranking, and to null when empty', () => {
		expect(exampleOpd(resultOf(FIVE, [['all', 'All', ['a', 'b', 'c', 'd', 'e']]]))).toBe('all');
		expect(exampleOpd(resultOf(FIVE, []))).toBeNull();
	});
});
