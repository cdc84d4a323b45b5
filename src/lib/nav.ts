import { can, type Capability, type Role } from './permissions';

export interface NavItem {
	href: string;
	label: string;
}

const ITEMS: { href: string; label: string; capability: Capability }[] = [
	{ href: '/dasbor', label: 'Dasbor', capability: 'dashboard.view' },
	{ href: '/penilaian', label: 'Penilaian', capability: 'cells.assess' },
	{ href: '/opd-saya', label: 'OPD saya', capability: 'self.assess' },
	{ href: '/impor', label: 'Impor & ekspor', capability: 'import.run' },
	{ href: '/layanan', label: 'Register layanan', capability: 'registers.manage' },
	{ href: '/layanan/statistik', label: 'Statistik layanan', capability: 'serviceStats.view' },
	{ href: '/admin/penghargaan', label: 'Penghargaan', capability: 'awards.manage' },
	{ href: '/admin/periode', label: 'Periode', capability: 'periods.manage' },
	{ href: '/admin/opd', label: 'OPD', capability: 'opds.manage' },
	{ href: '/admin/pengguna', label: 'Pengguna', capability: 'users.manage' },
	{ href: '/admin/audit', label: 'Audit', capability: 'audit.view' },
	// Every signed-in role has notifications; navFor(null) shows no signed-in menu at all.
	{ href: '/notifikasi', label: 'Notifikasi', capability: 'results.viewPublished' }
];

/**
 * The signed-in menu of a role. Only a convenience: every page checks the capability on the
 * server again. Admins have every capability but are not an OPD, so "OPD saya" is left out.
 */
export function navFor(role: Role | null): NavItem[] {
	if (!role) return [];
	return ITEMS.filter((i) => can(role, i.capability))
		.filter((i) => !(role === 'admin' && i.href === '/opd-saya'))
		.map(({ href, label }) => ({ href, label }));
}
