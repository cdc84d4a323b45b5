import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookies';
import { validateSessionToken } from '$lib/server/auth/session';
import { anonymousBodyProblem, withSecurityHeaders } from '$lib/server/security-headers';
import { ensureReady } from '$lib/server/startup';

export const init: ServerInit = async () => {
	await ensureReady();
};

/**
 * Authentication only (no authorization here): routes check roles themselves. Every answer gets
 * the security headers (security-headers.ts).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const tooLarge = anonymousBodyProblem(event.request, event.url.pathname);
	if (tooLarge) return withSecurityHeaders(tooLarge, securityContext(event.url, false));
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const valid = await validateSessionToken(token);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.sessionId = valid.session.id;
			if (valid.renewed) setSessionCookie(event, token, valid.session.expiresAt);
		} else {
			deleteSessionCookie(event);
		}
	}
	// Taken before resolving: a sign-out clears locals.user, and its answer must not be cached.
	const signedIn = event.locals.user !== null;
	const response = await resolve(event);
	return withSecurityHeaders(response, securityContext(event.url, signedIn));
};

const securityContext = (url: URL, signedIn: boolean) => ({
	https: url.protocol === 'https:',
	signedIn,
	pathname: url.pathname
});

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = crypto.randomUUID();
	if (status >= 500)
		console.error(`[monev] ${errorId} ${event.request.method} ${event.url.pathname}`, error);
	return { message: status >= 500 ? 'Terjadi kesalahan pada server.' : message, errorId };
};
