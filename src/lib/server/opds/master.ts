import { asc, eq } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { opds, periodOpds } from '../db/schema';

/** All OPDs, for matching and admin lists, by name. */
export async function list(conn: Conn = db()) {
	return conn.select().from(opds).orderBy(asc(opds.name));
}

export async function findBySlug(slug: string, conn: Conn = db()) {
	const [row] = await conn.select().from(opds).where(eq(opds.slug, slug)).limit(1);
	return row ?? null;
}

/**
 * Every name an OPD has been known by (master name, short name, the names printed in each
 * period's roster), for matching names in imported tables against existing OPDs.
 */
export async function matchCandidates(
	conn: Conn = db()
): Promise<{ key: string; id: number; names: string[] }[]> {
	const [all, printed] = await Promise.all([
		conn.select().from(opds),
		conn.select({ opdId: periodOpds.opdId, name: periodOpds.displayName }).from(periodOpds)
	]);
	const printedById = new Map<number, string[]>();
	for (const p of printed) printedById.set(p.opdId, [...(printedById.get(p.opdId) ?? []), p.name]);
	return all.map((o) => ({
		key: o.slug,
		id: o.id,
		names: [...new Set([o.name, o.shortName, ...(printedById.get(o.id) ?? [])])]
	}));
}
