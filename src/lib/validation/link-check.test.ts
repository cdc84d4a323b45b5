import { describe, expect, it } from 'vitest';
import { htmlTitle, isPrivateAddress, linkTargets, urlRefusal } from './link-check';

describe('link check helpers', () => {
	it('lets only http(s) URLs through', () => {
		expect(urlRefusal('https://ppid.serangkota.go.id/dip')).toBeNull();
		expect(urlRefusal('http://127.0.0.1:8080/x')).toBeNull();
		expect(urlRefusal('ftp://example.org/a')).toMatch(/ftp:/);
		expect(urlRefusal('javascript:alert(1)')).toMatch(/javascript:/);
		expect(urlRefusal('not a url')).toMatch(/tidak sah|bukan/);
		expect(urlRefusal('https://user:pw@example.org/')).toMatch(/kata sandi/);
	});

	it('knows private, loopback and link-local addresses', () => {
		for (const ip of [
			'127.0.0.1',
			'10.1.2.3',
			'172.16.0.1',
			'172.31.255.255',
			'192.168.1.1',
			'169.254.169.254',
			'100.64.0.1',
			'0.0.0.0',
			'::1',
			'::',
			'fd00::1',
			'fe80::1',
			'::ffff:127.0.0.1'
		])
			expect(isPrivateAddress(ip), ip).toBe(true);
		for (const ip of ['8.8.8.8', '172.32.0.1', '103.10.20.30', '2001:4860:4860::8888'])
			expect(isPrivateAddress(ip), ip).toBe(false);
	});

	it('reads the page title', () => {
		expect(htmlTitle('<html><head><TITLE lang="id">\n PPID &amp; DIP &#8211; Kota\n</TITLE>')).toBe(
			'PPID & DIP – Kota'
		);
		expect(htmlTitle('<p>no title</p>')).toBeNull();
		expect(htmlTitle('<title>  </title>')).toBeNull();
	});

	it('lists each (cell, URL) once from both evidence columns', () => {
		expect(
			linkTargets([
				{
					opdId: 1,
					indicatorId: 2,
					evidenceUrl: 'https://a/1\nhttps://b/2',
					selfEvidenceUrl: 'https://a/1'
				},
				{ opdId: 1, indicatorId: 3, evidenceUrl: null, selfEvidenceUrl: 'https://a/1' },
				{ opdId: 2, indicatorId: 2, evidenceUrl: null, selfEvidenceUrl: null }
			])
		).toEqual([
			{ url: 'https://a/1', opdId: 1, indicatorId: 2 },
			{ url: 'https://b/2', opdId: 1, indicatorId: 2 },
			{ url: 'https://a/1', opdId: 1, indicatorId: 3 }
		]);
	});
});
