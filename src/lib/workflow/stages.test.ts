import { describe, expect, it } from 'vitest';
import {
	cellStageRefusal,
	checkStageAction,
	currentStage,
	resultsOut,
	stageActions,
	stageAppealOpen,
	stageStates,
	type StageState
} from './stages';

const rubricStages = [
	{ key: 'visit', label: 'Visitasi', share: 60, order: 2 },
	{ key: 'web', label: 'Monitoring website', share: 40, minToProceed: 50, order: 1 }
];
const states = (web: StageState['status'], visit: StageState['status']) =>
	stageStates(
		rubricStages,
		[
			{ stageKey: 'web', status: web, startsAt: null, endsAt: null, appealEndsAt: null },
			{ stageKey: 'visit', status: visit, startsAt: null, endsAt: null, appealEndsAt: null }
		],
		[{ stageKey: 'visit', userId: 7 }]
	);
const ctx = { periodUnderEvaluation: true, pendingAppeals: 0, now: new Date('2022-05-01') };

describe('stageStates', () => {
	it('orders stages and defaults to pending with no evaluators', () => {
		const s = stageStates(rubricStages, [], []);
		expect(s.map((x) => [x.key, x.status, x.evaluatorIds])).toEqual([
			['web', 'pending', []],
			['visit', 'pending', []]
		]);
	});
});

describe('checkStageAction', () => {
	it('starts the first stage, never a later one before the earlier is closed', () => {
		expect(checkStageAction(states('pending', 'pending'), 'web', 'start', ctx).ok).toBe(true);
		expect(checkStageAction(states('pending', 'pending'), 'visit', 'start', ctx)).toEqual({
			ok: false,
			message: 'Selesaikan dulu tahap "Monitoring website" (belum dimulai).'
		});
		expect(checkStageAction(states('announced', 'pending'), 'visit', 'start', ctx).ok).toBe(false);
		expect(checkStageAction(states('closed', 'pending'), 'visit', 'start', ctx).ok).toBe(true);
	});
	it('starts nothing outside evaluation', () => {
		const r = checkStageAction(states('pending', 'pending'), 'web', 'start', {
			...ctx,
			periodUnderEvaluation: false
		});
		expect(r.ok).toBe(false);
	});
	it('announces a running stage and closes an announced one without pending appeals', () => {
		expect(stageActions(states('active', 'pending'), 'web', ctx)).toEqual(['announce']);
		expect(stageActions(states('announced', 'pending'), 'web', ctx)).toEqual(['close']);
		expect(
			stageActions(states('announced', 'pending'), 'web', { ...ctx, pendingAppeals: 2 })
		).toEqual([]);
		expect(checkStageAction(states('closed', 'pending'), 'web', 'announce', ctx)).toEqual({
			ok: false,
			message: 'Tahap "Monitoring website" berstatus "Selesai": tidak dapat diumumkan.'
		});
	});
	it('refuses an unknown stage', () => {
		expect(checkStageAction(states('active', 'pending'), 'nope', 'start', ctx).ok).toBe(false);
	});
});

describe('currentStage and appeal window', () => {
	it('is the running stage, else the last announced', () => {
		expect(currentStage(states('closed', 'active'))?.key).toBe('visit');
		expect(currentStage(states('announced', 'pending'))?.key).toBe('web');
		expect(currentStage(states('closed', 'closed'))).toBeNull();
	});
	it('is open while announced and before its end', () => {
		const [web] = states('announced', 'pending');
		const end = new Date('2022-05-10T23:59:59Z');
		expect(stageAppealOpen({ ...web!, appealEndsAt: end }, new Date('2022-05-10T12:00:00Z'))).toBe(
			true
		);
		expect(stageAppealOpen({ ...web!, appealEndsAt: end }, new Date('2022-05-11T00:00:00Z'))).toBe(
			false
		);
		expect(stageAppealOpen({ ...web!, status: 'closed' }, ctx.now)).toBe(false);
	});
});

describe('cellStageRefusal', () => {
	const evaluator = { userId: 3, isAdmin: false };
	it('takes values only in the running stage', () => {
		expect(cellStageRefusal(states('active', 'pending'), 'web', evaluator, null)).toBeNull();
		expect(cellStageRefusal(states('active', 'pending'), 'visit', evaluator, null)).toMatch(
			/tahap "Visitasi", yang berstatus "Belum dimulai"/
		);
	});
	it('keeps a stage with assigned evaluators to them and admins', () => {
		const s = states('closed', 'active');
		expect(cellStageRefusal(s, 'visit', evaluator, null)).toBe(
			'Anda tidak ditugaskan sebagai penilai tahap "Visitasi".'
		);
		expect(cellStageRefusal(s, 'visit', { userId: 7, isAdmin: false }, null)).toBeNull();
		expect(cellStageRefusal(s, 'visit', { userId: 3, isAdmin: true }, null)).toBeNull();
	});
	it('stops an OPD that missed an earlier minimum, not one stopped at this stage', () => {
		const s = states('closed', 'active');
		const admin = { userId: 1, isAdmin: true };
		expect(cellStageRefusal(s, 'visit', admin, { stageKey: 'web', score: 45.5 })).toBe(
			'Tidak lanjut ke tahap berikutnya: nilai tahap "Monitoring website" 45,50 di bawah batas minimum 50,00.'
		);
		expect(
			cellStageRefusal(states('active', 'pending'), 'web', admin, { stageKey: 'web', score: 10 })
		).toBeNull();
	});
});

describe('resultsOut', () => {
	it('is true once a stage is announced or closed', () => {
		expect(
			['pending', 'active', 'announced', 'closed'].map((s) => resultsOut(s as StageState['status']))
		).toEqual([false, false, true, true]);
	});
});
