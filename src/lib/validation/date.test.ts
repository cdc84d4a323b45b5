import { describe, expect, it } from 'vitest';
import { isCalendarDate, readOptionalDate } from './date';

describe('isCalendarDate', () => {
	it.each([
		['2024-02-29', true],
		['2023-02-28', true],
		['2024-12-31', true],
		['2000-01-01', true],
		['2100-12-31', true],
		['2024-13-45', false],
		['2024-02-30', false],
		['2023-02-29', false],
		['2100-02-29', false],
		['2024-04-31', false],
		['2024-00-10', false],
		['2024-01-00', false],
		['1999-12-31', false],
		['2101-01-01', false],
		['24-01-01', false],
		['2024-1-1', false],
		['2024/01/01', false],
		['01-02-2024', false],
		['2024-01-01T00:00', false],
		[' 2024-01-01', false],
		['', false],
		['+02024-01-01', false]
	])('%j → %s', (text, ok) => {
		expect(isCalendarDate(text)).toBe(ok);
	});
});

describe('readOptionalDate', () => {
	it.each([
		['', { ok: true, date: null }],
		['  ', { ok: true, date: null }],
		['2024-02-29', { ok: true, date: new Date('2024-02-29T16:59:59Z') }],
		[' 2024-02-29 ', { ok: true, date: new Date('2024-02-29T16:59:59Z') }],
		[
			'2024-13-45',
			{
				ok: false,
				message: 'Batas "2024-13-45" bukan tanggal yang ada di kalender (tahun 2000–2100).'
			}
		],
		[
			'2024-02-30',
			{
				ok: false,
				message: 'Batas "2024-02-30" bukan tanggal yang ada di kalender (tahun 2000–2100).'
			}
		],
		['30/02/2024', { ok: false, message: 'Batas "30/02/2024" harus berformat TTTT-BB-HH.' }]
	])('%j → %j', (raw, expected) => {
		expect(readOptionalDate('Batas', raw, 'T23:59:59')).toEqual(expected);
	});

	it('starts a day at midnight WIB', () => {
		expect(readOptionalDate('Mulai', '2024-03-01', 'T00:00:00')).toEqual({
			ok: true,
			date: new Date('2024-02-29T17:00:00Z')
		});
	});

	it('ends a day in the zone it is given (MONEV_TIMEZONE)', () => {
		expect(readOptionalDate('Batas', '2024-02-29', 'T23:59:59', 'Asia/Makassar')).toEqual({
			ok: true,
			date: new Date('2024-02-29T15:59:59Z')
		});
		expect(readOptionalDate('Batas', '2024-02-29', 'T23:59:59', 'UTC')).toEqual({
			ok: true,
			date: new Date('2024-02-29T23:59:59Z')
		});
	});
});
