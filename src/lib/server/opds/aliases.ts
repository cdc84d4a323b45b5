import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { customaryAliases, opdMatchKey } from '../../import';
import { lengthProblem, TEXT_LIMITS } from '../../validation/text-limits';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import { opdAliases, opds } from '../db/schema';
import { WorkflowError } from '../workflow/error';

/** Aliases one OPD may have: a handful of abbreviations and former names, not a thesaurus. */
export const MAX_ALIASES = 20;

/**
 * Splits the aliases typed in the OPD master (one per line, or separated by ";") into cleaned
 * names, dropping repeats of the same matching key and the OPD's own names. Throws a
 * WorkflowError naming the first alias that is too long or has no letters.
 */
export function parseAliases(text: string, ownNames: string[]): { alias: string; key: string }[] {
	const own = new Set(ownNames.map(opdMatchKey));
	const seen = new Set<string>();
	const parsed: { alias: string; key: string }[] = [];
	for (const raw of text.split(/[\n;]/)) {
		const alias = raw.replace(/\s+/g, ' ').trim();
		if (alias === '') continue;
		const tooLong = lengthProblem(`Alias "${alias.slice(0, 40)}…"`, alias, TEXT_LIMITS.name);
		if (tooLong) throw new WorkflowError(400, tooLong);
		const key = opdMatchKey(alias);
		if (key === '')
			throw new WorkflowError(
				400,
				`Alias "${alias}" tidak berisi huruf atau angka yang dapat dicocokkan.`
			);
		if (own.has(key) || seen.has(key)) continue;
		seen.add(key);
		parsed.push({ alias, key });
	}
	if (parsed.length > MAX_ALIASES)
		throw new WorkflowError(
			400,
			`Terlalu banyak alias: ${parsed.length}, paling banyak ${MAX_ALIASES} untuk satu OPD.`
		);
	return parsed;
}

/**
 * Replaces an OPD's aliases (the other names imported tables may call it). An alias belongs to
 * one OPD only: one already used by another OPD, or equal to another OPD's name or short name,
 * is refused with that OPD named, and nothing changes. Audited (before → after).
 */
export async function setAliases(opdId: number, text: string, actor: Actor, conn: Conn = db()) {
	await conn.transaction(async (tx) => {
		const [opd] = await tx.select().from(opds).where(eq(opds.id, opdId));
		if (!opd) throw new WorkflowError(404, 'OPD tidak ditemukan.');
		if (opd.mergedIntoId)
			throw new WorkflowError(409, 'OPD ini sudah digabung ke OPD lain; ubah alias OPD tujuan.');
		const wanted = parseAliases(text, [opd.name, opd.shortName]);
		const keys = wanted.map((w) => w.key);
		const takenByAlias = keys.length
			? await tx
					.select({ key: opdAliases.key, owner: opds.name })
					.from(opdAliases)
					.innerJoin(opds, eq(opds.id, opdAliases.opdId))
					.where(and(inArray(opdAliases.key, keys), ne(opdAliases.opdId, opdId)))
			: [];
		const ownerOfKey = new Map(takenByAlias.map((t) => [t.key, `alias ${t.owner}`]));
		if (keys.length) {
			// Another active OPD called by this name: the alias would make that name ambiguous.
			const others = await tx
				.select({ name: opds.name, shortName: opds.shortName })
				.from(opds)
				.where(and(ne(opds.id, opdId), isNull(opds.mergedIntoId)));
			for (const o of others) {
				for (const name of [o.name, o.shortName]) {
					const key = opdMatchKey(name);
					if (!ownerOfKey.has(key)) ownerOfKey.set(key, `nama ${o.name}`);
				}
			}
		}
		const clash = wanted.find((w) => ownerOfKey.has(w.key));
		if (clash)
			throw new WorkflowError(
				409,
				`Alias "${clash.alias}" sudah dipakai sebagai ${ownerOfKey.get(clash.key)}. ` +
					'Satu alias hanya boleh untuk satu OPD: hapus dulu dari OPD itu, atau pakai nama lain.'
			);
		const before = await tx
			.select({ alias: opdAliases.alias })
			.from(opdAliases)
			.where(eq(opdAliases.opdId, opdId))
			.orderBy(opdAliases.id);
		const beforeList = before.map((b) => b.alias);
		const afterList = wanted.map((w) => w.alias);
		if (JSON.stringify(beforeList) === JSON.stringify(afterList)) return;
		await tx.delete(opdAliases).where(eq(opdAliases.opdId, opdId));
		if (wanted.length) await tx.insert(opdAliases).values(wanted.map((w) => ({ opdId, ...w })));
		await audit.record(
			actor,
			{
				action: 'opd.aliases',
				entityType: 'opd',
				entityId: opd.slug,
				before: { aliases: beforeList },
				after: { aliases: afterList }
			},
			tx
		);
	});
}

/**
 * Gives every OPD known by a customary abbreviation (KNOWN_OPDS: "Disdikbud", "Sekwan",
 * "Kominfo") those spellings as aliases, skipping any alias already taken. For the demo seed.
 */
export async function seedCustomaryAliases(conn: Conn = db()): Promise<number> {
	const all = await conn.select().from(opds).where(isNull(opds.mergedIntoId));
	const rows = all.flatMap((o) =>
		customaryAliases(o.name, o.shortName).map((alias) => ({
			opdId: o.id,
			alias,
			key: opdMatchKey(alias)
		}))
	);
	if (!rows.length) return 0;
	const added = await conn
		.insert(opdAliases)
		.values(rows)
		.onConflictDoNothing()
		.returning({ id: opdAliases.id });
	return added.length;
}
