import { error } from '@sveltejs/kit';
import { cachedResponse } from '$lib/server/http';
import { publishedFile } from '$lib/server/results/open-data';
import type { RequestHandler } from './$types';

/** Open data: the published ranking of a year as JSON (unpublished years do not exist here). */
export const GET: RequestHandler = async ({ params, request }) => {
	const rep = await publishedFile(Number(params.year), 'results.json');
	if (!rep) error(404, `Hasil tahun ${params.year} belum diterbitkan.`);
	return cachedResponse(request, rep.body, rep.etag, 'application/json; charset=utf-8');
};
