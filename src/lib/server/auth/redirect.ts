/**
 * Where to send a user after signing in: only a path on this site. Rejects absolute URLs,
 * protocol-relative `//host` and `/\host` (browsers read both as another host) and control
 * characters, so `/login?redirectTo=…` cannot be used as an open redirect.
 */
export function safeRedirectTarget(raw: string | null | undefined, fallback = '/'): string {
	if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\'))
		return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
	return raw;
}

/** The sign-in page, remembering where the visitor was going. */
export function loginUrl(url: URL): string {
	const target = url.pathname + url.search;
	return target === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(target)}`;
}
