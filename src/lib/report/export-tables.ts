/**
 * The export views of a period as plain tables (pure), and their CSV form. The server turns the
 * same tables into .xlsx sheets. Every text cell is neutralised against formula injection.
 */
import { neutralizeFormula, writeCsv, type Delimiter } from '../import/csv-cells';
import { MARK, markOf } from '../import/ticks';

export type ExportValue = string | number | null;

/** One sheet / CSV file: a name, a header row and data rows. */
export interface ExportTable {
	name: string;
	columns: string[];
	rows: ExportValue[][];
}

/** One cell of the period as exported. */
export interface ExportCell {
	value: number | null;
	notApplicable: boolean;
	evidenceUrl: string | null;
	note: string | null;
	selfValue: number | null;
	selfNotApplicable: boolean;
	selfEvidenceUrl: string | null;
	selfNote: string | null;
}

export interface ExportPeriod {
	indicators: { key: string; label: string }[];
	/** OPDs in the order of the period's table. */
	opds: { slug: string; number: number; name: string }[];
	/** `${opdSlug}\u0000${indicatorKey}` → cell. */
	cells: Map<string, ExportCell>;
}

export const cellKey = (opd: string, indicator: string) => `${opd}\u0000${indicator}`;

/**
 * Marks of a wide table. `report`: the annual report's layout, "" for both "tidak ada" and not
 * assessed. `template`: the app's import template, where "" means not assessed (left as it is on
 * import) and "tidak ada" is written as "tidak", so that the file reads back to the same cells.
 */
export type TickStyle = 'report' | 'template';

/** "√" ticked, "n/a" not applicable, "" not assessed; "tidak ada" as "" or "tidak" (by style). */
export function tickMark(
	cell: Pick<ExportCell, 'value' | 'notApplicable'> | undefined,
	style: TickStyle = 'report'
): ExportValue {
	// Scale levels and counts above 1 stay numbers; ticks use the one mark vocabulary.
	if (cell && !cell.notApplicable && cell.value !== null && cell.value > 1) return cell.value;
	if (style === 'template' && cell && !cell.notApplicable && cell.value === 0)
		return MARK.absentInTemplate;
	return markOf(cell);
}

/**
 * Wide: the report's layout (`Matriks`) and the import template (`Templat`), one row per OPD.
 * `empty`: no marks at all (a blank template).
 */
export function wideTable(
	period: ExportPeriod,
	empty = false,
	style: TickStyle = 'report'
): ExportTable {
	return {
		name: empty || style === 'template' ? 'Templat' : 'Matriks',
		columns: ['No', 'OPD', ...period.indicators.map((i) => i.label)],
		rows: period.opds.map((o) => [
			o.number,
			o.name,
			...period.indicators.map((i) =>
				empty ? '' : tickMark(period.cells.get(cellKey(o.slug, i.key)), style)
			)
		])
	};
}

export const LONG_COLUMNS = [
	'No',
	'OPD',
	'Kode OPD',
	'Indikator',
	'Kode indikator',
	'Nilai',
	'Tidak berlaku',
	'Tautan bukti',
	'Catatan',
	'Nilai mandiri',
	'Mandiri tidak berlaku',
	'Tautan bukti mandiri',
	'Catatan mandiri'
];

const yesNo = (b: boolean) => (b ? 'ya' : '');

/** Long: one row per OPD × indicator, with evidence, notes and the self-assessment beside. */
export function longTable(period: ExportPeriod): ExportTable {
	const rows: ExportValue[][] = [];
	for (const o of period.opds) {
		for (const i of period.indicators) {
			const c = period.cells.get(cellKey(o.slug, i.key));
			rows.push([
				o.number,
				o.name,
				o.slug,
				i.label,
				i.key,
				c?.value ?? null,
				yesNo(c?.notApplicable ?? false),
				c?.evidenceUrl ?? null,
				c?.note ?? null,
				c?.selfValue ?? null,
				yesNo(c?.selfNotApplicable ?? false),
				c?.selfEvidenceUrl ?? null,
				c?.selfNote ?? null
			]);
		}
	}
	return { name: 'Rinci', columns: LONG_COLUMNS, rows };
}

/** A text cell made safe for a spreadsheet; numbers and blanks stay as they are. */
export function safeValue(value: ExportValue): ExportValue {
	return typeof value === 'string' ? neutralizeFormula(value) : value;
}

/** A table as CSV (CRLF, quoted as needed, formulas neutralised, optional BOM for Excel). */
export function tableToCsv(
	table: ExportTable,
	options: { delimiter?: Delimiter; bom?: boolean } = {}
): string {
	return writeCsv(table.columns, table.rows, options);
}
