import { describe, expect, it } from 'vitest';
import { parseStageSchedule, toDateInput } from './stage-form';

describe('parseStageSchedule', () => {
	it('reads whole days in Western Indonesian Time', () => {
		const r = parseStageSchedule(
			{ startsOn: '2022-03-01', endsOn: '2022-03-31', appealEndsOn: '' },
			['4', '9']
		);
		expect(r).toEqual({
			ok: true,
			schedule: {
				startsAt: new Date('2022-02-28T17:00:00Z'),
				endsAt: new Date('2022-03-31T16:59:59Z'),
				appealEndsAt: null,
				evaluatorIds: [4, 9]
			}
		});
		if (r.ok) expect(toDateInput(r.schedule.endsAt)).toBe('2022-03-31');
	});
	it('names the field with a bad date', () => {
		expect(parseStageSchedule({ endsOn: '2022-02-30' }, [])).toEqual({
			ok: false,
			message: 'Tanggal selesai "2022-02-30" bukan tanggal yang ada di kalender (tahun 2000–2100).'
		});
		expect(parseStageSchedule({ appealEndsOn: '31/03/2022' }, [])).toMatchObject({ ok: false });
	});
	it('names each date field, the first bad one first', () => {
		expect(parseStageSchedule({ appealEndsOn: '31/03/2022' }, [])).toEqual({
			ok: false,
			message: 'Batas sanggahan "31/03/2022" harus berformat TTTT-BB-HH.'
		});
		expect(parseStageSchedule({ startsOn: '2022-13-01', endsOn: 'x' }, ['x'])).toEqual({
			ok: false,
			message: 'Tanggal mulai "2022-13-01" bukan tanggal yang ada di kalender (tahun 2000–2100).'
		});
	});
	it('ends a day in the zone it is given', () => {
		expect(parseStageSchedule({ endsOn: '2022-03-31' }, [], 'UTC')).toMatchObject({
			ok: true,
			schedule: { startsAt: null, endsAt: new Date('2022-03-31T23:59:59Z'), evaluatorIds: [] }
		});
	});
	it('refuses an evaluator id that is not a number', () => {
		expect(parseStageSchedule({}, ['x'])).toEqual({
			ok: false,
			message: 'Penilai yang dipilih tidak dikenal.'
		});
		expect(parseStageSchedule({}, ['4', '0'])).toEqual({
			ok: false,
			message: 'Penilai yang dipilih tidak dikenal.'
		});
	});
});
