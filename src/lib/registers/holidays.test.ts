import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holidayDates, readHolidays } from '../server/registers/holidays';
import { readRegisterForm } from '../validation/register';
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

describe('the holiday setting file', () => {
	const dir = mkdtempSync(join(tmpdir(), 'holidays-'));

	it('is empty when the file is missing, and throws on a broken one', () => {
		expect(readHolidays(join(dir, 'absent.json'))).toEqual({});
		const broken = join(dir, 'broken.json');
		writeFileSync(broken, '{"2021": [{"date": "2021-13-01", "name": "x"}]}');
		expect(() => readHolidays(broken)).toThrow(/broken\.json: 2021 #1: tanggal 2021-13-01/);
	});

	it('makes a request answered across a holiday take one working day less', () => {
		const file = join(dir, 'hari-libur.json');
		writeFileSync(file, JSON.stringify({ '2021': [{ date: '2021-08-17', name: 'Kemerdekaan' }] }));
		const entry = {
			receivedOn: '2021-08-02',
			answeredOn: '2021-08-16',
			applicantName: 'Siti',
			applicantType: 'perorangan',
			channel: 'email',
			information: 'Laporan keuangan',
			decision: 'diterima'
		};
		const days = (answeredOn: string, holidays?: Set<string>) => {
			const r = readRegisterForm('permohonan', { ...entry, answeredOn }, 2021, holidays);
			return r.ok ? r.value.workingDays : r.errors;
		};
		// 2 → 16 August: 10 working days; to the 18th: 12 without the setting, 11 with it.
		expect(days('2021-08-16', holidayDates(file))).toBe(10);
		expect(days('2021-08-18')).toBe(12);
		expect(days('2021-08-18', holidayDates(file))).toBe(11);
	});
});
