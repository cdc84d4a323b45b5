import type { RequestHandler } from './$types';

const BODY = JSON.stringify({ ok: true });

/** Liveness: a constant answer with no database work (also the benchmark's bare baseline). */
export const GET: RequestHandler = () =>
	new Response(BODY, {
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
