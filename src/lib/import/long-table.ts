/**
 * The long (`rinci`) layout: one row per OPD × indicator with its value, "tidak berlaku", evidence
 * link and note, as the `rinci` export writes it. Read here into the same OPD × indicator matrix
 * as the wide layout (one row per OPD, cells the file has no row for left `unlisted`), so that the
 * import plan matches OPDs and indicators, checks the rules and writes the cells the one way.
 */
import { evidenceProblem, normalizeEvidence } from '../evidence';
import { lengthProblem, TEXT_LIMITS } from '../validation/text-limits';
import { isNameHeader, isNumberHeader, readRowNumber } from './header';
import { indicatorKey } from './indicator-keys';
import { issueAt, quoteValue, sortIssues } from './issues';
import { normalizeOpdName } from './opd-names';
import { badTickReason } from './row-cells';
import { collapseSpaces } from './text';
import { parseTick } from './ticks';
import type { ImportIssue, ParsedCell, ParsedEvidence, ParsedRow, ParseResult } from './types';

/** 0-based columns of a long header (null: the file has no such column). */
export interface LongColumns {
	number: number | null;
	name: number;
	code: number | null;
	label: number | null;
	key: number | null;
	value: number;
	notApplicable: number | null;
	evidenceUrl: number | null;
	note: number | null;
	/** Header texts, for messages. */
	header: string[];
}

type Field = Exclude<keyof LongColumns, 'header'>;

// The export's own headers first (LONG_COLUMNS in export-tables.ts), then spellings people type.
const FIELDS: [Field, RegExp][] = [
	['code', /^kode opd$/],
	['label', /^(indikator|kategori)$/],
	['key', /^kode (indikator|kategori)$/],
	['value', /^nilai( verifikasi)?$/],
	['notApplicable', /^tidak berlaku$/],
	['evidenceUrl', /^(tautan bukti|tautan|data dukung)$/],
	['note', /^catatan$/]
];

/**
 * The self-assessment columns of the export: the operator's own, never written by an import
 * (an evaluator's spreadsheet must not overwrite what the OPD said), so they are read past.
 */
const SELF_COLUMNS = /^(nilai mandiri|mandiri tidak berlaku|tautan bukti mandiri|catatan mandiri)$/;

const norm = (cell: string) => collapseSpaces(cell).toLowerCase();

/**
 * Recognises a long header: an OPD name column, an indicator column ("Indikator" or "Kode
 * indikator") and a "Nilai" column, in any order. Null for any other header (a wide one).
 */
export function detectLongColumns(header: string[]): LongColumns | null {
	const found: Partial<Record<Field, number>> = {};
	header.forEach((cell, index) => {
		const text = norm(cell);
		if (found.name === undefined && isNameHeader(text)) found.name = index;
		else if (found.number === undefined && isNumberHeader(text)) found.number = index;
		else {
			for (const [field, pattern] of FIELDS) {
				if (found[field] === undefined && pattern.test(text)) {
					found[field] = index;
					break;
				}
			}
		}
	});
	if (found.name === undefined || found.value === undefined) return null;
	if (found.label === undefined && found.key === undefined) return null;
	return {
		number: found.number ?? null,
		name: found.name,
		code: found.code ?? null,
		label: found.label ?? null,
		key: found.key ?? null,
		value: found.value,
		notApplicable: found.notApplicable ?? null,
		evidenceUrl: found.evidenceUrl ?? null,
		note: found.note ?? null,
		header: header.map(collapseSpaces)
	};
}

/**
 * A row of the file: its cleaned cells (trimmed, our formula escape undone), its 1-based line and,
 * optionally, the cells as written: a typed "-" clears a field, while the export writes a note
 * that is "-" as "'-" (escaped), which must read back as the note "-".
 */
export interface LongSourceRow {
	cells: string[];
	line: number;
	raw?: string[];
}

interface Group {
	row: ParsedRow;
	/** Column index → line of the row that gave the cell. */
	seen: Map<number, number>;
}

