import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportIssue } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit';
import type { DB } from '../../src/lib/server/db';
import { readImportFile } from '../../src/lib/server/import-file';
import { commitImport, planImport } from '../../src/lib/server/import-matrix';

function printIssues(file: string, issues: ImportIssue[]): void {
	for (const issue of issues) console.error(`${file}: ${issue.message}`);
}

/**
 * `import --year Y --file F [--sheet S] [--dry-run]`: an annual-report table, the app's CSV
 * template, CSV with "," or ";", TSV, or an .xlsx workbook (first sheet, or --sheet). Shows the
 * matches it made, then writes all or nothing; --dry-run only previews.
 */
export async function importCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			year: { type: 'string' },
			file: { type: 'string' },
			title: { type: 'string' },
			sheet: { type: 'string' },
			'dry-run': { type: 'boolean' }
		}
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
	const parsed = await readImportFile({
		name: values.file,
		bytes: await readFile(values.file),
		...(values.sheet ? { sheet: values.sheet } : {})
	});
	if (!parsed.ok) {
		printIssues(values.file, parsed.errors);
		console.error(
			`[monev] impor dibatalkan: ${parsed.errors.length} kesalahan, tidak ada yang diubah`
		);
		return 1;
	}
	printIssues(values.file, parsed.warnings);
	const request = {
		year,
		matrix: parsed.matrix,
		source: basename(values.file),
		...(values.title ? { title: values.title } : {})
	};
	const plan = await planImport(request, conn);
	for (const row of plan.rows.filter((r) => !r.exact && r.opd !== null)) {
		const how = row.isNew
			? 'OPD baru'
			: `dicocokkan (${Math.round((row.score ?? 0) * 100)}%) dengan`;
		console.error(`[monev] baris ${row.line}: "${row.name}" ${how} "${row.opd}"`);
	}
	if (plan.errors.length || values['dry-run']) {
		printIssues(values.file, plan.errors);
		const what = plan.createsPeriod
			? `${plan.cellsTotal} sel baru`
			: `${plan.changes.length} sel berubah`;
		console.error(
			plan.errors.length
				? `[monev] impor dibatalkan: ${plan.errors.length} kesalahan, tidak ada yang diubah`
				: `[monev] pratinjau saja (--dry-run): ${what}; tidak ada yang diubah`
		);
		return plan.errors.length ? 1 : 0;
	}
	const outcome = await commitImport(
		{ ...request, actor: SYSTEM_ACTORS.cli, expectedDigest: plan.digest },
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
	console.error(
		`[monev] impor ${year} selesai (#${s.eventId}): ${s.createdPeriod ? 'periode baru, ' : ''}${s.opdsCreated.length} OPD baru, ${s.cellsChanged} sel berubah dari ${s.cellsWritten}`
	);
	return 0;
}
