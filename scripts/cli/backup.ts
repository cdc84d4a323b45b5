import { open, readFile, rename } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DB } from '../../src/lib/server/db';
import { BackupError, restoreBackup, writeBackup } from '../../src/lib/server/db/backup';

/**
 * `backup --file F`: every table as JSON lines (written to F.tmp, then renamed: never half a
 * file). Mode 0600: a backup holds password hashes, readable by the owner only.
 */
export async function backupCommand(args: string[], conn: DB): Promise<number> {
	const { values } = parseArgs({ args, options: { file: { type: 'string' } } });
	if (!values.file) {
		console.error('backup: --file BERKAS wajib diisi');
		return 2;
	}
	const text = await writeBackup(conn);
	await writePrivate(`${values.file}.tmp`, text);
	await rename(`${values.file}.tmp`, values.file);
	console.error(`[monev] cadangan ditulis ke ${values.file} (${text.length} bita)`);
	return 0;
}

/** Writes a file readable by its owner only, even when a file of that name was already there. */
async function writePrivate(path: string, text: string): Promise<void> {
	const file = await open(path, 'w', 0o600);
	try {
		// The mode given to open() only applies to a new file: a left-over one keeps its own.
		await file.chmod(0o600);
		await file.writeFile(text, 'utf8');
		await file.sync();
	} finally {
		await file.close();
	}
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
