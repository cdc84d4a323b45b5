import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ParsedMatrix } from '../../src/lib/import';
import { SYSTEM_ACTORS } from '../../src/lib/server/audit/audit';
import type { DB } from '../../src/lib/server/db';
import { opds, periods, users } from '../../src/lib/server/db/schema';
import { importMatrix } from '../../src/lib/server/import/matrix';
import { revertImport } from '../../src/lib/server/import/revert';
import { createTestDb } from './helpers/test-db';

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await createTestDb()));
afterEach(() => cleanup());

/** A year of `n` OPDs nobody has seen yet, one category each. */
function nationalYear(n: number): ParsedMatrix {
	return {
		headers: ['Profil'],
		rows: Array.from({ length: n }, (_, i) => ({
			number: i + 1,
			name: `Dinas Uji Nasional ${String(i + 1).padStart(5, '0')}`,
			line: i + 2,
			cells: [{ value: (i % 2) as 0 | 1, notApplicable: false }]
		}))
	};
}

// More OPDs than SQLite takes variables in one statement (32,766): before, undo failed with
// "too many SQL variables"; deleting them one by one then scanned the OPD table per OPD (99 s).
it('undoes an import that created 33,000 OPDs, keeping the one an account now refers to', async () => {
	const outcome = await importMatrix(
		{ year: 2030, matrix: nationalYear(33_000), actor: SYSTEM_ACTORS.cli, source: 'uji' },
		db
	);
	if (!outcome.ok) throw new Error(outcome.errors[0]?.message);
	expect(outcome.summary.opdsCreated).toHaveLength(33_000);
	const [kept] = await db.select().from(opds).where(eq(opds.slug, outcome.summary.opdsCreated[0]!));
	await db.insert(users).values({
		username: 'operator-uji',
		passwordHash: 'x',
		displayName: 'Operator uji',
		role: 'operator',
		opdId: kept!.id
	});

	const reverted = await revertImport(outcome.summary.eventId, SYSTEM_ACTORS.cli, db);
	expect(reverted).toMatchObject({ ok: true, restored: 33_000 });
	expect(await db.select().from(periods).where(eq(periods.year, 2030))).toHaveLength(0);
	const left = await db.select({ id: opds.id }).from(opds);
	expect(left).toEqual([{ id: kept!.id }]);
	const [total] = await db.select({ n: count() }).from(opds);
	expect(total!.n).toBe(1);
}, 60_000);
