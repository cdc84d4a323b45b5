import { buildReport, renderHtml } from '../../report/document';
import type { Conn } from '../db';
import { composerYear, reportInput } from './composer';
import { reportDocx } from './docx';

/** The formats the Laporan Tahunan downloads in. */
export const REPORT_FORMATS = ['docx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const isReportFormat = (format: string): format is ReportFormat =>
	(REPORT_FORMATS as readonly string[]).includes(format);

const CONTENT_TYPES: Record<ReportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	html: 'text/html; charset=utf-8'
};

/** A report file ready to send: its name, its content type and its bytes. */
export interface ReportFile {
	name: string;
	type: string;
	bytes: Uint8Array<ArrayBuffer>;
}

/**
 * The Laporan Tahunan of `year` as a file (with names and addresses only when `personalData`), or
 * null when the year has no composer text yet. Reads and builds everything from `conn`: it runs
 * in a worker thread on the thread's own connection (report-thread.ts), or in place.
 */
export async function reportFile(
	year: number,
	format: ReportFormat,
	personalData: boolean,
	conn: Conn
): Promise<ReportFile | null> {
	const composer = await composerYear(year, conn);
	if (!composer) return null;
	const doc = buildReport(await reportInput(composer, personalData, conn));
	const bytes =
		format === 'docx' ? await reportDocx(doc) : new TextEncoder().encode(renderHtml(doc));
	return { name: `laporan-tahunan-ppid-${year}.${format}`, type: CONTENT_TYPES[format], bytes };
}
