import { describe, expect, it } from 'vitest';
import { loginUrl, safeRedirectTarget } from './redirect';

describe('safeRedirectTarget', () => {
	it.each([
		['/admin/pengguna', '/admin/pengguna'],
		['/hasil/2021?opd=3#top', '/hasil/2021?opd=3#top'],
		['/', '/'],
		[null, '/'],
		[undefined, '/'],
		['', '/'],
		['admin', '/'],
		['https://evil.example/', '/'],
		['//evil.example/', '/'],
		['/\\evil.example/', '/'],
		['javascript:alert(1)', '/'],
		['/ok\r\nSet-Cookie: x=1', '/'],
		['/tab\there', '/']
	])('%j → %j', (raw, expected) => {
		expect(safeRedirectTarget(raw)).toBe(expected);
	});

	it('uses the given fallback', () => {
		expect(safeRedirectTarget('//x', '/akun')).toBe('/akun');
	});
});

describe('loginUrl', () => {
	it('remembers path and query', () => {
		expect(loginUrl(new URL('http://h/admin/pengguna?q=1'))).toBe(
			'/login?redirectTo=%2Fadmin%2Fpengguna%3Fq%3D1'
		);
		expect(loginUrl(new URL('http://h/'))).toBe('/login');
	});
});
