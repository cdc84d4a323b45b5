import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { notRatedSchema } from './not-rated-form';

const parse = (input: Record<string, string>) => v.safeParse(notRatedSchema, input);

describe('the "leave this OPD out" form', () => {
	it('reads "tidak dinilai" by default and needs its reason', () => {
		const ok = parse({ opd: 'dinkes', reason: ' Situs tidak dapat diakses ' });
		expect(ok.output).toMatchObject({ kind: 'tidak dinilai', reason: 'Situs tidak dapat diakses' });
		const short = parse({ opd: 'dinkes', kind: 'tidak dinilai', reason: 'abc' });
		expect(short.success).toBe(false);
		expect(v.flatten(short.issues!).nested?.reason?.[0]).toMatch(/minimal 5 karakter/);
	});

	it('takes "tidak berpartisipasi" with or without a reason', () => {
		expect(parse({ opd: 'dinkes', kind: 'tidak berpartisipasi' }).output).toMatchObject({
			kind: 'tidak berpartisipasi',
			reason: ''
		});
		expect(parse({ opd: 'dinkes', kind: 'tidak berpartisipasi', reason: 'ok' }).success).toBe(true);
	});

	it('refuses an unknown kind and a missing OPD; rating again needs no reason', () => {
		expect(parse({ opd: 'dinkes', kind: 'absen', reason: 'alasan panjang' }).success).toBe(false);
		expect(parse({ opd: ' ', reason: 'alasan panjang' }).success).toBe(false);
		expect(parse({ opd: 'dinkes', rate: 'ya' }).success).toBe(true);
	});
});
