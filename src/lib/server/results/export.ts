import { eq } from 'drizzle-orm';
import { selfHidden } from '../../workflow/double-scoring';
import writeXlsxFile from 'write-excel-file/universal';
import {
	cellKey,
	longTable,
	safeValue,
	tableToCsv,
	wideTable,
	type ExportCell,
	type ExportPeriod,
	type ExportTable
} from '../../report/export-tables';
import { RESULT_CSV_COLUMNS, toResultRows } from '../../results-table';
import { db, type Conn } from '../db';
import { assessments, indicators, opds } from '../db/schema';
import { getByYear, indicatorRows, roster } from '../periods/periods';
import { computeRanking } from './ranking';

/** The views a period exports; `semua` is every view as sheets of one workbook. */
export const EXPORT_VIEWS = ['matriks', 'rinci', 'peringkat', 'templat', 'templat-kosong'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];
export type ExportFormat = 'csv' | 'xlsx';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportFile {
	body: string | Uint8Array;
	contentType: string;
	filename: string;
}

async function periodData(periodId: number, conn: Conn, hideSelf = false): Promise<ExportPeriod> {
	const [inds, entries, rows] = await Promise.all([
		indicatorRows(periodId, conn),
		roster(periodId, conn),
		conn
			.select({
				opd: opds.slug,
				indicator: indicators.key,
				value: assessments.value,
				notApplicable: assessments.notApplicable,
				evidenceUrl: assessments.evidenceUrl,
				note: assessments.note,
				selfValue: assessments.selfValue,
				selfNotApplicable: assessments.selfNotApplicable,
				selfEvidenceUrl: assessments.selfEvidenceUrl,
				selfNote: assessments.selfNote
			})
			.from(assessments)
			.innerJoin(opds, eq(opds.id, assessments.opdId))
			.innerJoin(indicators, eq(indicators.id, assessments.indicatorId))
			.where(eq(assessments.periodId, periodId))
	]);
	const cells = new Map<string, ExportCell>();
	for (const { opd, indicator, ...cell } of rows)
		cells.set(
			cellKey(opd, indicator),
			hideSelf
				? {
						...cell,
						selfValue: null,
						selfNotApplicable: false,
						selfEvidenceUrl: null,
						selfNote: null
					}
				: cell
		);
	return {
		indicators: inds.map((i) => ({ key: i.key, label: i.label })),
		opds: entries.map((e) => ({ slug: e.slug, number: e.displayNumber, name: e.displayName })),
		cells
	};
}

async function tablesOf(year: number, views: readonly ExportView[], conn: Conn) {
	const period = await getByYear(year, conn);
	if (!period) return null;
	// Double scoring blind to the self-assessment: no export carries it while raters score.
	const data = await periodData(period.id, conn, selfHidden(period));
	const tables: ExportTable[] = [];
	for (const view of views) {
		if (view === 'matriks') tables.push(wideTable(data));
		else if (view === 'templat') tables.push(wideTable(data, false, 'template'));
		else if (view === 'templat-kosong') tables.push(wideTable(data, true));
		else if (view === 'rinci') tables.push(longTable(data));
		else {
			// The ranking only: sums per OPD in SQL, no score per indicator (ranking.ts).
			const results = await computeRanking(period, conn);
			const rows = toResultRows(results.result, results.roster);
			tables.push({
				name: 'Peringkat',
				columns: [...RESULT_CSV_COLUMNS],
				rows: rows.map((r) =>
					RESULT_CSV_COLUMNS.map((c) => {
						const v = r[c];
						return typeof v === 'boolean' ? String(v) : v;
					})
				)
			});
		}
	}
	return tables;
}

/** Writes tables as the sheets of one .xlsx workbook (header row bold, text neutralised). */
export async function tablesToXlsx(tables: ExportTable[]): Promise<Uint8Array> {
	const sheets = tables.map((t) => ({
		sheet: t.name,
		data: [
			t.columns.map((c) => ({ value: String(safeValue(c)), fontWeight: 'bold' as const })),
			...t.rows.map((row) => row.map((v) => safeValue(v)))
		],
		stickyRowsCount: 1
	}));
	const blob = await writeXlsxFile(sheets).toBlob();
	return new Uint8Array(await blob.arrayBuffer());
}

/**
 * One export file of a year: a view as CSV (UTF-8 with BOM so Excel shows "√") or .xlsx, or
 * `semua.xlsx` with every view as a sheet. Null when the year does not exist.
 */
export async function exportFile(
	year: number,
	view: ExportView | 'semua',
	format: ExportFormat,
	conn: Conn = db()
): Promise<ExportFile | null> {
	const views = view === 'semua' ? (['matriks', 'rinci', 'peringkat'] as const) : [view];
	const tables = await tablesOf(year, views, conn);
	if (!tables) return null;
	const filename = `monev-dip-${year}-${view}.${format}`;
	if (format === 'xlsx') {
		return {
			body: await tablesToXlsx(tables),
			contentType: XLSX_TYPE,
			filename
		};
	}
	return {
		body: tableToCsv(tables[0]!, { bom: true }),
		contentType: 'text/csv; charset=utf-8',
		filename
	};
}

/** Parses "matriks.csv", "semua.xlsx" … into a view and a format, or null. */
export function parseExportName(
	name: string
): { view: ExportView | 'semua'; format: ExportFormat } | null {
	const m = /^([a-z-]+)\.(csv|xlsx)$/.exec(name);
	if (!m) return null;
	const view = m[1] as ExportView | 'semua';
	const format = m[2] as ExportFormat;
	if (view === 'semua') return format === 'xlsx' ? { view, format } : null;
	return (EXPORT_VIEWS as readonly string[]).includes(view) ? { view, format } : null;
}
