import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'session';

/** The parts of a RequestEvent the cookie helpers need (tests can build one by hand). */
export interface CookieEvent {
	cookies: Cookies;
	url: URL;
}

/**
 * Sends the session token: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
 * form posts), Secure whenever the request came over HTTPS, so plain-HTTP development still works.
 */
export function setSessionCookie(event: CookieEvent, token: string, expiresAt: Date): void {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(event: CookieEvent): void {
	event.cookies.delete(SESSION_COOKIE, {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		path: '/'
	});
}
