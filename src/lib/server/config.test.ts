import { describe, expect, it } from 'vitest';
import { readConfig, readTimeZone } from './config';

describe('MONEV_TIMEZONE', () => {
	it('defaults to Asia/Jakarta (WIB) when unset or blank', () => {
		expect(readTimeZone({})).toBe('Asia/Jakarta');
		expect(readTimeZone({ MONEV_TIMEZONE: '  ' })).toBe('Asia/Jakarta');
		expect(readConfig({}).timeZone).toBe('Asia/Jakarta');
	});

	it('takes another IANA zone', () => {
		expect(readTimeZone({ MONEV_TIMEZONE: 'Asia/Makassar' })).toBe('Asia/Makassar');
		expect(readConfig({ MONEV_TIMEZONE: ' UTC ' }).timeZone).toBe('UTC');
	});

	it('fails at start on a zone it does not know, naming the setting', () => {
		expect(() => readTimeZone({ MONEV_TIMEZONE: 'WIB' })).toThrow(/MONEV_TIMEZONE/);
		expect(() => readConfig({ MONEV_TIMEZONE: 'Asia/Jakrta' })).toThrow(/MONEV_TIMEZONE/);
	});
});
