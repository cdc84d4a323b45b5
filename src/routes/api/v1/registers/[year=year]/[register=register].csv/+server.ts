import { requireCapability } from '$lib/server/auth/guards';
import { listRecords } from '$lib/server/registers/records';
import { registerCsv } from '$lib/registers/csv';
import type { RegisterSlug } from '$lib/registers/forms';
import type { RequestHandler } from './$types';

/**
 * One register of a year as CSV for its keepers: every field, personal data included, so only
 * `registers.manage` (petugas, admin). The public has the aggregates of /api/v1/service-stats.
 */
export const GET: RequestHandler = async ({ params }) => {
	requireCapability('registers.manage');
	const slug = params.register as RegisterSlug;
	const body = registerCsv(slug, await listRecords(slug, Number(params.year)));
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="register-${slug}-${params.year}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
