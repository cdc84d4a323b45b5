import type { InValue, Row } from '@libsql/client';

/*
 * Values and rows as `@libsql/client` binds and returns them (default `intMode: 'number'`), for
 * the two places that run statements on the driver underneath it: the cell-save writer
 * (write-queue.ts) and the read cache (read-cache.ts). drizzle maps their answers as the client's.
 */

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Arguments as the client binds them with its default `intMode: 'number'`. */
export function toSql(value: InValue | undefined): unknown {
	if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('not finite');
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (value instanceof ArrayBuffer) return Buffer.from(value);
	if (value instanceof Date) return value.valueOf();
	if (value === undefined) throw new TypeError('undefined cannot be bound');
	return value;
}

function fromSql(value: unknown): unknown {
	if (typeof value === 'bigint') {
		if (value < MIN_SAFE || value > MAX_SAFE) throw new RangeError('integer beyond 2^53');
		return Number(value);
	}
	if (value instanceof Buffer) return value.buffer;
	return value;
}

/** A row as the client builds it: values by index (not enumerable) and by column name. */
export function toRow(values: unknown[], columns: string[]): Row {
	const row: Record<string, unknown> = {};
	Object.defineProperty(row, 'length', { value: values.length });
	for (let i = 0; i < values.length; i++) {
		const value = fromSql(values[i]);
		Object.defineProperty(row, i, { value });
		const column = columns[i]!;
		if (!Object.hasOwn(row, column)) row[column] = value;
	}
	return row as Row;
}
