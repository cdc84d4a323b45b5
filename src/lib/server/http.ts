import { error } from '@sveltejs/kit';
import { getByYear } from './periods/periods';

/**
 * A cache-friendly response: published data never changes under the same ETag, so a client that
 * already has it gets 304 Not Modified with no body.
 */
export function cachedResponse(
	request: Request,
	body: string | Uint8Array,
	etag: string,
	contentType: string,
	extraHeaders: Record<string, string> = {}
): Response {
	const headers = {
		etag,
		'cache-control': 'public, max-age=300, must-revalidate',
		'access-control-allow-origin': '*',
		...extraHeaders
	};
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
		return new Response(null, { status: 304, headers });
	}
	return new Response(body as BodyInit, { headers: { ...headers, 'content-type': contentType } });
}

/** The period of a `[year]` route parameter, or a 404 the user can read. */
export async function periodOrNotFound(year: string) {
	const period = await getByYear(Number(year));
	if (!period) error(404, `Periode ${year} tidak ditemukan.`);
	return period;
}
