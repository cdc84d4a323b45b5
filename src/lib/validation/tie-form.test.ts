import { describe, expect, it } from 'vitest';
import { readWith } from './form';
import { tieOrderSchema } from './tie-form';

const MESSAGE = 'Beri setiap OPD urutan yang berbeda (1, 2, 3, …).';

describe('tieOrderSchema', () => {
	it('orders the slugs by the ranks typed', () => {
		expect(
			readWith(tieOrderSchema, [
				{ slug: 'a', rank: '2' },
				{ slug: 'b', rank: ' 1 ' },
				{ slug: 'c', rank: '3' }
			])
		).toEqual({ ok: true, value: ['b', 'a', 'c'] });
	});

	it.each([
		[
			[
				{ slug: 'a', rank: '1' },
				{ slug: 'b', rank: '1' }
			]
		],
		[[{ slug: 'a', rank: '0' }]],
		[[{ slug: 'a', rank: '' }]],
		[[{ slug: 'a' }]],
		[[{ slug: 'a', rank: '1.5' }]]
	])('refuses %j', (rows) => {
		expect(readWith(tieOrderSchema, rows)).toEqual({ ok: false, message: MESSAGE });
	});
});
