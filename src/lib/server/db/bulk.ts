import type { Client, Transaction } from '@libsql/client';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Conn } from './index';

/** Rows per statement: one JSON argument each, so SQLite's bound-variable limit never applies. */
const ROWS_PER_STATEMENT = 20_000;

/**
 * The driver under a drizzle handle: the open libSQL transaction when `conn` is one, else the
 * client. drizzle keeps both on its session; there is no public accessor.
 */
function driverOf(conn: Conn): Pick<Client | Transaction, 'execute'> {
	const session = (conn as unknown as { session: { client: Client; tx?: Transaction } }).session;
	return session.tx ?? session.client;
}

/**
 * Inserts many rows fast, inside the caller's transaction when given one. drizzle's query builder
 * spends ~25 µs on every bound value (measured: 100,000 cells took 19 s), so large inserts pass
 * each chunk as one JSON array to `json_each` instead: same table, same columns and values, a
 * hundred times less work. Every row must set the same columns as the first; missing columns get
 * their database defaults.
 */
export async function bulkInsert<T extends SQLiteTable>(
	conn: Conn,
	table: T,
	rows: T['$inferInsert'][]
): Promise<void> {
	const first = rows[0];
	if (!first) return;
	const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
	const sql =
		`INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) ` +
		`SELECT ${columns.map((_, i) => `value ->> ${i}`).join(', ')} FROM json_each(?)`;
	const driver = driverOf(conn);
	for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
		const chunk = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) =>
			columns.map(([key, column]) => {
				const value = (row as Record<string, unknown>)[key];
				return value === undefined || value === null ? null : column.mapToDriverValue(value);
			})
		);
		await driver.execute({ sql, args: [JSON.stringify(chunk)] });
	}
}

/** SQLite's bound-variable limit (SQLITE_MAX_VARIABLE_NUMBER in libSQL). */
const MAX_VARIABLES = 32_766;

/**
 * Inserts many rows with long text values (published files: 25,000 bodies of a few kilobytes):
 * multi-row `VALUES` with bound variables, so no body is escaped into a JSON array and parsed
 * back as with {@link bulkInsert} (measured: about twice as fast for such rows). Every row must
 * set the same columns as the first.
 */
export async function bulkInsertBound<T extends SQLiteTable>(
	conn: Conn,
	table: T,
	rows: T['$inferInsert'][]
): Promise<void> {
	const first = rows[0];
	if (!first) return;
	const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
	const perStatement = Math.floor(MAX_VARIABLES / columns.length);
	const head = `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) VALUES `;
	const tuple = `(${columns.map(() => '?').join(', ')})`;
	const driver = driverOf(conn);
	for (let i = 0; i < rows.length; i += perStatement) {
		const chunk = rows.slice(i, i + perStatement);
		const args = chunk.flatMap((row) =>
			columns.map(([key, column]) => {
				const value = (row as Record<string, unknown>)[key];
				return value === undefined || value === null
					? null
					: (column.mapToDriverValue(value) as string | number);
			})
		);
		await driver.execute({ sql: head + chunk.map(() => tuple).join(', '), args });
	}
}

/** One matrix row for {@link insertMatrixCells}: its OPD and its cells in column order. */
export interface MatrixCellsRow {
	opdId: number;
	cells: { value: 0 | 1 | null; notApplicable: boolean }[];
}

/** A cell as one character: present, absent, not assessed, not applicable. */
function cellCode(cell: MatrixCellsRow['cells'][number]): string {
	if (cell.notApplicable) return 'n';
	return cell.value === 1 ? '1' : cell.value === 0 ? '0' : '-';
}

/**
 * Inserts the verified cells of a whole matrix (rows × indicators) into a period, inside the
 * caller's transaction: the rows of `bulkInsert(assessments, …)` with the same values, but each
 * OPD row travels as its id and one character per cell, and SQLite crosses it with the
 * indicator ids. A 50,000 × 13 import sends 50,000 short strings instead of 650,000 arrays of
 * seven values (each converted, serialised and parsed again).
 */
export async function insertMatrixCells(
	conn: Conn,
	periodId: number,
	indicatorIds: number[],
	rows: MatrixCellsRow[],
	assessedBy: number | null,
	assessedAt: Date
): Promise<void> {
	if (rows.length === 0 || indicatorIds.length === 0) return;
	// CROSS JOIN keeps the loop order: OPD by OPD, indicators in column order (the order of the
	// unique index, so it grows at its end).
	const sql = `INSERT INTO assessments
			(period_id, opd_id, indicator_id, value, not_applicable, assessed_by, assessed_at)
		SELECT ?, r.opd, i.value,
			CASE substr(r.codes, i.key + 1, 1) WHEN '1' THEN 1.0 WHEN '0' THEN 0.0 END,
			substr(r.codes, i.key + 1, 1) = 'n', ?, ?
		FROM (SELECT value ->> 0 AS opd, value ->> 1 AS codes FROM json_each(?)) r
		CROSS JOIN json_each(?) i`;
	const driver = driverOf(conn);
	const ids = JSON.stringify(indicatorIds);
	const perStatement = Math.max(1, Math.floor(ROWS_PER_STATEMENT / indicatorIds.length)) * 10;
	for (let i = 0; i < rows.length; i += perStatement) {
		const chunk = rows
			.slice(i, i + perStatement)
			.map((row) => [row.opdId, row.cells.map(cellCode).join('')]);
		await driver.execute({
			sql,
			args: [periodId, assessedBy, assessedAt.getTime(), JSON.stringify(chunk), ids]
		});
	}
}
