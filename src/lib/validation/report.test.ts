import { describe, expect, it } from 'vitest';
import { readMeta, readSection, SECTION_MAX } from './report';

describe('composer forms', () => {
	it('reads a section, normalising CRLF, and refuses an unknown key or an overlong text', () => {
		expect(readSection({ key: 'rekomendasi', body: '1. A\r\n2. B\r\n' })).toEqual({
			ok: true,
			value: { key: 'rekomendasi', body: '1. A\n2. B' }
		});
		expect(readSection({ key: 'lain', body: 'x' })).toEqual({
			ok: false,
			errors: { key: 'Bagian laporan tidak dikenal.' }
		});
		const long = readSection({ key: 'sdm', body: 'x'.repeat(SECTION_MAX + 1) });
		expect(long.ok === false && long.errors.body).toMatch(/paling banyak 20000/);
	});

	it('reads the budget written as Rupiah and refuses a bad NIP and date', () => {
		const ok = readMeta({
			signatoryName: 'ARIE',
			signatoryNip: '19710809 200212 1 003',
			signatoryDate: '2022-01-14',
			budgetAmount: 'Rp 75.904.000,-'
		});
		expect(ok.ok && ok.value.budgetAmount).toBe(75_904_000);
		expect(ok.ok && ok.value.signatoryNip).toBe('19710809 200212 1 003');
		expect(readMeta({ budgetAmount: '' })).toMatchObject({
			ok: true,
			value: { budgetAmount: null }
		});
		const bad = readMeta({
			signatoryNip: 'abc',
			signatoryDate: '2022-02-30',
			budgetAmount: '7,5 juta'
		});
		expect(bad.ok === false && Object.keys(bad.errors).sort()).toEqual([
			'budgetAmount',
			'signatoryDate',
			'signatoryNip'
		]);
	});
});
