import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// Public by design: it only ends the caller's own session (allowlisted in route-guards.test.ts).

/** Signing out is a POST (a link could be triggered by another site); a GET just goes home. */
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.sessionId) await invalidateSession(event.locals.sessionId);
		deleteSessionCookie(event);
		event.locals.user = null;
		event.locals.sessionId = null;
		redirect(303, '/login');
	}
};
