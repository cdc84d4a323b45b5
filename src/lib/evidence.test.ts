import { describe, expect, it } from 'vitest';
import { evidenceLinks, evidenceProblem, normalizeEvidence } from './evidence';

describe('evidence links', () => {
	it.each([
		[null, [], null],
		['', [], null],
		['  ', [], null],
		[
			'https://ppid.serangkota.go.id/dip',
			['https://ppid.serangkota.go.id/dip'],
			'https://ppid.serangkota.go.id/dip'
		],
		[
			'https://a.go.id/1\nhttps://a.go.id/2',
			['https://a.go.id/1', 'https://a.go.id/2'],
			'https://a.go.id/1\nhttps://a.go.id/2'
		],
		[
			' https://a.go.id/1 ,  http://b.go.id/x \r\n',
			['https://a.go.id/1', 'http://b.go.id/x'],
			'https://a.go.id/1\nhttp://b.go.id/x'
		]
	])('%j → %j, stored as %j', (text, links, stored) => {
		expect(evidenceLinks(text)).toEqual(links);
		expect(normalizeEvidence(text)).toBe(stored);
	});

	it.each([
		['https://a.go.id/1 http://b.go.id', null],
		[
			'javascript:alert(1)',
			'Tautan bukti harus alamat http:// atau https:// ("javascript:alert(1)" bukan).'
		],
		[
			'https://a.go.id ftp://b.go.id',
			'Tautan bukti harus alamat http:// atau https:// ("ftp://b.go.id" bukan).'
		],
		[
			'www.serangkota.go.id',
			'Tautan bukti harus alamat http:// atau https:// ("www.serangkota.go.id" bukan).'
		],
		[
			Array.from({ length: 11 }, (_, i) => `https://a.go.id/${i}`).join('\n'),
			'Paling banyak 10 tautan bukti per sel (ada 11).'
		]
	])('%j → %j', (text, problem) => {
		expect(evidenceProblem(text)).toBe(problem);
	});
});
