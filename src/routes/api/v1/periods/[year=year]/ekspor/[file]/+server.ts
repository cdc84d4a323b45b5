import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { exportFile, parseExportName } from '$lib/server/results/export';
import type { RequestHandler } from './$types';

/** A period's matrix, detail, ranking or template as CSV or .xlsx (signed-in, export.run). */
export const GET: RequestHandler = async ({ params }) => {
	requireCapability('export.run');
	const wanted = parseExportName(params.file);
	if (!wanted)
		error(
			404,
			'Berkas ekspor tidak dikenal. Pilih matriks, rinci, peringkat, templat atau templat-kosong ' +
				'(.csv atau .xlsx), atau semua.xlsx.'
		);
	const file = await exportFile(Number(params.year), wanted.view, wanted.format);
	if (!file) error(404, `Periode ${params.year} tidak ada.`);
	return new Response(file.body as BodyInit, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store'
		}
	});
};
