import { describe, expect, it } from 'vitest';
import { importPeriodRefusal, newOpdRefusal, stageRefusals } from './import-rules';
import type { StageState } from './stages';

const stage = (key: string, status: StageState['status'], evaluatorIds: number[] = []) => ({
	key,
	label: key === 'web' ? 'Monitoring website' : 'Visitasi',
	order: key === 'web' ? 1 : 2,
	minToProceed: key === 'web' ? 50 : undefined,
	status,
	startsAt: null,
	endsAt: null,
	appealEndsAt: null,
	evaluatorIds
});

const evaluator = { userId: 7, role: 'evaluator' as const };
const admin = { userId: 1, role: 'admin' as const };

describe('importPeriodRefusal', () => {
	it.each([
		[null, evaluator, /Membuat periode baru hanya dapat dilakukan admin/],
		[null, admin, null],
		['draft', evaluator, /masih draf/],
		['draft', admin, null],
		['open', evaluator, null],
		['evaluation', evaluator, null],
		['final', admin, /terkunci/],
		['published', admin, /terkunci/]
	] as const)('%s for %o', (status, who, expected) => {
		const refusal = importPeriodRefusal(2024, status, who);
		if (expected === null) expect(refusal).toBeNull();
		else expect(refusal).toMatch(expected);
	});

	it('an unknown role (deleted user) may create nothing', () => {
		expect(importPeriodRefusal(2024, null, { userId: 9, role: null })).not.toBeNull();
		expect(newOpdRefusal('Dinas X', { userId: 9, role: null })).toMatch(
			/hanya dapat dilakukan admin/
		);
		expect(newOpdRefusal('Dinas X', admin)).toBeNull();
	});
});

describe('stageRefusals', () => {
	const change = (line: number, opdId: number, label: string, stageKey: string) => ({
		line,
		name: `OPD ${opdId}`,
		opdId,
		label,
		stageKey
	});

	it('groups refused cells per stage, per assignment and per stopped OPD row', () => {
		const states = [stage('web', 'closed'), stage('visit', 'active', [3])];
		const changes = [
			change(2, 1, 'A', 'web'),
			change(3, 2, 'A', 'web'),
			change(3, 2, 'B', 'web'),
			change(2, 1, 'C', 'visit')
		];
		const { reasons, issues } = stageRefusals(changes, states, evaluator, () => null);
		expect(reasons).toEqual([
			'tahap "Monitoring website" sudah selesai',
			'tahap "Monitoring website" sudah selesai',
			'tahap "Monitoring website" sudah selesai',
			'Anda tidak ditugaskan sebagai penilai tahap "Visitasi"'
		]);
		expect(issues.map((i) => i.message)).toEqual([
			'Tahap "Monitoring website" sudah selesai: 3 sel tidak akan ditulis (kolom "A", "B"). ' +
				'Hanya tahap yang sedang berjalan yang dapat diisi; hapus kolom itu dari berkas atau ' +
				'kembalikan nilainya.',
			'Anda tidak ditugaskan sebagai penilai tahap "Visitasi": 1 sel tidak akan ditulis (kolom "C").'
		]);
	});

	it('an admin is not held to the assignment but is to the stopped OPD', () => {
		const states = [stage('web', 'closed'), stage('visit', 'active', [3])];
		const changes = [change(2, 1, 'C', 'visit'), change(3, 2, 'C', 'visit')];
		const stopped = (opdId: number) => (opdId === 2 ? { stageKey: 'web', score: 40 } : null);
		const { reasons, issues } = stageRefusals(changes, states, admin, stopped);
		expect(reasons[0]).toBeNull();
		expect(issues).toEqual([
			{
				line: 3,
				column: null,
				columnLabel: null,
				message: expect.stringMatching(
					/^Baris 3: "OPD 2": Tidak lanjut ke tahap berikutnya: .*40,00.* 1 sel tidak akan ditulis\.$/
				)
			}
		]);
	});
});