/** "-" clears a field; "" follows the empty-cell rule (the plan decides); else the text. */
const CLEAR = '-';

/**
 * Reads the body rows of a long table (the header already recognised) into a matrix: one row per
 * OPD in order of first appearance, one column per indicator in order of first appearance. Every
 * error names its line and column: an unreadable mark, a bad link, a note over the limit, a row
 * without OPD or indicator, and an OPD × indicator given twice.
 */
export function parseLongRows(
	columns: LongColumns,
	headerLine: number,
	body: LongSourceRow[]
): ParseResult {
	const errors: ImportIssue[] = [];
	const warnings: ImportIssue[] = [];
	const label = (index: number) => columns.header[index] ?? '';
	const at = (line: number, index: number, reason: string) =>
		issueAt(line, index + 1, label(index), reason);
	columns.header.forEach((text, index) => {
		const used = Object.values(columns).includes(index);
		if (used || text === '' || SELF_COLUMNS.test(norm(text))) return;
		warnings.push(
			at(
				headerLine,
				index,
				'kolom ini tidak dikenali pada format rinci dan diabaikan (yang dibaca: No, OPD, ' +
					'Kode OPD, Indikator, Kode indikator, Nilai, Tidak berlaku, Tautan bukti, Catatan).'
			)
		);
	});

	const headers: string[] = [];
	const headerKeys: (string | null)[] = [];
	const headerSources: { line: number; column: number; columnLabel: string }[] = [];
	const headerIndex = new Map<string, number>();
	const groups: Group[] = [];
	const groupIndex = new Map<string, Group>();

	for (const source of body) {
		const { cells, line } = source;
		const get = (index: number | null) => (index === null ? '' : (cells[index] ?? ''));
		const name = collapseSpaces(get(columns.name));
		const key = collapseSpaces(get(columns.key));
		const indicatorLabel = collapseSpaces(get(columns.label));
		if (name === '') {
			errors.push(
				at(line, columns.name, 'nama OPD kosong. Setiap baris harus menyebut nama OPD-nya.')
			);
		}
		if (key === '' && indicatorLabel === '') {
			errors.push(
				at(
					line,
					columns.key ?? columns.label!,
					'indikator kosong. Setiap baris harus menyebut kode indikator atau nama indikatornya.'
				)
			);
		}
		const cell = readLongCell(columns, source, errors);
		const rawNumber = get(columns.number);
		const number = rawNumber === '' ? null : readRowNumber(rawNumber);
		if (rawNumber !== '' && number === null && columns.number !== null) {
			errors.push(
				at(
					line,
					columns.number,
					`${quoteValue(rawNumber)} bukan nomor urut. Kolom ini harus berisi angka (mis. 12) ` +
						'atau dibiarkan kosong.'
				)
			);
		}
		if (name === '' || (key === '' && indicatorLabel === '')) continue;

		// The indicator: by its key when the row gives one, else by its label.
		const identity = key !== '' ? `k:${key.toLowerCase()}` : `l:${indicatorKey(indicatorLabel)}`;
		let column = headerIndex.get(identity);
		if (column === undefined) {
			column = headers.length;
			headerIndex.set(identity, column);
			headers.push(indicatorLabel || key);
			headerKeys.push(key || null);
			const where = key !== '' ? columns.key! : columns.label!;
			headerSources.push({ line, column: where + 1, columnLabel: label(where) });
		}
		const opdKey = normalizeOpdName(name) || name.toLowerCase();
		let group = groupIndex.get(opdKey);
		if (group === undefined) {
			group = { row: { number, name, line, cells: [] }, seen: new Map() };
			groupIndex.set(opdKey, group);
			groups.push(group);
		}
		const first = group.seen.get(column);
		if (first !== undefined) {
			errors.push(
				at(
					line,
					columns.key !== null && key !== '' ? columns.key : (columns.label ?? columns.name),
					`OPD ${quoteValue(name, 80)} × indikator ${quoteValue(indicatorLabel || key, 80)} ` +
						`sudah ada di baris ${first}. Setiap pasangan OPD dan indikator hanya boleh ` +
						'satu baris; hapus salah satunya.'
				)
			);
			continue;
		}
		group.seen.set(column, line);
		group.row.cells[column] = cell;
	}

	if (groups.length === 0 && errors.length === 0) {
		errors.push(
			issueAt(
				headerLine,
				null,
				null,
				'tabel tidak berisi baris. Di bawah baris judul harus ada minimal satu baris: OPD, ' +
					'indikator, lalu nilainya.'
			)
		);
	}
	if (errors.length > 0) return { ok: false, errors: sortIssues(errors) };
	const rows = groups.map(({ row }) => {
		const cells: ParsedCell[] = headers.map(
			(_, c) => row.cells[c] ?? { value: 0, notApplicable: false, blank: true, unlisted: true }
		);
		return { ...row, cells };
	});
	return {
		ok: true,
		matrix: { headers, rows, layout: 'long', headerKeys, headerSources },
		warnings: sortIssues(warnings)
	};
}

