import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { definitionSchema, exampleLines, hasDefinition } from './definition-form';

const parse = (input: Record<string, string>) => v.safeParse(definitionSchema, input);

describe('definitionSchema', () => {
	it('trims, makes line endings \\n and reads the checkbox', () => {
		const r = parse({
			indicatorId: '12',
			definition: '  Renja tahun berjalan ',
			acceptableEvidence: 'Dokumen Renja\r\nHalaman unduhan\r\n',
			evidenceRequired: 'on'
		});
		expect(r.success && r.output).toEqual({
			indicatorId: 12,
			definition: 'Renja tahun berjalan',
			acceptableEvidence: 'Dokumen Renja\nHalaman unduhan',
			unacceptableEvidence: '',
			evidenceRequired: true
		});
	});

	it.each([
		['an unticked checkbox', { indicatorId: '1' }, true],
		['no indicator', {}, false],
		['a bad indicator id', { indicatorId: '0' }, false],
		[
			'a definition over 2,000 characters',
			{ indicatorId: '1', definition: 'x'.repeat(2001) },
			false
		]
	])('%s', (_, input, ok) => {
		const r = parse(input);
		expect(r.success).toBe(ok);
		if (r.success) expect(r.output.evidenceRequired).toBe(false);
	});
});

describe('exampleLines and hasDefinition', () => {
	it('lists the non-empty lines, list marks dropped', () => {
		expect(exampleLines('- Dokumen Renja\n\n• Halaman unduhan \n')).toEqual([
			'Dokumen Renja',
			'Halaman unduhan'
		]);
		expect(exampleLines(null)).toEqual([]);
	});

	it('says whether anything is written or flagged', () => {
		const empty = {
			definition: '',
			acceptableEvidence: '',
			unacceptableEvidence: '',
			evidenceRequired: false
		};
		expect(hasDefinition(empty)).toBe(false);
		expect(hasDefinition({ ...empty, evidenceRequired: true })).toBe(true);
		expect(hasDefinition({ ...empty, unacceptableEvidence: 'x' })).toBe(true);
	});
});
