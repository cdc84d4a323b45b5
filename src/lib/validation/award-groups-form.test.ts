import { describe, expect, it } from 'vitest';
import { KIND_LABELS } from '../insights/filters';
import { awardGroupsFields, parseAwardGroupsForm } from './award-groups-form';

const grouped = {
	mode: 'kelompok',
	label_dinas: 'Dinas dan badan',
	label_badan: ' dinas dan badan ',
	label_kecamatan: 'Kecamatan',
	label_sekretariat: 'Lainnya',
	label_lainnya: 'Lainnya',
	best: '3',
	runnersUp: '2'
};

describe('the award-groups form', () => {
	it('one podium for all is no grouping', () => {
		expect(parseAwardGroupsForm({ mode: 'satu', label_dinas: '' })).toEqual({
			ok: true,
			config: null
		});
	});

	it('groups kinds with the same label (case and blanks aside) and reads the counts', () => {
		expect(parseAwardGroupsForm(grouped)).toEqual({
			ok: true,
			config: {
				groups: [
					{ key: 'dinas-dan-badan', label: 'Dinas dan badan', kinds: ['dinas', 'badan'] },
					{ key: 'kecamatan', label: 'Kecamatan', kinds: ['kecamatan'] },
					{ key: 'lainnya', label: 'Lainnya', kinds: ['sekretariat', 'lainnya'] }
				],
				best: 3,
				runnersUp: 2
			}
		});
	});

	it.each([
		['no mode', { ...grouped, mode: '' }, 'mode'],
		['a kind without a label', { ...grouped, label_kecamatan: '  ' }, 'label_kecamatan'],
		['a count that is not a number', { ...grouped, best: 'tiga' }, 'best'],
		['a count above 10', { ...grouped, runnersUp: '11' }, 'runnersUp'],
		['no position at all', { ...grouped, best: '0', runnersUp: '0' }, 'best'],
		['a label over 200 characters', { ...grouped, label_dinas: 'x'.repeat(201) }, 'label_dinas']
	])('refuses %s, naming the field', (_name, values, field) => {
		const parsed = parseAwardGroupsForm(values);
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && Object.keys(parsed.errors)).toEqual([field]);
	});

	it('fills the form from a stored grouping, or suggests one group per kind', () => {
		const parsed = parseAwardGroupsForm(grouped);
		const config = parsed.ok ? parsed.config! : undefined;
		expect(awardGroupsFields(config, KIND_LABELS)).toMatchObject({
			mode: 'kelompok',
			label_badan: 'Dinas dan badan',
			best: '3',
			runnersUp: '2'
		});
		expect(awardGroupsFields(undefined, KIND_LABELS)).toMatchObject({
			mode: 'satu',
			label_dinas: 'Dinas',
			label_lainnya: 'Lainnya',
			best: '3',
			runnersUp: '3'
		});
	});
});
