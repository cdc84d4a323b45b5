import type { DB } from '../../../src/lib/server/db';
import { writeBackup } from '../../../src/lib/server/db/backup';

/**
 * Every table of the database (rows and AUTOINCREMENT counters), to compare a database before
 * and after an operation that must change nothing. `skip` leaves tables out by name.
 */
export async function snapshotTables(
	db: DB,
	skip: string[] = []
): Promise<Record<string, string[]>> {
	const lines = (await writeBackup(db)).trimEnd().split('\n').slice(1);
	const tables: Record<string, string[]> = {};
	let current: string[] | null = null;
	for (const line of lines) {
		const head = line.startsWith('{') ? (JSON.parse(line) as { table: string }) : null;
		if (head) {
			current = skip.includes(head.table) ? null : (tables[head.table] = []);
		} else current?.push(line);
	}
	return tables;
}
