import { error } from '@sveltejs/kit';
import { requireCapability } from '$lib/server/auth/guards';
import { composerYear, reportInput } from '$lib/server/report/composer';
import { warmReportThread } from '$lib/server/report/report-thread';
import { buildReport } from '$lib/report/document';
import type { PageServerLoad } from './$types';

/** The whole Laporan Tahunan of a year, printable on A4 (`?pribadi=1`: with applicants' names). */
export const load: PageServerLoad = async ({ params, url }) => {
	requireCapability('report.compose');
	const year = Number(params.year);
	const composer = await composerYear(year);
	if (!composer) error(404, `Laporan tahunan ${year} belum disusun.`);
	warmReportThread();
	const personalData = url.searchParams.get('pribadi') === '1';
	return { year, personalData, doc: buildReport(await reportInput(composer, personalData)) };
};
