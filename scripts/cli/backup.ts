import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DB } from '../../src/lib/server/db';
import { BackupError, restoreBackup, writeBackup } from '../../src/lib/server/backup';

/** `backup --file F`: every table as JSON lines (written to F.tmp, then renamed: never half a file). */
export async function backupCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({ args, options: { file: { type: 'string' } } });
	if (!values.file) {
		console.error('backup: --file BERKAS wajib diisi');
		return 2;
	}
	const text = await writeBackup(conn);
	await writeFile(`${values.file}.tmp`, text, 'utf8');
	await rename(`${values.file}.tmp`, values.file);
	console.error(`[monev] cadangan ditulis ke ${values.file} (${text.length} bita)`);
	return 0;
}

/** `import-backup --file F [--replace]`: restores a backup into an empty database (or replaces). */
export async function importBackupCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { file: { type: 'string' }, replace: { type: 'boolean' } }
	});
	if (!values.file) {
		console.error('import-backup: --file BERKAS wajib diisi');
		return 2;
	}
	try {
		const done = await restoreBackup(conn, await readFile(values.file, 'utf8'), {
			replace: values.replace === true
		});
		console.error(`[monev] cadangan dipulihkan: ${done.tables} tabel, ${done.rows} baris`);
		return 0;
	} catch (e) {
		if (!(e instanceof BackupError)) throw e;
		console.error(`[monev] pemulihan dibatalkan, tidak ada yang diubah: ${e.message}`);
		return 1;
	}
}
