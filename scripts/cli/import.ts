import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { noChanges, parseEmptyRule, type ImportIssue } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { readImportFile } from '../../src/lib/server/import/file';
import { commitImport, planImport, type ImportPlan } from '../../src/lib/server/import/matrix';

function printIssues(file: string, issues: ImportIssue[]): void {
	for (const issue of issues) console.error(`${file}: ${issue.message}`);
}

/** The plan as one JSON object for scripts (`--json`). */
function planJson(plan: ImportPlan, warnings: ImportIssue[]) {
	return {
		year: plan.year,
		source: plan.source,
		createsPeriod: plan.createsPeriod,
		periodStatus: plan.periodStatus,
		empty: plan.empty,
		emptyDefault: plan.emptyDefault,
		cells: plan.cellsTotal,
		blanks: plan.blanks,
		changes: plan.counts,
		evidenceChanges: plan.evidenceChanges,
		newOpds: plan.rows
			.filter((r) => r.isNew)
			.map((r) => ({ line: r.line, name: r.name, slug: r.opd })),
		matches: plan.rows.map((r) => ({
			line: r.line,
			name: r.name,
			opd: r.opd,
			exact: r.exact,
			score: r.score
		})),
		errors: plan.errors,
		warnings
	};
}

const writeJson = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

/**
 * `import --year Y --file F [--sheet S] [--empty keep|absent] [--dry-run] [--json]`: an
 * annual-report table, the app's CSV template, the long `rinci` export (values, evidence links and
 * notes), CSV with "," or ";", TSV, or an .xlsx workbook (first sheet, or --sheet). Shows the matches it made, then writes all or nothing; --dry-run only
 * previews. An empty cell means "leave as is" in a CSV/XLSX and "tidak ada" in a report table,
 * unless --empty says otherwise. --json prints the plan (and the outcome) as one JSON object.
 */
export async function importCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			year: { type: 'string' },
			file: { type: 'string' },
			title: { type: 'string' },
			sheet: { type: 'string' },
			empty: { type: 'string' },
			'dry-run': { type: 'boolean' },
			json: { type: 'boolean' }
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
	const empty = values.empty === undefined ? undefined : parseEmptyRule(values.empty);
	if (values.empty !== undefined && empty === undefined) {
		console.error(
			`import: --empty harus keep (sel kosong dibiarkan) atau absent (sel kosong = tidak ada), bukan "${values.empty}"`
		);
		return 2;
	}
	const parsed = await readImportFile({
		name: values.file,
		bytes: await readFile(values.file),
		...(values.sheet ? { sheet: values.sheet } : {})
	});
	if (!parsed.ok) {
		printIssues(values.file, parsed.errors);
		if (values.json) writeJson({ year, changes: noChanges(), newOpds: [], errors: parsed.errors });
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
		...(values.title ? { title: values.title } : {}),
		...(empty ? { empty } : {})
	};
	const plan = await planImport(request, conn);
	for (const row of plan.rows.filter((r) => !r.exact && r.opd !== null)) {
		const how = row.isNew
			? 'OPD baru'
			: `dicocokkan (${Math.round((row.score ?? 0) * 100)}%) dengan`;
		console.error(`[monev] baris ${row.line}: "${row.name}" ${how} "${row.opd}"`);
	}
	const k = plan.counts;
	const kinds =
		`${k.toPresent} → ada, ${k.toAbsent} → tidak ada, ${k.toNotApplicable} → tidak berlaku, ` +
		`${k.toUnassessed} → belum dinilai` +
		(plan.evidenceChanges ? `, ${plan.evidenceChanges} dengan tautan bukti/catatan berubah` : '') +
		`; sel kosong: ${plan.empty === 'keep' ? 'dibiarkan' : 'tidak ada'}`;
	if (plan.errors.length || values['dry-run']) {
		printIssues(values.file, plan.errors);
		if (values.json) writeJson(planJson(plan, parsed.warnings));
		const what = plan.createsPeriod
			? `${plan.cellsTotal} sel baru`
			: `${plan.changes.length} sel berubah`;
		console.error(
			plan.errors.length
				? `[monev] impor dibatalkan: ${plan.errors.length} kesalahan, tidak ada yang diubah`
				: `[monev] pratinjau saja (--dry-run): ${what} (${kinds}); tidak ada yang diubah`
		);
		return plan.errors.length ? 1 : 0;
	}
	const outcome = await commitImport(
		{ ...request, actor: SYSTEM_ACTORS.cli, expectedDigest: plan.digest },
		conn
	);
	if (!outcome.ok) {
		printIssues(values.file, outcome.errors);
		if (values.json) writeJson({ ...planJson(plan, parsed.warnings), errors: outcome.errors });
		console.error(
			`[monev] impor dibatalkan: ${outcome.errors.length} kesalahan, tidak ada yang diubah`
		);
		return 1;
	}
	const s = outcome.summary;
	if (values.json)
		writeJson({
			...planJson(plan, parsed.warnings),
			committed: { eventId: s.eventId, cellsChanged: s.cellsChanged, cellsWritten: s.cellsWritten }
		});
	console.error(
		`[monev] impor ${year} selesai (#${s.eventId}): ${s.createdPeriod ? 'periode baru, ' : ''}${s.opdsCreated.length} OPD baru, ${s.cellsChanged} sel berubah dari ${s.cellsWritten} (${kinds})`
	);
	return 0;
}
