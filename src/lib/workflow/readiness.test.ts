import { describe, expect, it } from 'vitest';
import { readinessOf } from './readiness';

const none = { openAppeals: 0, unsettledTies: 0, unverifiedSelf: 0 };

describe('readinessOf', () => {
	it('is ready with nothing to say when every cell is assessed', () => {
		const r = readinessOf({ ...none, opds: [{ opd: 'Dinkes', unassessed: 0, cells: 13 }] });
		expect(r.lines).toEqual([]);
		expect(r.blocksPublishing).toBe(false);
		expect(r.totalCells).toBe(13);
	});

	it('orders OPDs by how much is missing and names those with no value at all', () => {
		const r = readinessOf({
			openAppeals: 2,
			unsettledTies: 1,
			unverifiedSelf: 3,
			opds: [
				{ opd: 'Bappeda', unassessed: 2, cells: 13 },
				{ opd: 'Distan', unassessed: 13, cells: 13 },
				{ opd: 'Dinkes', unassessed: 0, cells: 13 }
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
		const r = readinessOf({ ...none, opds: [{ opd: 'X', unassessed: 1500, cells: 2000 }] });
		expect(r.lines[0]).toBe('1.500 dari 2.000 sel belum dinilai, di 1 OPD.');
	});
});
