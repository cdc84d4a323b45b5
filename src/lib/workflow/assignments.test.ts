import { describe, expect, it } from 'vitest';
import {
	assignmentConflictRefusal,
	assignmentRefusal,
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
