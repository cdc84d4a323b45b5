import { readFileSync } from 'node:fs';

/**
 * A deliberately naive, independent reading of a seed report's section 2.3 table, used only to
 * check the real parser and the database against the files: every line that starts with a
 * number and a tab is a row; "√" is a tick. Rows are keyed by their printed number.
 */
export function naiveSeedMatrix(file: string): { headers: string[]; rows: Map<number, boolean[]> } {
	const lines = readFileSync(file, 'utf8').split(/\r?\n/);
	const start = lines.findIndex((l) => /^NO\tNAMA OPD/.test(l));
	if (start < 0) throw new Error(`no table in ${file}`);
	const headers = (lines[start + 1] ?? '')
		.split('\t')
		.slice(2)
		.filter((h) => h.trim() !== '');
	const rows = new Map<number, boolean[]>();
	for (const line of lines.slice(start + 2)) {
		if (/^(## )?\**2\.4/.test(line)) break;
		const m = /^(\d+)\t/.exec(line);
		if (!m) continue;
		const cells = line.split('\t').slice(2);
		rows.set(
			Number(m[1]),
			headers.map((_, i) => (cells[i] ?? '').trim() === '√')
		);
	}
	return { headers, rows };
}

export const SEED_FILES = {
	2020: 'data/seeds/001_fa7482990baaa3fb.txt',
	2021: 'data/seeds/000_98cb80431292019a.txt'
} as const;
