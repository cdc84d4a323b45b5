import Database from 'libsql';
import type { InStatement, InValue, ResultSet, Row } from '@libsql/client';
import { toRow, toSql } from './client-values';

/** Distinct SQL texts kept prepared: drizzle keeps values as parameters, so texts repeat. */
const CACHE_SIZE = 256;
const SELECT = /^\s*select\b/i;

interface Cached {
	statement: Database.Statement;
	columns: string[];
	columnTypes: string[];
}

/** Reads of one local database file on a connection of their own, each SQL text prepared once. */
export interface ReadCache {
	/** The result of a plain SELECT, or undefined when this statement is not for the cache. */
	read(stmt: InStatement, args?: InValue[]): ResultSet | undefined;
	close(): void;
}

/**
 * Plain SELECTs outside a transaction, answered from prepared statements kept on one read-only
 * connection. `@libsql/client` prepares every statement again on every call; measured on the
 * cell save's validating read, the client took 133 µs a read and a kept statement 18 µs, and
 * every page and save reads (the session, the period, the cell). The answer has the client's
 * shape (rows by name and by index, integers as numbers, blobs as ArrayBuffer), so drizzle maps
 * it the same way. Anything else (a write, a PRAGMA, named arguments, a statement that fails) is
 * left to the client, which also reports the error in its own form. The connection is
 * `query_only` and in autocommit, so each read sees the last commit, as the client's pool does.
 */
export function readCache(path: string, timeoutMs: number): ReadCache {
	let connection: Database.Database | undefined;
	let closed = false;
	const cache = new Map<string, Cached>();

	const connect = () => {
		if (!connection) {
			connection = new Database(path, { timeout: timeoutMs });
			connection.exec('PRAGMA query_only = ON');
		}
		return connection;
	};

	const disconnect = () => {
		cache.clear();
		if (connection?.open) connection.close();
		connection = undefined;
	};

	const prepared = (text: string): Cached => {
		const hit = cache.get(text);
		if (hit) {
			// Most recently used last, so the oldest is the one dropped.
			cache.delete(text);
			cache.set(text, hit);
			return hit;
		}
		const statement = connect().prepare(text);
		statement.safeIntegers(true);
		statement.raw(true);
		const entry = { statement, ...columnsOf(statement) };
		if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
		cache.set(text, entry);
		return entry;
	};

	return {
		read(stmt, args) {
			const text = typeof stmt === 'string' ? stmt : stmt.sql;
			const values = typeof stmt === 'string' ? (args ?? []) : stmt.args;
			if (closed || !SELECT.test(text) || (values !== undefined && !Array.isArray(values)))
				return undefined;
			try {
				const bound = (values ?? []).map(toSql);
				const entry = prepared(text);
				const raw = entry.statement.all(...bound) as unknown[][];
				// A schema change can change what `SELECT *` returns: read the columns again.
				if (raw.length && raw[0]!.length !== entry.columns.length)
					Object.assign(entry, columnsOf(entry.statement));
				const rows = raw.map((values) => toRow(values, entry.columns));
				return resultSet(entry.columns, entry.columnTypes, rows);
			} catch {
				// The client runs it again and answers (or throws) as it always did. A statement
				// that failed half-way may still hold its read snapshot: start from a new connection.
				disconnect();
				return undefined;
			}
		},
		close() {
			// For good: reads of a closed client fail in the client, as before.
			closed = true;
			disconnect();
		}
	};
}

function columnsOf(statement: Database.Statement) {
	const columns = statement.columns();
	return { columns: columns.map((c) => c.name), columnTypes: columns.map((c) => c.type ?? '') };
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[]): ResultSet {
	return {
		columns,
		columnTypes,
		rows,
		rowsAffected: 0,
		lastInsertRowid: undefined,
		toJSON: () => ({
			columns,
			columnTypes,
			rows: rows.map((row) => Array.prototype.map.call(row, jsonValue)),
			rowsAffected: 0,
			lastInsertRowid: null
		})
	};
}

const jsonValue = (value: unknown) =>
	value instanceof ArrayBuffer ? Buffer.from(value).toString('base64') : value;
