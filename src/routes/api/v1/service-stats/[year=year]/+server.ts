import { error } from '@sveltejs/kit';
import { cachedResponse } from '$lib/server/http';
import { publishedServiceStats } from '$lib/server/registers/registers';
import type { RequestHandler } from './$types';

/** Open data: a year's service statistics (aggregates of the registers, no personal data). */
export const GET: RequestHandler = async ({ params, request }) => {
	const rep = await publishedServiceStats(Number(params.year));
	if (!rep) error(404, `Belum ada data layanan informasi tahun ${params.year}.`);
	return cachedResponse(request, rep.json.body, rep.json.etag, 'application/json; charset=utf-8');
};
