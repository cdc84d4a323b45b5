import { describe, expect, it } from 'vitest';
import { checkSubmission, type SubmissionCell, type SubmissionIssueKind } from './submission-check';

const cell = (extra: Partial<SubmissionCell>): SubmissionCell => ({
	indicatorId: 1,
	label: 'Renja',
	value: 1,
	notApplicable: false,
	evidenceRequired: false,
	hasEvidence: false,
	deadLinks: [],
	...extra
});
const dead = { url: 'https://x.go.id/renja', status: '404' };

describe('checkSubmission', () => {
	it.each<[string, Partial<SubmissionCell>, [SubmissionIssueKind, boolean][]]>([
		['a blank cell blocks', { value: null }, [['blank', true]]],
		['tidak berlaku is not blank', { value: null, notApplicable: true }, []],
		['a tick without evidence, evidence optional', { value: 1 }, []],
		['a tick without required evidence blocks', { evidenceRequired: true }, [['evidence', true]]],
		['a tick with required evidence passes', { evidenceRequired: true, hasEvidence: true }, []],
		['"Tidak" needs no evidence', { value: 0, evidenceRequired: true }, []],
		[
			'tidak berlaku needs no evidence',
			{ value: null, notApplicable: true, evidenceRequired: true },
			[]
		],
		['a level above 0 needs it', { value: 2, evidenceRequired: true }, [['evidence', true]]],
		['a dead link only warns', { hasEvidence: true, deadLinks: [dead] }, [['dead-link', false]]],
		[
			'a blank cell with a dead link: both',
			{ value: null, hasEvidence: true, deadLinks: [dead] },
			[
				['blank', true],
				['dead-link', false]
			]
		]
	])('%s', (_, extra, expected) => {
		const check = checkSubmission([cell(extra)]);
		expect(check.issues.map((i) => [i.kind, i.blocks])).toEqual(expected);
		expect(check.blocking).toBe(expected.filter(([, b]) => b).length);
		expect(check.warnings).toBe(expected.filter(([, b]) => !b).length);
	});

	it('names the indicator and keeps rubric order', () => {
		const check = checkSubmission([
			cell({ indicatorId: 7, label: 'Renstra', value: null }),
			cell({ indicatorId: 3, label: 'LKjIP', evidenceRequired: true }),
			cell({ indicatorId: 5, label: 'DPA', hasEvidence: true, deadLinks: [dead] })
		]);
		expect(check.issues.map((i) => i.indicatorId)).toEqual([7, 3, 5]);
		expect(check.issues.map((i) => i.message)).toEqual([
			'Renstra: belum diisi.',
			'LKjIP: bukti wajib, tetapi belum ada tautan atau berkas data dukung.',
			'DPA: tautan tidak dapat dibuka (404): https://x.go.id/renja'
		]);
	});
});
