import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupCommand } from '../../scripts/cli/backup';
import type { DB } from '../../src/lib/server/db';
import { assessments } from '../../src/lib/server/db/schema';
import {
	BackupError,
	backupTables,
	restoreBackup,
	tableCounts,
	writeBackup
} from '../../src/lib/server/db/backup';
import { createTestDb } from './helpers/test-db';

let source: { db: DB; cleanup(): Promise<void> };
let target: { db: DB; cleanup(): Promise<void> };
beforeEach(async () => {
	source = await createTestDb('demo');
	target = await createTestDb();
});
afterEach(async () => {
	await source.cleanup();
	await target.cleanup();
});

describe('whole-database backup', () => {
	it('covers every table of the database (from the schema, parents first)', async () => {
		const rs = await source.db.$client.execute(
			"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'"
		);
		const tables = backupTables();
		expect([...tables].sort()).toEqual(rs.rows.map((r) => String(r.name)).sort());
		expect(tables.indexOf('opds')).toBeLessThan(tables.indexOf('assessments'));
		expect(tables.indexOf('users')).toBeLessThan(tables.indexOf('sessions'));
	});

	it('restores exactly: backup → restore into a fresh database → backup gives the same bytes', async () => {
		// Values a naive dump would mangle: a fraction, unicode, quotes, a newline.
		await source.db.update(assessments).set({ value: 0.125, note: 'catatan "uji"\nbaris 2 – √' });
		const first = await writeBackup(source.db);
		await restoreBackup(target.db, first);
		expect(await writeBackup(target.db)).toBe(first);
		expect(await tableCounts(target.db)).toEqual(await tableCounts(source.db));
	});

	it('refuses a database that holds data unless replacing, and a file that is not a backup', async () => {
		const text = await writeBackup(source.db);
		await expect(restoreBackup(source.db, text)).rejects.toThrow(/tidak kosong/);
		await restoreBackup(source.db, text, { replace: true });
		expect(await writeBackup(source.db)).toBe(text);
		await expect(restoreBackup(target.db, '{"hello":1}\n')).rejects.toBeInstanceOf(BackupError);
		const cut = text.split('\n').slice(0, 20).join('\n');
		await expect(restoreBackup(target.db, cut)).rejects.toThrow(/terpotong/);
		expect(Object.values(await tableCounts(target.db)).every((n) => n === 0)).toBe(true);
	});
});

describe('monev backup', () => {
	it('writes the file with mode 0600, also over an existing file and a left-over .tmp', async () => {
		const dir = await mkdtemp(join(tmpdir(), 'monev-backup-'));
		try {
			const file = join(dir, 'cadangan.jsonl');
			const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
			expect(await backupCommand(['--file', file], source.db)).toBe(0);
			expect(await modeOf(file)).toBe(0o600);
			// An older, world-readable backup and a stale temporary file of the same name.
			await chmod(file, 0o644);
			await writeFile(`${file}.tmp`, 'alt', { mode: 0o644 });
			await chmod(`${file}.tmp`, 0o644);
			expect(await backupCommand(['--file', file], source.db)).toBe(0);
			expect(await modeOf(file)).toBe(0o600);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
