import { describe, expect, it } from 'vitest';
import { assignmentSchema, conflictSchema, parseForm } from './assignment-form';

const form = (pairs: [string, string][]) => {
	const data = new FormData();
	for (const [k, v] of pairs) data.append(k, v);
	return data;
};

describe('assignment forms', () => {
	it('reads ticked OPDs and aspects as lists', () => {
		expect(
			parseForm(
				assignmentSchema,
				form([
					['userId', '3'],
					['opdIds', '5'],
					['opdIds', '7'],
					['aspects', 'web']
				]),
				['opdIds', 'aspects']
			)
		).toEqual({ ok: true, value: { userId: 3, opdIds: [5, 7], aspects: ['web'] } });
		expect(parseForm(assignmentSchema, form([['userId', '3']]), ['opdIds', 'aspects'])).toEqual({
			ok: true,
			value: { userId: 3, opdIds: [], aspects: [] }
		});
	});

	it('refuses what no form sends, with an Indonesian message', () => {
		expect(
			parseForm(
				assignmentSchema,
				form([
					['userId', '3'],
					['opdIds', '1; DROP']
				]),
				['opdIds', 'aspects']
			)
		).toEqual({ ok: false, message: 'OPD yang dicentang tidak dikenal.' });
		expect(
			parseForm(
				conflictSchema,
				form([
					['userId', 'x'],
					['opdId', '2']
				])
			)
		).toEqual({
			ok: false,
			message: 'Pilih penilai dari daftar.'
		});
		expect(
			parseForm(
				conflictSchema,
				form([
					['userId', '1'],
					['opdId', '2'],
					['note', 'a'.repeat(201)]
				])
			)
		).toEqual({ ok: false, message: 'Keterangan konflik maksimal 200 karakter.' });
	});
});
