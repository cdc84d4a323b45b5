import { requireCapability } from '$lib/server/auth/guards';
import { readTimeZone } from '$lib/server/config';
import { periodOrNotFound } from '$lib/server/http';
import { boardCsv, participationBoard } from '$lib/server/workflow/participation';
import type { RequestHandler } from './$types';

/**
 * The participation board of a period as CSV (every OPD, no filter): who registered, started,
 * submitted, was verified or appealed, deadlines and extensions. Not open data: the roles with
 * `participation.view` only.
 */
export const GET: RequestHandler = async ({ params }) => {
	requireCapability('participation.view');
	const period = await periodOrNotFound(params.year);
	const { rows } = await participationBoard(period);
	return new Response(boardCsv(rows, readTimeZone()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="partisipasi-opd-${period.year}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
