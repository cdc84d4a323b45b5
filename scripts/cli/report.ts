import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildReport, renderHtml } from '../../src/lib/report/document';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { openComposerYear, reportInput } from '../../src/lib/server/report/composer';
import { reportDocx } from '../../src/lib/server/report/docx';

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
	if (format !== 'docx' && format !== 'html') {
		console.error(`report: --format harus docx atau html (bukan "${format}")`);
		return 2;
	}
	if (format === 'docx' && !values.file) {
		console.error('report: --file BERKAS wajib diisi untuk .docx');
		return 2;
	}
	const composer = await openComposerYear(year, SYSTEM_ACTORS.cli, conn);
	const doc = buildReport(await reportInput(composer, values['personal-data'], conn));
	const body = format === 'docx' ? await reportDocx(doc) : renderHtml(doc);
	if (values.file) {
		await writeFile(values.file, body);
		console.error(`[monev] ${doc.title} ditulis ke ${values.file}`);
	} else process.stdout.write(body);
	return 0;
}
