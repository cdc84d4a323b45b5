import { error } from '@sveltejs/kit';
import { can } from '../../permissions';
import type { SessionUser } from '../auth/types';
import { findBySlug } from '../opds/master';

/** Whose self-assessment a user sees on /opd-saya, and whether they may change it there. */
export interface SelfViewer {
	opdId: number;
	/** The chosen OPD's slug when it is not the user's own (read-only), else null. */
	slug: string | null;
	readOnly: boolean;
}

/**
 * An operator sees its own OPD, writable. A user with no OPD of its own who may see any OPD (the
 * admin, who keeps self.assess for support work) sees the OPD chosen in `?opd=` read-only: the
 * form actions keep writing only the session's own OPD, so nothing is changed from here on
 * another OPD's behalf. Null when there is no OPD to show (none bound, none chosen).
 */
export async function selfViewerOf(
	user: SessionUser,
	chosen: string | null
): Promise<SelfViewer | null> {
	if (user.opdId) return { opdId: user.opdId, slug: null, readOnly: false };
	if (!chosen || !can(user.role, 'opd.viewAny')) return null;
	const opd = await findBySlug(chosen);
	if (!opd) error(404, 'OPD tidak ditemukan.');
	return { opdId: opd.id, slug: opd.slug, readOnly: true };
}
