/**
 * A CSV of the PPID's award lists, one entry per row: list title, position, OPD name, points,
 * note (`,`, `;` or tab). A first row whose position cell is not a number is a header. Pure: the
 * caller matches the OPD names and writes; every problem names its line.
 */
import Papa from 'papaparse';
import { readPoints } from './points';
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

/** The good rows and every problem, each with its line: the caller writes only when none. */
export interface AwardCsvResult {
	rows: AwardCsvRow[];
	errors: { line: number; message: string }[];
}

/** Reads the file: its good rows and what is wrong with the others. */
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
	if (rows.length === 0 && errors.length === 0)
		errors.push({ line: 0, message: 'berkas tidak berisi baris penghargaan' });
	return { rows, errors };
}
