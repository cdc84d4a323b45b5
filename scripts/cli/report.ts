import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { openComposerYear } from '../../src/lib/server/report/composer';
import { isReportFormat, reportFile } from '../../src/lib/server/report/file';

/**
 * `report --year Y --format docx|html [--file F] [--personal-data]`: the Laporan Tahunan PPID of a
 * year, as the composer page downloads it. A year without composer text starts as a copy of the
 * latest earlier year (audited), as on the page. HTML goes to stdout without --file.
 */
export async function reportCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			year: { type: 'string' },
			format: { type: 'string', default: 'docx' },
			file: { type: 'string' },
			'personal-data': { type: 'boolean', default: false }
		}
	});
	const year = Number(values.year);
	if (!Number.isInteger(year)) {
		console.error('report: --year TAHUN wajib diisi (mis. --year 2021)');
		return 2;
	}
	const format = values.format;
	if (!isReportFormat(format)) {
		console.error(`report: --format harus docx atau html (bukan "${format}")`);
		return 2;
	}
	if (format === 'docx' && !values.file) {
		console.error('report: --file BERKAS wajib diisi untuk .docx');
		return 2;
	}
	// A year without text starts as a copy of the latest earlier year, as on the composer page.
	await openComposerYear(year, SYSTEM_ACTORS.cli, conn);
	const report = (await reportFile(year, format, values['personal-data'], conn))!;
	if (values.file) {
		await writeFile(values.file, report.bytes);
		console.error(`[monev] ${report.name} ditulis ke ${values.file}`);
	} else process.stdout.write(report.bytes);
	return 0;
}
