import { describe, expect, it } from 'vitest';
import { pageWindow } from './pagination';

describe('pageWindow', () => {
	it.each([
		[0, 100, null, { page: 1, pages: 1, start: 0, end: 0 }],
		[32, 100, null, { page: 1, pages: 1, start: 0, end: 32 }],
		[1000, 100, '3', { page: 3, pages: 10, start: 200, end: 300 }],
		[1001, 100, '11', { page: 11, pages: 11, start: 1000, end: 1001 }],
		[1000, 100, '99', { page: 10, pages: 10, start: 900, end: 1000 }],
		[1000, 100, '0', { page: 1, pages: 10, start: 0, end: 100 }],
		[1000, 100, 'abc', { page: 1, pages: 10, start: 0, end: 100 }],
		[1000, 100, '-4', { page: 1, pages: 10, start: 0, end: 100 }]
	])('%i items, %i per page, page %s', (total, size, requested, expected) => {
		expect(pageWindow(total, size, requested)).toEqual(expected);
	});
});
