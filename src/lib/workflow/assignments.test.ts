import { describe, expect, it } from 'vitest';
import {
	assignmentConflictRefusal,
	assignmentLocks,
	assignmentRefusal,
	combineLocks,
	scopeCovers,
	type AssignmentRules
} from './assignments';

const cell = { opdId: 7, opdName: 'Dinas Kominfo', aspect: 'web', aspectLabel: 'Situs web' };
const rules = (over: Partial<AssignmentRules> = {}): AssignmentRules => ({
	periodAssigned: true,
	scope: { opdIds: [7, 8], aspects: [] },
	conflicts: new Map(),
	...over
});
const evaluator = { isAdmin: false };

describe('assignmentRefusal', () => {
	it('lets everyone fill every cell while the period has no assignments', () => {
		expect(
			assignmentRefusal(rules({ periodAssigned: false, scope: null }), evaluator, cell)
		).toBeNull();
	});

	it("limits an assigned period to the evaluator's OPDs and aspects", () => {
		expect(assignmentRefusal(rules(), evaluator, cell)).toBeNull();
		expect(assignmentRefusal(rules(), evaluator, { ...cell, opdId: 9, opdName: 'Badan X' })).toBe(
			'Badan X bukan OPD yang ditugaskan kepada Anda pada periode ini.'
		);
		const byAspect = rules({ scope: { opdIds: [], aspects: ['saq'] } });
		expect(assignmentRefusal(byAspect, evaluator, cell)).toBe(
			'Aspek "Situs web" bukan kelompok indikator yang ditugaskan kepada Anda pada periode ini.'
		);
		expect(assignmentRefusal(byAspect, evaluator, { ...cell, aspect: 'saq' })).toBeNull();
		expect(assignmentRefusal(rules({ scope: null }), evaluator, cell)).toMatch(
			/belum mendapat penugasan/
		);
	});

	it('exempts admins from assignments but not from a conflict of interest', () => {
		expect(assignmentRefusal(rules({ scope: null }), { isAdmin: true }, cell)).toBeNull();
		const linked = rules({ conflicts: new Map([[7, 'istri bekerja di sana']]) });
		for (const who of [evaluator, { isAdmin: true }])
			expect(assignmentRefusal(linked, who, cell)).toBe(
				'Anda tercatat memiliki konflik kepentingan dengan Dinas Kominfo (istri bekerja di sana) ' +
					'pada periode ini: sel OPD ini harus dinilai penilai lain.'
			);
		// A conflict applies even when the period has no assignments.
		expect(
			assignmentRefusal(
				rules({ periodAssigned: false, scope: null, conflicts: new Map([[7, '']]) }),
				evaluator,
				cell
			)
		).toMatch(/konflik kepentingan dengan Dinas Kominfo pada periode ini/);
	});
});

describe('assignmentConflictRefusal', () => {
	it('names each OPD the evaluator is linked to', () => {
		const conflicts = new Map([[8, 'mantan pegawai']]);
		const name = (id: number) => (id === 8 ? 'Bappeda' : `#${id}`);
		expect(assignmentConflictRefusal('Budi', [7], conflicts, name)).toBeNull();
		expect(assignmentConflictRefusal('Budi', [7, 8], conflicts, name)).toBe(
			'Budi tidak dapat ditugaskan menilai OPD yang terkait dengannya: konflik kepentingan dengan ' +
				'Bappeda (mantan pegawai). Hapus centang OPD itu atau cabut dulu catatan konfliknya.'
		);
	});
});

describe('scopeCovers', () => {
	it('reads empty lists as no limit', () => {
		expect(scopeCovers({ opdIds: [], aspects: [] }, 1, 'a')).toBe(true);
		expect(scopeCovers({ opdIds: [2], aspects: [] }, 1)).toBe(false);
		expect(scopeCovers({ opdIds: [1], aspects: ['b'] }, 1, 'a')).toBe(false);
	});
});

describe('assignmentLocks', () => {
	const indicators = [
		{ id: 1, aspect: 'web' },
		{ id: 2, aspect: 'saq' }
	];
	const rows = [
		{ id: 7, name: 'Dinas Kominfo' },
		{ id: 9, name: 'Badan X' }
	];

	it('locks nothing without assignments or conflicts, nor for an admin without conflicts', () => {
		expect(
			assignmentLocks(rules({ periodAssigned: false, scope: null }), evaluator, indicators, rows)
		).toBeNull();
		expect(assignmentLocks(rules(), { isAdmin: true }, indicators, rows)).toBeNull();
	});

	it('closes rows outside the assignment or in conflict and columns outside the aspects', () => {
		const locks = assignmentLocks(
			rules({ scope: { opdIds: [7, 9], aspects: ['saq'] }, conflicts: new Map([[9, '']]) }),
			evaluator,
			indicators,
			rows
		)!;
		expect(locks.openIndicatorIds).toEqual([2]);
		expect(locks.stopped).toEqual({
			9: 'Anda tercatat memiliki konflik kepentingan dengan Badan X pada periode ini: sel OPD ini harus dinilai penilai lain.'
		});
		const byOpd = assignmentLocks(rules(), evaluator, indicators, [
			...rows,
			{ id: 3, name: 'Camat' }
		])!;
		expect(byOpd.openIndicatorIds).toEqual([1, 2]);
		expect(Object.keys(byOpd.stopped)).toEqual(['3', '9']);
	});

	it('combines with stage locks: a cell must pass both', () => {
		const stage = { openIndicatorIds: [1, 2], columnReason: 'Tahap.', stopped: { 5: 'Berhenti.' } };
		const own = { openIndicatorIds: [2], columnReason: 'Aspek.', stopped: { 9: 'Konflik.' } };
		expect(combineLocks(stage, null)).toBe(stage);
		expect(combineLocks(stage, own)).toEqual({
			openIndicatorIds: [2],
			columnReason: 'Tahap. Atau: aspek.',
			stopped: { 5: 'Berhenti.', 9: 'Konflik.' }
		});
	});
});
