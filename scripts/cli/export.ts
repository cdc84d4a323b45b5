import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DB } from '../../src/lib/server/db';
import { EXPORT_VIEWS, exportFile, type ExportView } from '../../src/lib/server/results/export';

const VIEWS = [...EXPORT_VIEWS, 'semua'] as const;

/**
 * `export --year Y --view matriks|rinci|peringkat|templat|templat-kosong|semua --format csv|xlsx
 * [--file F]`: the same files as the /impor page's export links. Without --file a CSV goes to
 * stdout; an .xlsx needs --file.
 */
export async function exportCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: {
			year: { type: 'string' },
			view: { type: 'string', default: 'matriks' },
			format: { type: 'string', default: 'csv' },
			file: { type: 'string' }
		}
	});
	const year = Number(values.year);
	if (!Number.isInteger(year)) {
		console.error('export: --year TAHUN wajib diisi (mis. --year 2021)');
		return 2;
	}
	const view = values.view as ExportView | 'semua';
	if (!(VIEWS as readonly string[]).includes(view)) {
		console.error(`export: --view harus salah satu dari ${VIEWS.join(', ')} (bukan "${view}")`);
		return 2;
	}
	const format = values.format;
	if (format !== 'csv' && format !== 'xlsx') {
		console.error(`export: --format harus csv atau xlsx (bukan "${format}")`);
		return 2;
	}
	if (view === 'semua' && format !== 'xlsx') {
		console.error('export: --view semua hanya tersedia sebagai --format xlsx');
		return 2;
	}
	if (format === 'xlsx' && !values.file) {
		console.error('export: --file BERKAS wajib diisi untuk .xlsx');
		return 2;
	}
	const file = await exportFile(year, view, format, conn);
	if (!file) {
		console.error(`export: periode ${year} tidak ada`);
		return 1;
	}
	if (values.file) {
		await writeFile(values.file, file.body);
		console.error(`[monev] ${file.filename} ditulis ke ${values.file}`);
	} else {
		process.stdout.write(file.body);
	}
	return 0;
}
