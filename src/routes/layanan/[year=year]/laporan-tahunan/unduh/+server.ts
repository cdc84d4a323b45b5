import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { isReportFormat } from '$lib/server/report/file';
import { reportInThread } from '$lib/server/report/report-thread';
import type { RequestHandler } from './$types';

/** The Laporan Tahunan as a file: `?format=docx` (default) or `html`; `?pribadi=1` with names. */
export const GET: RequestHandler = async ({ params, url }) => {
	requireCapability('report.compose');
	const year = Number(params.year);
	const format = url.searchParams.get('format') ?? 'docx';
	if (!isReportFormat(format)) error(400, 'Format harus docx atau html.');
	// Built in a worker thread: a large year's Word file takes seconds and hundreds of MB.
	const outcome = await reportInThread(year, format, url.searchParams.get('pribadi') === '1');
	if (outcome.kind === 'missing') error(404, `Laporan tahunan ${year} belum disusun.`);
	if (outcome.kind === 'failed') error(503, outcome.message);
	const { name, type, bytes } = outcome.file;
	return new Response(bytes, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
