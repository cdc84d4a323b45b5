import { asc, eq, inArray, sql } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { opdAliases, opds, periodOpds } from '../db/schema';

/** All OPDs, for matching and admin lists, by name. */
export async function list(conn: Conn = db()) {
	return conn.select().from(opds).orderBy(asc(opds.name));
}

export async function findBySlug(slug: string, conn: Conn = db()) {
	const [row] = await conn.select().from(opds).where(eq(opds.slug, slug)).limit(1);
	return row ?? null;
}

/** An OPD as the import matcher sees it: master name first, then every other name, and aliases. */
export interface MatchCandidate {
	key: string;
	id: number;
	names: string[];
	aliases: string[];
}

/** Aliases by OPD id (all OPDs, or the given ones), in the order they were added. */
export async function aliasesById(
	opdIds: number[] | null = null,
	conn: Conn = db()
): Promise<Map<number, string[]>> {
	// A national roster has more OPDs than SQLite takes variables: read every alias (a short
	// table) and keep those of the given OPDs.
	const many = opdIds !== null && opdIds.length > 1000;
	const rows = await conn
		.select({ opdId: opdAliases.opdId, alias: opdAliases.alias })
		.from(opdAliases)
		.where(opdIds === null || many ? undefined : inArray(opdAliases.opdId, opdIds))
		.orderBy(asc(opdAliases.id));
	const wanted = many ? new Set(opdIds) : null;
	const byId = new Map<number, string[]>();
	for (const r of rows)
		if (!wanted || wanted.has(r.opdId)) byId.set(r.opdId, [...(byId.get(r.opdId) ?? []), r.alias]);
	return byId;
}

/**
 * Every name an OPD has been known by (master name, short name, the names printed in each
 * period's roster, its aliases), for matching names in imported tables against existing OPDs.
 * A merged OPD is no candidate of its own (it joins no new period): its names and aliases count
 * as former names of the OPD it was merged into.
 */
export async function matchCandidates(conn: Conn = db()): Promise<MatchCandidate[]> {
	const [all, printed, aliases] = await Promise.all([
		conn.select().from(opds),
		conn.select({ opdId: periodOpds.opdId, name: periodOpds.displayName }).from(periodOpds),
		aliasesById(null, conn)
	]);
	const printedById = new Map<number, string[]>();
	for (const p of printed) printedById.set(p.opdId, [...(printedById.get(p.opdId) ?? []), p.name]);
	const byId = new Map(all.map((o) => [o.id, o]));
	/** Follows a chain of merges to the OPD that carries on. */
	const survivor = (id: number) => {
		let o = byId.get(id);
		for (let hops = 0; o?.mergedIntoId && hops < all.length; hops++) o = byId.get(o.mergedIntoId);
		return o;
	};
	const candidates = new Map<number, MatchCandidate>();
	for (const o of all) {
		if (!o.mergedIntoId) candidates.set(o.id, { key: o.slug, id: o.id, names: [], aliases: [] });
	}
	// Own names first, so the master name stays first; then the merged-in former names.
	const ordered = [...all.filter((o) => !o.mergedIntoId), ...all.filter((o) => o.mergedIntoId)];
	for (const o of ordered) {
		const target = candidates.get(survivor(o.id)?.id ?? -1);
		if (!target) continue;
		target.names.push(o.name, o.shortName, ...(printedById.get(o.id) ?? []));
		target.aliases.push(...(aliases.get(o.id) ?? []));
	}
	return [...candidates.values()].map((c) => ({
		...c,
		names: [...new Set(c.names)],
		aliases: [...new Set(c.aliases)]
	}));
}

/** A period's roster and its aliases as the database returns them: one JSON text per table. */
export interface RosterText {
	roster: string;
	aliases: string;
}

/**
 * Reads a period's roster for the import matcher as one JSON value per table: a national roster
 * has 40,000 OPDs, and the driver turning each into a row object took most of a preview's time.
 * `candidatesOfRoster` turns the text into candidates; the two texts are everything the matcher
 * is built from, so equal texts give an equal matcher (the import's cache, roster-matcher.ts).
 */
export async function rosterText(periodId: number, conn: Conn = db()): Promise<RosterText> {
	const [[roster], [aliases]] = await Promise.all([
		conn.all<{ rows: string | null }>(sql`
			SELECT json_group_array(json_array(o.id, o.slug, o.name, o.short_name, r.display_name,
				r.display_number)) AS rows
			FROM ${periodOpds} r JOIN ${opds} o ON o.id = r.opd_id
			WHERE r.period_id = ${periodId}`),
		conn.all<{ rows: string | null }>(sql`
			SELECT json_group_array(json_array(a.opd_id, a.alias, a.id)) AS rows
			FROM ${opdAliases} a JOIN ${periodOpds} r ON r.opd_id = a.opd_id
			WHERE r.period_id = ${periodId}`)
	]);
	return { roster: roster?.rows ?? '[]', aliases: aliases?.rows ?? '[]' };
}

/**
 * The OPDs of a roster read by `rosterText`, as the import matcher sees them (roster order, as
 * `periods.roster`: by number, then name): key (slug), master, short and printed names, aliases.
 */
export function candidatesOfRoster(text: RosterText): MatchCandidate[] {
	type Row = [number, string, string, string, string, number];
	const rows = JSON.parse(text.roster) as Row[];
	rows.sort((a, b) => a[5] - b[5] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
	const byId = new Map<number, string[]>();
	const aliasRows = JSON.parse(text.aliases) as [number, string, number][];
	aliasRows.sort((a, b) => a[2] - b[2]);
	for (const [opdId, alias] of aliasRows) {
		const list = byId.get(opdId);
		if (list) list.push(alias);
		else byId.set(opdId, [alias]);
	}
	return rows.map(([id, slug, name, shortName, displayName]) => {
		// [...new Set([name, shortName, displayName])], without a Set for each of 40,000 OPDs.
		const names = [name];
		if (shortName !== name) names.push(shortName);
		if (displayName !== name && displayName !== shortName) names.push(displayName);
		return { key: slug, id, names, aliases: byId.get(id) ?? [] };
	});
}

/** The OPDs of a period's roster as the import matcher sees them (`candidatesOfRoster`). */
export async function rosterMatchCandidates(
	periodId: number,
	conn: Conn = db()
): Promise<MatchCandidate[]> {
	return candidatesOfRoster(await rosterText(periodId, conn));
}
