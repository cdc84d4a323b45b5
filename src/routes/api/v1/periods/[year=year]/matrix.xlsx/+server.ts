import { error } from '@sveltejs/kit';
import { cachedResponse } from '$lib/server/http';
import { publishedXlsx } from '$lib/server/results/open-data';
import { XLSX_TYPE } from '$lib/server/results/export';
import type { RequestHandler } from './$types';

/** Open data: the published OPD × category matrix of a year as an Excel workbook (as matrix.csv). */
export const GET: RequestHandler = async ({ params, request }) => {
	const rep = await publishedXlsx(Number(params.year), 'matrix.xlsx');
	if (!rep) error(404, `Hasil tahun ${params.year} belum diterbitkan.`);
	return cachedResponse(request, rep.body, rep.etag, XLSX_TYPE, {
		'content-disposition': `attachment; filename="monev-dip-${params.year}-matriks.xlsx"`
	});
};
