import { loopDelay } from '$lib/server/loop-delay';
import type { RequestHandler } from './$types';

const BODY = JSON.stringify({ ok: true });

/**
 * Liveness: a constant answer with no database work (also the benchmark's bare baseline). With
 * MONEV_LOOP_METRICS=1 (benchmark only) it adds the event loop's delay (loop-delay.ts).
 */
export const GET: RequestHandler = ({ url }) => {
	const loop = loopDelay(url.searchParams.get('reset') === '1');
	return new Response(loop ? JSON.stringify({ ok: true, eventLoop: loop }) : BODY, {
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
};