/** One row's value, "tidak berlaku", evidence link and note, as a matrix cell. */
function readLongCell(
	columns: LongColumns,
	{ cells, line, raw: written = cells }: LongSourceRow,
	errors: ImportIssue[]
): ParsedCell {
	const get = (index: number | null) => (index === null ? '' : (cells[index] ?? ''));
	const cleared = (index: number) => (written[index] ?? '').trim() === CLEAR;
	const at = (index: number, reason: string) =>
		issueAt(line, index + 1, columns.header[index] ?? '', reason);
	const rawValue = get(columns.value).trim();
	const tick = parseTick(rawValue);
	if (!tick.ok) errors.push(at(columns.value, badTickReason(rawValue)));
	const rawNa = get(columns.notApplicable).trim();
	const na = parseTick(rawNa);
	if (!na.ok && columns.notApplicable !== null) {
		errors.push(
			at(
				columns.notApplicable,
				`${quoteValue(rawNa)} tidak dikenali. Tulis "ya" bila indikator tidak berlaku bagi OPD ` +
					'ini, atau biarkan kosong.'
			)
		);
	}
	const notApplicable = na.ok && !na.blank && na.value === 1;
	let cell: ParsedCell;
	if (notApplicable) {
		if (tick.ok && !tick.blank && !tick.notApplicable) {
			errors.push(
				at(
					columns.value,
					`nilai ${quoteValue(rawValue)} bertentangan dengan "Tidak berlaku" = ya. ` +
						'Kosongkan nilainya, atau kosongkan kolom "Tidak berlaku".'
				)
			);
		}
		cell = { value: null, notApplicable: true };
	} else if (tick.ok) {
		cell = tick.blank
			? { value: 0, notApplicable: false, blank: true }
			: { value: tick.value, notApplicable: tick.notApplicable };
	} else cell = { value: 0, notApplicable: false };
	cell.line = line;
	const evidence: ParsedEvidence = {};
	if (columns.evidenceUrl !== null) {
		const raw = get(columns.evidenceUrl).trim();
		// A link is never "-": escaped or not, it clears.
		const clear = raw === CLEAR || cleared(columns.evidenceUrl);
		const problem = clear ? null : evidenceProblem(raw);
		if (problem) errors.push(at(columns.evidenceUrl, problem));
		evidence.evidenceUrl = clear ? null : raw === '' ? '' : normalizeEvidence(raw);
	}
	if (columns.note !== null) {
		const raw = get(columns.note).trim();
		const problem = lengthProblem('Catatan', raw, TEXT_LIMITS.text);
		if (problem) errors.push(at(columns.note, problem));
		evidence.note = cleared(columns.note) ? null : raw;
	}
	if (columns.evidenceUrl !== null || columns.note !== null) cell.evidence = evidence;
	return cell;
}
