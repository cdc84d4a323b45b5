import { error } from '@sveltejs/kit';
import { cachedResponse } from '$lib/server/http';
import { publishedCsv } from '$lib/server/results/open-data';
import type { RequestHandler } from './$types';

/** Open data: the published OPD × category matrix of a year, "√" where present, as in the report. */
export const GET: RequestHandler = async ({ params, request }) => {
	const rep = await publishedCsv(Number(params.year), 'matrix.csv');
	if (!rep) error(404, `Hasil tahun ${params.year} belum diterbitkan.`);
	return cachedResponse(request, rep.body, rep.etag, 'text/csv; charset=utf-8', {
		'content-disposition': `attachment; filename="monev-dip-${params.year}-matriks.csv"`
	});
};
