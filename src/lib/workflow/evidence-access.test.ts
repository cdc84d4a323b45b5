import { describe, expect, it } from 'vitest';
import type { Role } from '../permissions';
import { maySeeEvidence } from './evidence-access';

const OWN = 4;
const OTHER = 9;

describe('maySeeEvidence', () => {
	// prettier-ignore
	it.each([
		// role, user's OPD, file's side, period status, expected
		['admin',     null,  'self',     'open',      true],
		['evaluator', null,  'verified', 'open',      true],
		['pimpinan',  null,  'self',     'evaluation', true],
		['operator',  OWN,   'self',     'open',      true],
		['operator',  OWN,   'verified', 'evaluation', false],
		['operator',  OWN,   'verified', 'published', true],
		['operator',  OTHER, 'self',     'open',      false],
		['operator',  OTHER, 'verified', 'published', false],
		['operator',  null,  'self',     'open',      false],
		['petugas',   null,  'self',     'published', false]
	] as const)('%s of OPD %s, %s file, period %s → %s', (role, opdId, side, status, expected) => {
		expect(maySeeEvidence({ role: role as Role, opdId }, { opdId: OWN, side }, status)).toBe(
			expected
		);
	});
});
