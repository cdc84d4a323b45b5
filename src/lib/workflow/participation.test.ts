import { describe, expect, it } from 'vitest';
import {
	countStates,
	effectiveDeadline,
	extensionProblem,
	filterBoard,
	isLate,
	participationState,
	readBoardFilter,
	reminderDue,
	REMINDER_GAP_MS,
	type ParticipationFacts,
	type ParticipationState
} from './participation';

const at = (iso: string) => new Date(iso);
const base: ParticipationFacts = {
	selfCells: 0,
	submittedAt: null,
	cells: 20,
	unverified: 20,
	appeals: 0,
	notRated: false
};
const SENT = at('2026-03-01T10:00:00Z');

// prettier-ignore
const STATES: [name: string, facts: Partial<ParticipationFacts>, expected: ParticipationState][] = [
	['nothing done yet',                         {},                                               'registered'],
	['one self-assessed cell',                   { selfCells: 1 },                                 'started'],
	['submitted',                                { selfCells: 20, submittedAt: SENT },             'submitted'],
	['submitted with nothing filled in',         { submittedAt: SENT },                            'submitted'],
	['partly verified after submission',         { selfCells: 20, submittedAt: SENT, unverified: 3 }, 'submitted'],
	['every cell verified',                      { selfCells: 20, submittedAt: SENT, unverified: 0 }, 'verified'],
	['verified without a submission (import)',   { unverified: 0 },                                'verified'],
	['appealed',                                 { unverified: 0, appeals: 1 },                    'appealed'],
	['an appeal wins over anything',             { selfCells: 2, appeals: 2 },                     'appealed'],
	['"tidak dinilai" is never verified',        { unverified: 0, notRated: true },                'registered'],
	['"tidak dinilai" keeps its submission',     { unverified: 0, notRated: true, submittedAt: SENT }, 'submitted'],
	['a period without indicators verifies none', { cells: 0, unverified: 0 },                     'registered'],
	['"tidak berpartisipasi" is its own state',   { notRated: true, notParticipating: true },      'not-participating'],
	['"tidak berpartisipasi" wins over anything', { selfCells: 5, submittedAt: SENT, appeals: 1, notRated: true, notParticipating: true }, 'not-participating']
];

describe('participationState', () => {
	it.each(STATES)('%s → %s', (_name, facts, expected) => {
		expect(participationState({ ...base, ...facts })).toBe(expected);
	});
});

describe('deadlines', () => {
	const general = at('2026-03-10T16:59:59Z');
	const later = at('2026-03-17T16:59:59Z');
	const earlier = at('2026-03-05T16:59:59Z');

	it.each([
		['no deadline, no extension', null, null, null],
		['no deadline: an extension means nothing', null, later, null],
		['the general deadline', general, null, general],
		['a later extension', general, later, later],
		['an extension the general deadline overtook', general, earlier, general]
	] as const)('effectiveDeadline: %s', (_name, g, e, expected) => {
		expect(effectiveDeadline(g, e)).toEqual(expected);
	});

	it.each([
		['open, later than the deadline', 'open', general, later, null],
		['draft may prepare one', 'draft', general, later, null],
		['final', 'final', general, later, /sudah final/],
		['published', 'published', general, later, /sudah final/],
		['no general deadline', 'open', null, later, /tidak memiliki batas/],
		['not after the deadline', 'open', general, general, /harus sesudah/],
		['earlier than the deadline', 'evaluation', general, earlier, /harus sesudah/]
	] as const)('extensionProblem: %s', (_name, status, g, until, expected) => {
		const problem = extensionProblem(status, g, until);
		if (expected === null) expect(problem).toBeNull();
		else expect(problem).toMatch(expected);
	});

	it.each([
		['registered past the deadline', 'registered', general, at('2026-03-11T00:00:00Z'), true],
		['started past the deadline', 'started', general, at('2026-03-11T00:00:00Z'), true],
		['submitted past the deadline', 'submitted', general, at('2026-03-11T00:00:00Z'), false],
		[
			'not taking part, past the deadline',
			'not-participating',
			general,
			at('2026-03-11T00:00:00Z'),
			false
		],
		['before the deadline', 'started', general, at('2026-03-10T16:59:59Z'), false],
		['no deadline', 'registered', null, at('2030-01-01T00:00:00Z'), false]
	] as const)('isLate: %s', (_name, state, deadline, now, expected) => {
		expect(isLate(state, deadline, now)).toBe(expected);
	});
});

describe('reminders', () => {
	const now = at('2026-03-02T10:00:00Z');
	it.each([
		['never reminded', null, false, true],
		['reminded 23 h ago', new Date(now.getTime() - 23 * 3_600_000), false, false],
		['reminded 23 h ago, forced', new Date(now.getTime() - 23 * 3_600_000), true, true],
		['reminded exactly 24 h ago', new Date(now.getTime() - REMINDER_GAP_MS), false, true]
	] as const)('reminderDue: %s', (_name, last, force, expected) => {
		expect(reminderDue(last, now, force)).toBe(expected);
	});
});

describe('board', () => {
	const rows = [
		{ state: 'registered', late: true, name: 'Dinas Kesehatan', slug: 'dinas-kesehatan' },
		{ state: 'started', late: false, name: 'Dinas Pendidikan', slug: 'dinas-pendidikan' },
		{ state: 'verified', late: false, name: 'Kecamatan Serang', slug: 'kecamatan-serang' }
	] as const;

	it('counts every state, zero included', () => {
		expect(countStates(rows)).toEqual({
			registered: 1,
			started: 1,
			submitted: 0,
			verified: 1,
			appealed: 0,
			'not-participating': 0
		});
	});

	it.each([
		['', ['dinas-kesehatan', 'dinas-pendidikan', 'kecamatan-serang']],
		['status=started', ['dinas-pendidikan']],
		['status=bogus', ['dinas-kesehatan', 'dinas-pendidikan', 'kecamatan-serang']],
		['terlambat=1', ['dinas-kesehatan']],
		['cari=DINAS+pend', ['dinas-pendidikan']],
		['cari=kecamatan&status=registered', []]
	])('filter ?%s', (query, slugs) => {
		const filter = readBoardFilter(new URLSearchParams(query));
		expect(filterBoard(rows, filter).map((r) => r.slug)).toEqual(slugs);
	});
});
