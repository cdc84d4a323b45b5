import { describe, expect, it } from 'vitest';
import { navFor } from './nav';

const hrefs = (role: Parameters<typeof navFor>[0]) => navFor(role).map((i) => i.href);

describe('navFor', () => {
	it('shows no signed-in menu to an anonymous visitor', () => {
		expect(navFor(null)).toEqual([]);
	});

	it('links the service statistics for the roles that may read them, and only for them', () => {
		expect(hrefs('pimpinan')).toContain('/layanan/statistik');
		expect(hrefs('petugas')).toEqual(
			expect.arrayContaining(['/layanan', '/layanan/statistik', '/notifikasi'])
		);
		expect(hrefs('admin')).toContain('/layanan/statistik');
		expect(hrefs('operator')).not.toContain('/layanan/statistik');
		expect(hrefs('evaluator')).not.toContain('/layanan/statistik');
	});

	it('leaves "OPD saya" out of the admin menu (an admin is not an OPD)', () => {
		expect(hrefs('admin')).not.toContain('/opd-saya');
		expect(hrefs('operator')).toContain('/opd-saya');
	});
});
