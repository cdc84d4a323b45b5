import type { InArgs, InValue, ResultSet } from '@libsql/client';
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { DB } from '.';
import * as schema from './schema';

/**
 * Whole-database backup as JSON lines: a header line (format, version, migrations), then per
 * table a line `{"table","columns","rows"}` followed by one JSON array per row. The tables come
 * from the drizzle schema, so a new table is included without touching this file; they are
 * written parents first, so a restore can insert them in file order.
 */
export const BACKUP_FORMAT = 'monev-dip-backup';
export const BACKUP_VERSION = 1;
/** SQLite's AUTOINCREMENT counters, kept so that restored ids are never handed out again. */
const SEQUENCE = 'sqlite_sequence';
const MIGRATIONS = '__drizzle_migrations';

export class BackupError extends Error {}

/** The schema's tables, parents before children (by foreign keys), ties by name. */
export function backupTables(): string[] {
	const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable =>
		is(v, SQLiteTable)
	);
	const parents = new Map<string, Set<string>>();
	for (const table of tables) {
		const name = getTableName(table);
		const refs = getTableConfig(table)
			.foreignKeys.map((fk) => getTableName(fk.reference().foreignTable))
			.filter((ref) => ref !== name);
		parents.set(name, new Set(refs));
	}
	const order: string[] = [];
	const pending = [...parents.keys()].sort();
	while (pending.length) {
		const next = pending.find((name) => [...parents.get(name)!].every((p) => order.includes(p)));
		if (!next) throw new Error(`foreign-key cycle among ${pending.join(', ')}`);
		order.push(next);
		pending.splice(pending.indexOf(next), 1);
	}
	return order;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A column value as JSON. Binary values (the evidence files' bytes) are written as
 * `{"$base64": "…"}`, which no other column can hold (they are text, numbers or null).
 */
function jsonValue(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof ArrayBuffer) return { $base64: Buffer.from(value).toString('base64') };
	if (ArrayBuffer.isView(value))
		return {
			$base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
		};
	return value;
}

/** The inverse of jsonValue for one parsed cell. */
function sqlValue(value: unknown): InValue {
	if (value !== null && typeof value === 'object') {
		const b64 = (value as { $base64?: unknown }).$base64;
		if (typeof b64 !== 'string') throw new BackupError('nilai kolom tidak dikenal dalam cadangan');
		return new Uint8Array(Buffer.from(b64, 'base64'));
	}
	return value as InValue;
}

async function migrationState(database: DB): Promise<{ count: number; last: string | null }> {
	const rs = await database.$client.execute(
		`SELECT count(*) AS n, (SELECT hash FROM ${MIGRATIONS} ORDER BY created_at DESC LIMIT 1) AS last FROM ${MIGRATIONS}`
	);
	const row = rs.rows[0];
	return { count: Number(row?.n ?? 0), last: (row?.last as string | null) ?? null };
}

function tableLines(name: string, rs: ResultSet): string[] {
	const lines = [JSON.stringify({ table: name, columns: rs.columns, rows: rs.rows.length })];
	for (const row of rs.rows) {
		lines.push(JSON.stringify(rs.columns.map((_, i) => jsonValue(row[i]))));
	}
	return lines;
}

/** Writes every table of the database as JSON lines (deterministic: same data, same bytes). */
export async function writeBackup(database: DB): Promise<string> {
	const tables = backupTables();
	const migrations = await migrationState(database);
	const lines = [
		JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, migrations, tables })
	];
	// One read transaction, so the file is a consistent picture even while the app writes.
	const tx = await database.$client.transaction('read');
	try {
		for (const name of tables) {
			lines.push(
				...tableLines(name, await tx.execute(`SELECT * FROM ${quote(name)} ORDER BY rowid`))
			);
		}
		const seq = await tx.execute(`SELECT name, seq FROM ${SEQUENCE} ORDER BY name`);
		lines.push(...tableLines(SEQUENCE, seq));
	} finally {
		tx.close();
	}
	return lines.join('\n') + '\n';
}

interface Section {
	table: string;
	columns: string[];
	rows: InValue[][];
}

