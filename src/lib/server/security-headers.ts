/**
 * Response headers every answer gets (see hooks.server.ts). Kept apart from the hook so that the
 * rules read in one place and can be tested without a server.
 */

/** HSTS for a year: sent only over HTTPS (over plain HTTP a browser ignores it anyway). */
export const HSTS = 'max-age=31536000; includeSubDomains';

export interface HeaderContext {
	/** The request came over HTTPS (as the app sees it: ORIGIN / PROTOCOL_HEADER decide). */
	https: boolean;
	/** The request carried a valid session. */
	signedIn: boolean;
	pathname: string;
}

/** Built client assets: fingerprinted, the same for everyone, cacheable for ever. */
function isStaticAsset(pathname: string, response: Response): boolean {
	return (
		pathname.startsWith('/_app/') ||
		(response.headers.get('cache-control') ?? '').includes('immutable')
	);
}

/**
 * Adds nosniff, a referrer policy, HSTS over HTTPS, and `Cache-Control: private, no-store` on
 * every answer to a signed-in request except static assets, so no shared cache or back button
 * keeps a signed-in page. Returns the response (a copy when its headers were immutable).
 */
export function withSecurityHeaders(response: Response, context: HeaderContext): Response {
	let out = response;
	try {
		out.headers.set('x-content-type-options', 'nosniff');
	} catch {
		// Responses made by Response.redirect() or fetch() have immutable headers.
		out = new Response(response.body, response);
		out.headers.set('x-content-type-options', 'nosniff');
	}
	out.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	if (context.https) out.headers.set('strict-transport-security', HSTS);
	if (context.signedIn && !isStaticAsset(context.pathname, out)) {
		out.headers.set('cache-control', 'private, no-store');
	}
	return out;
}

/** The anonymous sign-in form posts a username and a password: a few hundred bytes. */
export const LOGIN_BODY_LIMIT = 16 * 1024;

/**
 * Refuses, before any body is read, a POST to /login that is larger than LOGIN_BODY_LIMIT (413)
 * or that does not say its length (411): anyone can post there, and parsing a 10 MB form of
 * millions of fields would block the server for everyone. Null when the request may go on.
 */
export function anonymousBodyProblem(request: Request, pathname: string): Response | null {
	if (request.method !== 'POST' || pathname.replace(/\/$/, '') !== '/login') return null;
	const header = request.headers.get('content-length');
	const length = header === null ? NaN : Number(header);
	if (header === null && request.body !== null)
		return new Response('Panjang isi permintaan wajib disebutkan.', { status: 411 });
	if (length > LOGIN_BODY_LIMIT)
		return new Response('Isi permintaan terlalu besar untuk formulir masuk.', { status: 413 });
	return null;
}
