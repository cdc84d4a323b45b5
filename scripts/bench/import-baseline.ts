/**
 * The physical baseline of an import (issue 16 §2): papaparse parsing the same CSV, then the raw
 * @libsql/client driver writing what the import writes — the period, its indicators, one OPD and
 * one roster row per line, one assessment per cell — into the same schema (same indexes, fresh
 * migrated database), one multi-row INSERT per batch, all in one write transaction. No matching,
 * no validation, no audit: what any importer must at least pay.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type InValue, type Transaction } from '@libsql/client';
import Papa from 'papaparse';
import { openDb } from '../../src/lib/server/db';
import { prepareDb } from '../../src/lib/server/db/migrate';
import { MARK } from '../../src/lib/import/ticks';

/** SQLite's variable limit (32,766) per statement, with room to spare. */
const MAX_VARIABLES = 30_000;

async function insertRows(
	tx: Transaction,
	table: string,
	columns: string[],
	rows: InValue[][]
): Promise<void> {
	const per = Math.floor(MAX_VARIABLES / columns.length);
	const one = `(${columns.map(() => '?').join(',')})`;
	for (let i = 0; i < rows.length; i += per) {
		const chunk = rows.slice(i, i + per);
		await tx.execute({
			sql: `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => one).join(',')}`,
			args: chunk.flat()
		});
	}
}

/** Milliseconds of parse + raw write of `text` (a CSV as big-csv.ts makes it). */
export async function rawImportBaseline(
	text: string
): Promise<{ parseMs: number; writeMs: number }> {
	const path = join(tmpdir(), `monev-baseline-${randomUUID()}.db`);
	const url = `file:${path}`;
	const schemaDb = openDb(url);
	await prepareDb(schemaDb, 'drizzle');
	schemaDb.$client.close();
	const client = createClient({ url });
	try {
		let t = performance.now();
		const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
		const parseMs = performance.now() - t;
		const [header, ...lines] = parsed.data;
		const labels = header!.slice(2);
		t = performance.now();
		const tx = await client.transaction('write');
		try {
			const now = Date.now();
			const period = await tx.execute({
				sql: `INSERT INTO periods (year, title, status, rubric_config, source, created_at)
				      VALUES (2031, 'baseline', 'draft', '{}', 'baseline', ?) RETURNING id`,
				args: [now]
			});
			const periodId = Number(period.rows[0]!.id);
			const indicators = await tx.execute({
				sql: `INSERT INTO indicators (period_id, key, label, aspect, kind, weight, sort_order)
				      VALUES ${labels.map(() => "(?, ?, ?, 'a', 'check', 1, ?)").join(',')} RETURNING id`,
				args: labels.flatMap((label, j) => [periodId, `k${j}`, label, j + 1])
			});
			const indicatorIds = indicators.rows.map((r) => Number(r.id));
			await insertRows(
				tx,
				'opds',
				['slug', 'name', 'short_name', 'kind', 'created_at'],
				lines.map((l, i) => [`opd-${i}`, l[1]!, l[1]!, 'lainnya', now])
			);
			const firstOpd = Number(
				(await tx.execute("SELECT min(id) AS id FROM opds WHERE slug = 'opd-0'")).rows[0]!.id
			);
			await insertRows(
				tx,
				'period_opds',
				['period_id', 'opd_id', 'display_number', 'display_name'],
				lines.map((l, i) => [periodId, firstOpd + i, Number(l[0]), l[1]!])
			);
			const cells: InValue[][] = [];
			lines.forEach((l, i) =>
				indicatorIds.forEach((indicatorId, j) => {
					const mark = l[j + 2];
					const na = mark === MARK.notApplicable;
					cells.push([
						periodId,
						firstOpd + i,
						indicatorId,
						na ? null : mark === MARK.present ? 1 : 0,
						na ? 1 : 0,
						now
					]);
				})
			);
			await insertRows(
				tx,
				'assessments',
				['period_id', 'opd_id', 'indicator_id', 'value', 'not_applicable', 'assessed_at'],
				cells
			);
			await tx.commit();
		} finally {
			tx.close();
		}
		return { parseMs, writeMs: performance.now() - t };
	} finally {
		client.close();
		await Promise.all(['', '-wal', '-shm'].map((s) => rm(path + s, { force: true })));
	}
}
