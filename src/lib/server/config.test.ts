import { describe, expect, it } from 'vitest';
import { readConfig, readEvidenceLimits, readTimeZone } from './config';

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

describe('evidence file caps', () => {
	it('default to 2 MB per file and 50 MB per OPD per period, and refuse a bad value', () => {
		expect(readEvidenceLimits({})).toEqual({
			maxBytes: 2 * 1024 * 1024,
			quotaBytes: 50 * 1024 * 1024
		});
		expect(
			readEvidenceLimits({ MONEV_EVIDENCE_MAX_BYTES: '1000', MONEV_EVIDENCE_QUOTA_MB: '3' })
		).toEqual({ maxBytes: 1000, quotaBytes: 3 * 1024 * 1024 });
		expect(() => readConfig({ MONEV_EVIDENCE_MAX_BYTES: '2MB' })).toThrow(
			/MONEV_EVIDENCE_MAX_BYTES/
		);
		expect(() => readConfig({ MONEV_EVIDENCE_QUOTA_MB: '0' })).toThrow(/MONEV_EVIDENCE_QUOTA_MB/);
	});
});
