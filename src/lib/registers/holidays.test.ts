import { describe, expect, it } from 'vitest';
import { holidaySet, parseHolidays } from './holidays';

describe('parseHolidays', () => {
	it('reads holidays per year and flattens them for the working-days count', () => {
		const r = parseHolidays(
			JSON.stringify({
				'2021': [{ date: '2021-08-17', name: ' Hari Kemerdekaan ' }],
				'2022': [{ date: '2022-01-01', name: 'Tahun Baru' }]
			})
		);
		expect(r).toEqual({
			ok: true,
			byYear: {
				'2021': [{ date: '2021-08-17', name: 'Hari Kemerdekaan' }],
				'2022': [{ date: '2022-01-01', name: 'Tahun Baru' }]
			}
		});
		if (r.ok) expect([...holidaySet(r.byYear)]).toEqual(['2021-08-17', '2022-01-01']);
	});

	it.each([
		['not JSON', '{', /bukan JSON/],
		['an array', '[]', /objek/],
		['a key that is no year', '{"tahun": []}', /bukan tahun/],
		['a year that is no list', '{"2021": {}}', /harus daftar/],
		['an impossible date', '{"2021": [{"date": "2021-02-30", "name": "x"}]}', /tidak sah/],
		[
			'a date of another year',
			'{"2021": [{"date": "2022-01-01", "name": "x"}]}',
			/bukan tahun 2021/
		],
		['a nameless holiday', '{"2021": [{"date": "2021-08-17", "name": ""}]}', /isi nama/],
		['an entry without date', '{"2021": ["2021-08-17"]}', /perlu "date"/]
	])('refuses %s', (_, text, message) => {
		const r = parseHolidays(text);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.join('; ')).toMatch(message);
	});
});
