import { error } from '@sveltejs/kit';
import { cachedResponse } from '$lib/server/http';
import { publishedServiceStats } from '$lib/server/registers/registers';
import type { RequestHandler } from './$types';

/** Open data: a year's service statistics as `metric,key,value` CSV rows. */
export const GET: RequestHandler = async ({ params, request }) => {
	const rep = await publishedServiceStats(Number(params.year));
	if (!rep) error(404, `Belum ada data layanan informasi tahun ${params.year}.`);
	return cachedResponse(request, rep.csv.body, rep.csv.etag, 'text/csv; charset=utf-8', {
		'content-disposition': `attachment; filename="layanan-informasi-${params.year}.csv"`
	});
};
