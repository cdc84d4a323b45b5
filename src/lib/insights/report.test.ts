import { describe, expect, it } from 'vitest';
import { flatRubric } from '../scoring/rubric';
import { FIVE, resultOf } from './fixtures';
import { awardParagraphs, groupOfficialAwards, reportTable } from './report';

describe('reportTable', () => {
	const result = resultOf(FIVE, [
		['p', 'P', ['a', 'b']],
		['q', 'Q', ['a', 'b', 'c', 'd', 'e']],
		['r', 'R', ['-a', 'c']]
	]);
	const roster = [
		{ slug: 'q', displayNumber: 2, displayName: 'Dinas Q' },
		{ slug: 'p', displayNumber: 1, displayName: 'Dinas P' },
		{ slug: 'r', displayNumber: 3, displayName: 'Kecamatan R' }
	];

	it('keeps the printed order, numbers and names, with √ marks per column', () => {
		const table = reportTable(result, roster);
		expect(table.columns).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(table.rows.map((r) => [r.number, r.name, r.marks.join('|')])).toEqual([
			[1, 'Dinas P', '√|√|||'],
			[2, 'Dinas Q', '√|√|√|√|√'],
			[3, 'Kecamatan R', 'n/a||√||']
		]);
	});
});

describe('awardParagraphs', () => {
	const names = new Map([
		['p', 'P'],
		['q', 'Q'],
		['r', 'R'],
		['s', 'S']
	]);
	const official = [{ position: 1, title: 'OPD terbaik I', points: 250, opdName: 'Satpol PP' }];

	it('names the settled podium with totals and the official awards apart', () => {
		const result = resultOf(FIVE, [
			['p', 'P', ['a', 'b', 'c', 'd', 'e']],
			['q', 'Q', ['a', 'b', 'c', 'd']],
			['r', 'R', ['a', 'b', 'c']]
		]);
		const text = awardParagraphs(2021, result, names, official);
		expect(text.computed).toBe(
			'Berdasarkan penilaian Daftar Informasi Publik tahun 2021, Terbaik I: P (100,00); Terbaik II: Q (80,00); Terbaik III: R (60,00).'
		);
		expect(text.official).toBe(
			'Penghargaan yang diumumkan PPID (penilaian monev website, rubrik tersendiri): OPD terbaik I: Satpol PP dengan nilai 250.'
		);
	});

	it('says an open tie is open, once', () => {
		const result = resultOf(FIVE, [
			['p', 'P', ['a', 'b']],
			['q', 'Q', ['a', 'b']],
			['r', 'R', ['a', 'b']],
			['s', 'S', ['a']]
		]);
		const text = awardParagraphs(2020, result, names, []);
		expect(text.computed).toBe(
			'Berdasarkan penilaian Daftar Informasi Publik tahun 2020, Terbaik I dan seterusnya belum ditetapkan: 3 OPD bernilai sama 40,00 (P, Q dan R).'
		);
		expect(text.official).toBe('');
	});

	it('says when there is no podium', () => {
		const empty = resultOf(flatRubric([{ key: 'a', label: 'A' }]), [['p', 'P', []]]);
		expect(awardParagraphs(2019, empty, names, []).computed).toMatch(/^Belum ada posisi/);
	});
});

describe('groupOfficialAwards', () => {
	const entry = (list: string | undefined, position: number, opdName: string) => ({
		list,
		position,
		title: `${list} ${position}`,
		points: null,
		source: `sumber ${list}`,
		opdName
	});

	it('groups the flat entries back into their lists, in order', () => {
		const groups = groupOfficialAwards([
			entry('OPD terbaik', 1, 'A'),
			entry('OPD terbaik', 2, 'B'),
			entry('Website terbaik', 1, 'C')
		]);
		expect(groups.map((g) => [g.title, g.source, g.entries.map((e) => e.opdName)])).toEqual([
			['OPD terbaik', 'sumber OPD terbaik', ['A', 'B']],
			['Website terbaik', 'sumber Website terbaik', ['C']]
		]);
	});

	it('keeps awards published before lists had titles as one untitled group', () => {
		const groups = groupOfficialAwards([entry(undefined, 1, 'A'), entry(undefined, 2, 'B')]);
		expect(groups).toHaveLength(1);
		expect(groups[0]!.title).toBe('');
		expect(groupOfficialAwards([])).toEqual([]);
	});
});
