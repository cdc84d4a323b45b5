import { describe, expect, it } from 'vitest';
import { ROLES as SCHEMA_ROLES } from './server/db/schema';
import {
	CAPABILITIES,
	CAPABILITY_LABELS,
	can,
	isRole,
	ROLES,
	type Capability
} from './permissions';

/**
 * The expected matrix, written out cell by cell so that changing one grant fails one row here.
 * Columns: admin, evaluator, operator, pimpinan, petugas, anonymous.
 */
const X = true;
const _ = false;
// prettier-ignore
const EXPECTED: Record<Capability, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
	//                          admin evaluator operator pimpinan petugas anonymous
	'users.manage':            [X,    _,        _,       _,       _,      _],
	'opds.manage':             [X,    _,        _,       _,       _,      _],
	'periods.manage':          [X,    _,        _,       _,       _,      _],
	'rubric.manage':           [X,    _,        _,       _,       _,      _],
	'cells.assess':            [X,    X,        _,       _,       _,      _],
	'cells.verify':            [X,    X,        _,       _,       _,      _],
	'period.finalize':         [X,    X,        _,       _,       _,      _],
	'period.publish':          [X,    X,        _,       _,       _,      _],
	'self.assess':             [X,    _,        X,       _,       _,      _],
	'appeal.file':             [X,    _,        X,       _,       _,      _],
	'appeal.answer':           [X,    X,        _,       _,       _,      _],
	'results.viewUnpublished': [X,    X,        _,       X,       _,      _],
	'results.viewPublished':   [X,    X,        X,       X,       X,      X],
	'dashboard.view':          [X,    X,        _,       X,       _,      _],
	'opd.viewAny':             [X,    X,        _,       X,       _,      _],
	'import.run':              [X,    X,        _,       _,       _,      _],
	'export.run':              [X,    X,        _,       X,       _,      _],
	'audit.view':              [X,    X,        _,       _,       _,      _],
	'registers.manage':        [X,    _,        _,       _,       X,      _],
	'report.compose':          [X,    _,        _,       _,       X,      _],
	'assignments.manage':      [X,    _,        _,       _,       _,      _],
	'conflicts.declare':       [X,    X,        _,       _,       _,      _],
	'awards.manage':           [X,    X,        _,       _,       _,      _],
	'serviceStats.view':       [X,    _,        _,       X,       X,      _],
	'disagreements.settle':    [X,    X,        _,       _,       _,      _],
	'evidence.view':           [X,    X,        X,       X,       _,      _],
	'evidence.upload':         [X,    X,        X,       _,       _,      _],
	'participation.view':      [X,    X,        _,       X,       _,      _],
	'participation.manage':    [X,    X,        _,       _,       _,      _]
};

const COLUMNS = ['admin', 'evaluator', 'operator', 'pimpinan', 'petugas', null] as const;

describe('permission matrix', () => {
	it('lists every capability exactly once in the expected table', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...CAPABILITIES].sort());
		expect(new Set(CAPABILITIES).size).toBe(CAPABILITIES.length);
	});

	it('has the same roles as the database schema', () => {
		expect([...ROLES]).toEqual([...SCHEMA_ROLES]);
		expect(COLUMNS.filter((c) => c !== null)).toEqual([...ROLES]);
	});

	const cases = CAPABILITIES.flatMap((capability) =>
		COLUMNS.map((role, i) => ({ role, capability, expected: EXPECTED[capability][i] }))
	);

	it.each(cases)('can($role, $capability) = $expected', ({ role, capability, expected }) => {
		expect(can(role, capability)).toBe(expected);
	});

	it('refuses a capability it does not know', () => {
		expect(can('admin', 'users.delete-everything' as Capability)).toBe(false);
		expect(can(null, 'users.delete-everything' as Capability)).toBe(false);
	});

	it('has a label for every capability and recognises roles', () => {
		for (const c of CAPABILITIES) expect(CAPABILITY_LABELS[c]).toMatch(/\S/);
		expect(ROLES.every(isRole)).toBe(true);
		expect(isRole('root')).toBe(false);
		expect(isRole(null)).toBe(false);
	});
});
