import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { composerYear, reportInput } from '$lib/server/report/composer';
import { reportDocx } from '$lib/server/report/docx';
import { buildReport, renderHtml } from '$lib/report/document';
import type { RequestHandler } from './$types';

/** The Laporan Tahunan as a file: `?format=docx` (default) or `html`; `?pribadi=1` with names. */
export const GET: RequestHandler = async ({ params, url }) => {
	requireCapability('report.compose');
	const year = Number(params.year);
	const format = url.searchParams.get('format') ?? 'docx';
	if (format !== 'docx' && format !== 'html') error(400, 'Format harus docx atau html.');
	const composer = await composerYear(year);
	if (!composer) error(404, `Laporan tahunan ${year} belum disusun.`);
	const doc = buildReport(await reportInput(composer, url.searchParams.get('pribadi') === '1'));
	const name = `laporan-tahunan-ppid-${year}.${format}`;
	const headers = {
		'content-disposition': `attachment; filename="${name}"`,
		'cache-control': 'private, no-store'
	};
	if (format === 'html')
		return new Response(renderHtml(doc), {
			headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
		});
	return new Response(Buffer.from(await reportDocx(doc)), {
		headers: {
			...headers,
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		}
	});
};
