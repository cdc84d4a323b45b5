import { describe, expect, it } from 'vitest';
import { readinessOf } from './readiness';

const none = { openAppeals: 0, unsettledTies: 0, unverifiedSelf: 0, notRated: [] };

describe('readinessOf', () => {
	it('is ready with nothing to say when every cell is assessed', () => {
		const r = readinessOf({
			...none,
			opds: [{ slug: 'dinkes', opd: 'Dinkes', unassessed: 0, cells: 13 }]
		});
		expect(r.lines).toEqual([]);
		expect(r.blocksPublishing).toBe(false);
		expect(r.totalCells).toBe(13);
	});

	it('orders OPDs by how much is missing and names those with no value at all', () => {
		const r = readinessOf({
			...none,
			openAppeals: 2,
			unsettledTies: 1,
			unverifiedSelf: 3,
			opds: [
				{ slug: 'bappeda', opd: 'Bappeda', unassessed: 2, cells: 13 },
				{ slug: 'distan', opd: 'Distan', unassessed: 13, cells: 13 },
				{ slug: 'dinkes', opd: 'Dinkes', unassessed: 0, cells: 13 }
			]
		});
		expect(r.opdsWithGaps.map((o) => o.opd)).toEqual(['Distan', 'Bappeda']);
		expect(r.opdsWithoutValues.map((o) => o.opd)).toEqual(['Distan']);
		expect(r.unassessedCells).toBe(15);
		expect(r.blocksPublishing).toBe(true);
		expect(r.lines).toEqual([
			'15 dari 39 sel belum dinilai, di 2 OPD.',
			'1 OPD belum punya nilai sama sekali.',
			'2 sanggahan belum dijawab.',
			'1 posisi podium masih seri tanpa keputusan urutan.',
			'3 sel penilaian mandiri belum diverifikasi.'
		]);
	});

	it('writes thousands the Indonesian way', () => {
		const r = readinessOf({
			...none,
			opds: [{ slug: 'x', opd: 'X', unassessed: 1500, cells: 2000 }]
		});
		expect(r.lines[0]).toBe('1.500 dari 2.000 sel belum dinilai, di 1 OPD.');
	});

	it('names the OPDs left out of the ranking without blocking publishing', () => {
		const r = readinessOf({
			...none,
			opds: [{ slug: 'dinkes', opd: 'Dinkes', unassessed: 0, cells: 13 }],
			notRated: [
				{ slug: 'distan', opd: 'Distan', reason: 'Situs tidak dapat diakses sepanjang periode' },
				{ slug: 'bappeda', opd: 'Bappeda', reason: 'OPD dilebur pada pertengahan tahun' }
			]
		});
		expect(r.lines).toEqual(['2 OPD tidak dinilai dan tidak masuk peringkat: Distan, Bappeda.']);
		expect(r.blocksPublishing).toBe(false);
		expect(r.totalCells).toBe(13);
	});

	it('names the OPDs that did not take part on a line of their own', () => {
		const r = readinessOf({
			...none,
			opds: [],
			notRated: [
				{ slug: 'distan', opd: 'Distan', reason: '', kind: 'tidak berpartisipasi' },
				{ slug: 'bappeda', opd: 'Bappeda', reason: 'OPD dilebur', kind: 'tidak dinilai' }
			]
		});
		expect(r.lines).toEqual([
			'1 OPD tidak dinilai dan tidak masuk peringkat: Bappeda.',
			'1 OPD tidak berpartisipasi dan tidak masuk peringkat: Distan.'
		]);
		expect(r.blocksPublishing).toBe(false);
	});
});
