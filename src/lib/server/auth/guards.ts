import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { CAPABILITY_LABELS, can, type Capability, type Role } from '$lib/permissions';
import { loginUrl } from './redirect';
import type { SessionUser } from './types';

/**
 * Authorization, called as the first statement of every protected load, action and endpoint
 * (tests/integration/route-guards.test.ts checks that). The hook only authenticates; these read
 * the user it found from the current request via `getRequestEvent`.
 */

/**
 * The signed-in user. Anonymous visitors are sent to /login (remembering the page) when they
 * load a page, and get 401 on form posts and on /api, where a redirect would be meaningless.
 */
export function requireUser(): SessionUser {
	const event = getRequestEvent();
	const user = event.locals.user;
	if (user) return user;
	const isPageLoad = event.request.method === 'GET' && !event.url.pathname.startsWith('/api/');
	if (isPageLoad) redirect(303, loginUrl(event.url));
	error(401, 'Silakan masuk terlebih dahulu.');
}

/** The signed-in user if their role grants `capability`; otherwise 403. */
export function requireCapability(capability: Capability): SessionUser {
	const user = requireUser();
	if (!can(user.role, capability))
		error(403, `Anda tidak berhak ${CAPABILITY_LABELS[capability]}.`);
	return user;
}

/** The signed-in user if their role is one of `roles`; otherwise 403. Prefer requireCapability. */
export function requireRole(...roles: Role[]): SessionUser {
	const user = requireUser();
	if (!roles.includes(user.role)) error(403, 'Anda tidak berhak membuka halaman ini.');
	return user;
}

/**
 * The signed-in user if they may see this OPD's internal pages: an operator only their own OPD,
 * the roles with `opd.viewAny` (admin, evaluator, pimpinan) any; others (the petugas, who keeps
 * the service registers and nothing of the monev) none. Combine with requireCapability for what
 * they may do there.
 */
export function requireOwnOpd(opdId: number): SessionUser {
	const user = requireUser();
	if (can(user.role, 'opd.viewAny')) return user;
	if (user.role === 'operator' && user.opdId === opdId) return user;
	error(403, 'Anda hanya berhak mengakses data OPD Anda sendiri.');
}
