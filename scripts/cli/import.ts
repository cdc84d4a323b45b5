import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDelimited, parseReportTable, type ImportIssue } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit';
import type { DB } from '../../src/lib/server/db';
import { importMatrix } from '../../src/lib/server/import-matrix';

function printIssues(file: string, issues: ImportIssue[]): void {
	for (const issue of issues) {
		const where = [
			issue.line ? `baris ${issue.line}` : null,
			issue.column
				? `kolom ${issue.column}${issue.columnLabel ? ` (${issue.columnLabel})` : ''}`
				: null
		]
			.filter(Boolean)
			.join(', ');
		console.error(`${file}${where ? `: ${where}` : ''}: ${issue.message}`);
	}
}

/**
 * `import --year Y --file F`: a report table (tab-separated, as in the annual report) or the app's
 * CSV template. Nothing is written unless the whole file is valid.
 */
export async function importCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { year: { type: 'string' }, file: { type: 'string' }, title: { type: 'string' } }
	});
	const year = Number(values.year);
	if (!Number.isInteger(year) || year < 1900 || year > 2200) {
		console.error('import: --year TAHUN wajib diisi (mis. --year 2022)');
		return 2;
	}
	if (!values.file) {
		console.error('import: --file BERKAS wajib diisi');
		return 2;
	}
	const text = await readFile(values.file, 'utf8');
	const parsed = /^\s*no\.?\t+nama opd/im.test(text)
		? parseReportTable(text)
		: parseDelimited(text);
	if (!parsed.ok) {
		printIssues(values.file, parsed.errors);
		console.error(
			`[monev] impor dibatalkan: ${parsed.errors.length} kesalahan, tidak ada yang diubah`
		);
		return 1;
	}
	printIssues(values.file, parsed.warnings);
	const outcome = await importMatrix(
		{
			year,
			matrix: parsed.matrix,
			actor: SYSTEM_ACTORS.cli,
			source: basename(values.file),
			...(values.title ? { title: values.title } : {})
		},
		conn
	);
	if (!outcome.ok) {
		printIssues(values.file, outcome.errors);
		console.error(
			`[monev] impor dibatalkan: ${outcome.errors.length} kesalahan, tidak ada yang diubah`
		);
		return 1;
	}
	const s = outcome.summary;
	for (const m of s.matches.filter((m) => !m.exact)) {
		console.error(`[monev] baris ${m.line}: "${m.name}" dicocokkan dengan OPD "${m.opd}"`);
	}
	console.error(
		`[monev] impor ${year} selesai: ${s.createdPeriod ? 'periode baru, ' : ''}${s.opdsCreated.length} OPD baru, ${s.cellsChanged} sel berubah dari ${s.cellsWritten}`
	);
	return 0;
}
