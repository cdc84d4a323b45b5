import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegisterForm } from '../../validation/register';
import { holidayDates, readHolidays } from './holidays';

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