function readSections(text: string): { header: Record<string, unknown>; sections: Section[] } {
	const lines = text.split('\n').filter((l) => l !== '');
	const parse = (line: string, n: number) => {
		try {
			return JSON.parse(line) as unknown;
		} catch {
			throw new BackupError(`baris ${n} bukan JSON yang sah`);
		}
	};
	const header = parse(lines[0] ?? '', 1) as Record<string, unknown> | null;
	if (header?.format !== BACKUP_FORMAT)
		throw new BackupError('berkas ini bukan cadangan Monev DIP (baris pertama tidak dikenali)');
	if (header.version !== BACKUP_VERSION)
		throw new BackupError(`versi cadangan ${String(header.version)} tidak didukung`);
	const sections: Section[] = [];
	let i = 1;
	while (i < lines.length) {
		const head = parse(lines[i]!, i + 1) as { table?: string; columns?: string[]; rows?: number };
		if (
			typeof head.table !== 'string' ||
			!Array.isArray(head.columns) ||
			typeof head.rows !== 'number'
		)
			throw new BackupError(`baris ${i + 1}: judul tabel diharapkan`);
		const rows = lines
			.slice(i + 1, i + 1 + head.rows)
			.map((l, k) => parse(l, i + 2 + k) as InValue[]);
		if (rows.length !== head.rows) throw new BackupError(`tabel ${head.table} terpotong`);
		sections.push({ table: head.table, columns: head.columns, rows });
		i += 1 + head.rows;
	}
	return { header, sections };
}

/** Row counts of the schema's tables. */
export async function tableCounts(database: DB): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const name of backupTables()) {
		const rs = await database.$client.execute(`SELECT count(*) AS n FROM ${quote(name)}`);
		counts[name] = Number(rs.rows[0]?.n ?? 0);
	}
	return counts;
}

/**
 * Restores a backup into a migrated database, exactly (same ids, same values, same counters), in
 * one transaction. Refuses a database that holds data unless `replace`, which first empties it;
 * refuses a backup made at another migration level.
 */
export async function restoreBackup(
	database: DB,
	text: string,
	options: { replace?: boolean } = {}
): Promise<{ tables: number; rows: number }> {
	const { header, sections } = readSections(text);
	const migrations = await migrationState(database);
	const theirs = header.migrations as { count?: number; last?: string | null } | undefined;
	if (theirs?.count !== migrations.count || theirs?.last !== migrations.last)
		throw new BackupError(
			`cadangan dibuat pada tingkat migrasi ${theirs?.count ?? '?'}, basis data ini ${migrations.count}`
		);
	const tables = backupTables();
	const known = new Set([...tables, SEQUENCE]);
	for (const s of sections)
		if (!known.has(s.table)) throw new BackupError(`tabel ${s.table} tidak dikenal`);
	const counts = await tableCounts(database);
	const nonEmpty = Object.entries(counts).filter(([, n]) => n > 0);
	if (nonEmpty.length && !options.replace)
		throw new BackupError(
			`basis data tidak kosong (${nonEmpty.map(([t, n]) => `${t}: ${n}`).join(', ')}); ` +
				'pakai --replace untuk menggantinya'
		);
	const tx = await database.$client.transaction('write');
	let rows = 0;
	try {
		await tx.execute('PRAGMA defer_foreign_keys = ON');
		for (const name of [...tables].reverse()) await tx.execute(`DELETE FROM ${quote(name)}`);
		await tx.execute(`DELETE FROM ${SEQUENCE}`);
		for (const section of sections) {
			// The inserts above moved the counters; the backup's own values replace them.
			if (section.table === SEQUENCE) await tx.execute(`DELETE FROM ${SEQUENCE}`);
			if (section.rows.length === 0) continue;
			const cols = section.columns.map(quote).join(', ');
			const per = Math.max(1, Math.floor(8000 / section.columns.length));
			const one = `(${section.columns.map(() => '?').join(', ')})`;
			const insert = async (chunk: InValue[][]) => {
				await tx.execute({
					sql: `INSERT INTO ${quote(section.table)} (${cols}) VALUES ${chunk.map(() => one).join(', ')}`,
					args: chunk.flat() as InArgs
				});
			};
			// Chunks of `per` rows, or fewer when they hold binary values (evidence files of up to a
			// few MB each): one statement never carries more than about 8 MB of them.
			let chunk: InValue[][] = [];
			let binary = 0;
			for (const raw of section.rows) {
				const row = raw.map(sqlValue);
				chunk.push(row);
				for (const v of row) if (v instanceof Uint8Array) binary += v.length;
				if (chunk.length >= per || binary > 8 * 1024 * 1024) {
					await insert(chunk);
					chunk = [];
					binary = 0;
				}
			}
			if (chunk.length) await insert(chunk);
			rows += section.rows.length;
		}
		await tx.commit();
	} finally {
		tx.close();
	}
	return { tables: sections.length, rows };
}
