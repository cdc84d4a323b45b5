import { describe, expect, it } from 'vitest';
import {
	DEFAULT_TIME_ZONE,
	formatDate,
	formatDateTime,
	isTimeZone,
	toDateInputValue,
	zonedInstant,
	zoneLabel
} from './datetime';

// 2026-12-02 17:30 UTC: already 3 December in Jakarta (00:30 WIB), still 2 December in UTC.
const LATE = new Date('2026-12-02T17:30:00Z');

describe('formatDateTime / formatDate', () => {
	it.each([
		['Asia/Jakarta', '3 Desember 2026 pukul 00.30 WIB', '3 Desember 2026'],
		['Asia/Makassar', '3 Desember 2026 pukul 01.30 WITA', '3 Desember 2026'],
		['Asia/Jayapura', '3 Desember 2026 pukul 02.30 WIT', '3 Desember 2026'],
		['UTC', '2 Desember 2026 pukul 17.30 UTC', '2 Desember 2026'],
		['Asia/Tokyo', '3 Desember 2026 pukul 02.30 UTC+9', '3 Desember 2026'],
		['Asia/Kolkata', '2 Desember 2026 pukul 23.00 UTC+05.30', '2 Desember 2026'],
		['America/St_Johns', '2 Desember 2026 pukul 14.00 UTC-03.30', '2 Desember 2026']
	])('%s → %s', (zone, dateTime, date) => {
		expect(formatDateTime(LATE, zone)).toBe(dateTime);
		expect(formatDate(LATE, zone)).toBe(date);
	});

	it('takes a Date, an ISO string or milliseconds alike; defaults to WIB', () => {
		expect(DEFAULT_TIME_ZONE).toBe('Asia/Jakarta');
		for (const at of [LATE, LATE.toISOString(), LATE.getTime()])
			expect(formatDateTime(at)).toBe('3 Desember 2026 pukul 00.30 WIB');
	});

	it('writes midnight and single-digit days without surprises', () => {
		expect(formatDateTime('2021-01-04T17:00:00Z', 'Asia/Jakarta')).toBe(
			'5 Januari 2021 pukul 00.00 WIB'
		);
		expect(formatDate('2021-08-09T12:05:00+07:00', 'UTC')).toBe('9 Agustus 2021');
	});

	it('follows summer time where a zone has it', () => {
		expect(zoneLabel('Europe/Berlin', new Date('2026-07-01T00:00:00Z'))).toBe('UTC+2');
		expect(zoneLabel('Europe/Berlin', new Date('2026-01-01T00:00:00Z'))).toBe('UTC+1');
	});

	it('writes "–" for an invalid date rather than "Invalid Date"', () => {
		expect(formatDateTime('bukan tanggal')).toBe('–');
		expect(formatDate(Number.NaN)).toBe('–');
	});
});

describe('isTimeZone', () => {
	it.each([
		['Asia/Jakarta', true],
		['UTC', true],
		['Asia/Makassar', true],
		['Asia/Jakrta', false],
		['WIB', false],
		['', false]
	])('%j → %s', (zone, ok) => expect(isTimeZone(zone)).toBe(ok));
});

describe('date inputs in a zone: zonedInstant / toDateInputValue', () => {
	it.each([
		['Asia/Jakarta', 'T23:59:59', '2026-12-03T16:59:59.000Z'],
		['Asia/Jakarta', 'T00:00:00', '2026-12-02T17:00:00.000Z'],
		['Asia/Makassar', 'T23:59:59', '2026-12-03T15:59:59.000Z'],
		['UTC', 'T23:59:59', '2026-12-03T23:59:59.000Z'],
		['America/St_Johns', 'T00:00:00', '2026-12-03T03:30:00.000Z']
	] as const)('3 December 2026 %s %s → %s', (zone, time, iso) => {
		const at = zonedInstant('2026-12-03', time, zone);
		expect(at.toISOString()).toBe(iso);
		expect(toDateInputValue(at, zone)).toBe('2026-12-03');
		expect(formatDate(at, zone)).toBe('3 Desember 2026');
	});

	it('the same instant is another day in another zone', () => {
		expect(toDateInputValue(LATE, 'Asia/Jakarta')).toBe('2026-12-03');
		expect(toDateInputValue(LATE, 'UTC')).toBe('2026-12-02');
		expect(toDateInputValue(null)).toBe('');
	});

	it('keeps the wall time across a summer-time change', () => {
		expect(zonedInstant('2026-03-29', 'T23:59:59', 'Europe/Berlin').toISOString()).toBe(
			'2026-03-29T21:59:59.000Z'
		);
		expect(zonedInstant('2026-03-29', 'T00:00:00', 'Europe/Berlin').toISOString()).toBe(
			'2026-03-28T23:00:00.000Z'
		);
	});
});
