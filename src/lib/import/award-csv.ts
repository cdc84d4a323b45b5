/**
 * A CSV of the PPID's award lists, one entry per row: list title, position, OPD name, points,
 * note (`,`, `;` or tab). A first row whose position cell is not a number is a header. Pure: the
 * caller matches the OPD names and writes; every problem names its line.
 */
import Papa from 'papaparse';
import { stripBom } from './text';

export interface AwardCsvRow {
	/** 1-based line of the file the row starts on. */
	line: number;
	list: string;
	position: number;
	opdName: string;
	points: number | null;
	note: string | null;
}

export type AwardCsvResult =
	{ ok: true; rows: AwardCsvRow[] } | { ok: false; errors: { line: number; message: string }[] };

export const AWARD_CSV_COLUMNS = ['daftar', 'posisi', 'opd', 'nilai', 'catatan'] as const;

/** "250", "12,5", "1.250,5" (Indonesian) or "12.5" as a number; null when not one. */
export function readPoints(text: string): number | null {
	const t = text.trim().replace(/\s/g, '');
	if (/^\d+$/.test(t)) return Number(t);
	if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
	if (/^\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
	if (/^\d+\.\d+$/.test(t)) return Number(t);
	return null;
}

/** Reads the file; all rows or the list of what is wrong, each with its line. */
export function parseAwardCsv(text: string): AwardCsvResult {
	const parsed = Papa.parse<string[]>(stripBom(text), {
		delimitersToGuess: [',', ';', '\t'],
		skipEmptyLines: false
	});
	const errors: { line: number; message: string }[] = [];
	const rows: AwardCsvRow[] = [];
	const seen = new Map<string, number>();
	let line = 0;
	let first = true;
	for (const cells of parsed.data) {
		line++;
		if (cells.every((c) => c.trim() === '')) continue;
		const [list = '', position = '', opdName = '', points = '', note = ''] = cells.map((c) =>
			c.trim()
		);
		if (first) {
			first = false;
			if (!/^\d+$/.test(position)) continue;
		}
		const problems: string[] = [];
		if (list === '') problems.push('judul daftar kosong');
		if (!/^\d+$/.test(position) || Number(position) < 1)
			problems.push(`posisi "${position}" bukan bilangan bulat 1 atau lebih`);
		if (opdName === '') problems.push('nama OPD kosong');
		const value = points === '' ? null : readPoints(points);
		if (points !== '' && value === null) problems.push(`nilai "${points}" bukan angka`);
		const key = `${list.toLowerCase()}\u0000${opdName.toLowerCase()}`;
		if (list && opdName && seen.has(key))
			problems.push(`OPD "${opdName}" sudah ada di daftar "${list}" pada baris ${seen.get(key)}`);
		seen.set(key, line);
		if (problems.length) {
			errors.push({ line, message: problems.join('; ') });
			continue;
		}
		rows.push({
			line,
			list,
			position: Number(position),
			opdName,
			points: value,
			note: note === '' ? null : note
		});
	}
	if (errors.length) return { ok: false, errors };
	if (rows.length === 0)
		return { ok: false, errors: [{ line: 0, message: 'berkas tidak berisi baris penghargaan' }] };
	return { ok: true, rows };
}
