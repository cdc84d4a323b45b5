/**
 * The PPID's own award lists of a year ("OPD terbaik monev website", …): several lists a year,
 * each with its OPDs, positions and points. They sit beside the computed DIP ranking, never in
 * it. Every change is audited and, for a published year, re-attached to the published results
 * (the ranking there stays as published; only the award lists follow the record).
 */
import { and, asc, eq, max } from 'drizzle-orm';
import { parseAwardCsv } from '../../import/award-csv';
import { createOpdMatcher } from '../../import/opd-names';
import { awardTitle } from '../../import/report-awards';
import * as audit from '../audit/audit';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import {
	awardEntries,
	awardLists,
	opds,
	periodOpds,
	periods,
	publishedFiles,
	publishedSnapshots
} from '../db/schema';
import { aliasesById } from '../opds/master';
import { roster } from '../periods/periods';
import { buildPublishedFiles, etagOf } from '../results/published-files';
import { readSnapshot, slimSnapshotBody } from '../results/snapshot';
import type { OfficialAwardView, ResultsView } from '../results/view';
import { WorkflowError } from '../workflow/error';

export interface AwardEntryView {
	id: number;
	opdId: number;
	opdSlug: string;
	opdName: string;
	position: number;
	points: number | null;
	note: string | null;
}

export interface AwardListView {
	id: number;
	title: string;
	sourceNote: string;
	displayOrder: number;
	entries: AwardEntryView[];
}

export interface AwardListInput {
	title: string;
	sourceNote: string;
}

export interface AwardEntryInput {
	opdId: number;
	position: number;
	points: number | null;
	note: string | null;
}

async function periodOfYear(year: number, conn: Conn) {
	const [period] = await conn.select().from(periods).where(eq(periods.year, year)).limit(1);
	if (!period) throw new WorkflowError(404, `Periode ${year} tidak ada.`);
	return period;
}

async function listsOfPeriod(periodId: number, conn: Conn): Promise<AwardListView[]> {
	const [lists, entries] = await Promise.all([
		conn
			.select({
				id: awardLists.id,
				title: awardLists.title,
				sourceNote: awardLists.sourceNote,
				displayOrder: awardLists.displayOrder
			})
			.from(awardLists)
			.where(eq(awardLists.periodId, periodId))
			.orderBy(asc(awardLists.displayOrder), asc(awardLists.id)),
		conn
			.select({
				id: awardEntries.id,
				listId: awardEntries.listId,
				opdId: awardEntries.opdId,
				opdSlug: opds.slug,
				opdName: opds.name,
				position: awardEntries.position,
				points: awardEntries.points,
				note: awardEntries.note
			})
			.from(awardEntries)
			.innerJoin(awardLists, eq(awardLists.id, awardEntries.listId))
			.innerJoin(opds, eq(opds.id, awardEntries.opdId))
			.where(eq(awardLists.periodId, periodId))
			.orderBy(asc(awardEntries.position), asc(opds.name))
	]);
	return lists.map((list) => ({
		...list,
		entries: entries
			.filter((e) => e.listId === list.id)
			.map(({ listId: _listId, ...entry }) => entry)
	}));
}

/**
 * The award lists of a year in display order, each with its entries by position; empty when
 * the year has none (or no period). The Laporan Tahunan composer reads this.
 */
export async function awardListsOfYear(conn: Conn, year: number): Promise<AwardListView[]> {
	const [period] = await conn
		.select({ id: periods.id })
		.from(periods)
		.where(eq(periods.year, year))
		.limit(1);
	return period ? listsOfPeriod(period.id, conn) : [];
}

/** The award lists of a period flattened as the results view carries them (`officialAwards`). */
export async function officialAwardsOfPeriod(
	periodId: number,
	conn: Conn = db()
): Promise<OfficialAwardView[]> {
	const lists = await listsOfPeriod(periodId, conn);
	return lists.flatMap((list) =>
		list.entries.map((e) => ({
			list: list.title,
			position: e.position,
			title: awardTitle(list.title, e.position),
			points: e.points,
			note: e.note,
			source: list.sourceNote,
			opd: e.opdSlug,
			opdName: e.opdName
		}))
	);
}

/**
 * Re-attaches the current award lists to a published year's snapshot and to the two published
 * files that carry them (results.json, page.json), with new ETags. The ranking is not recomputed:
 * what was published stays as published.
 */
async function refreshPublished(periodId: number, conn: Conn): Promise<void> {
	const [row] = await conn
		.select({ body: publishedSnapshots.body })
		.from(publishedSnapshots)
		.where(eq(publishedSnapshots.periodId, periodId))
		.limit(1);
	if (!row) return;
	const { view: published, slim } = await readSnapshot(periodId, row.body, conn);
	const view: ResultsView = {
		...published,
		officialAwards: await officialAwardsOfPeriod(periodId, conn)
	};
	// Stored as it was: a snapshot from before the OPD files keeps its results inline.
	const body = slim ? slimSnapshotBody(view) : JSON.stringify(view);
	await conn
		.update(publishedSnapshots)
		.set({ body, etag: etagOf(body) })
		.where(eq(publishedSnapshots.periodId, periodId));
	const files = buildPublishedFiles(view);
	for (const name of ['results.json', 'page.json'] as const) {
		await conn
			.update(publishedFiles)
			.set(files[name])
			.where(and(eq(publishedFiles.periodId, periodId), eq(publishedFiles.name, name)));
	}
}

async function listById(listId: number, conn: Conn) {
	const [list] = await conn
		.select({
			id: awardLists.id,
			periodId: awardLists.periodId,
			title: awardLists.title,
			sourceNote: awardLists.sourceNote,
			year: periods.year
		})
		.from(awardLists)
		.innerJoin(periods, eq(periods.id, awardLists.periodId))
		.where(eq(awardLists.id, listId))
		.limit(1);
	if (!list) throw new WorkflowError(404, 'Daftar penghargaan tidak ditemukan.');
	return list;
}

async function refuseDuplicateTitle(
	periodId: number,
	title: string,
	listId: number | null,
	conn: Conn
) {
	const same = await conn
		.select({ id: awardLists.id, title: awardLists.title })
		.from(awardLists)
		.where(eq(awardLists.periodId, periodId));
	const clash = same.find((l) => l.id !== listId && l.title.toLowerCase() === title.toLowerCase());
	if (clash) throw new WorkflowError(409, `Daftar "${clash.title}" sudah ada tahun ini.`);
}

/** Adds an award list to a year, after its other lists; returns its id. Audited. */
export async function createList(
	year: number,
	input: AwardListInput,
	actor: Actor,
	conn: Conn = db()
): Promise<number> {
	return conn.transaction(async (tx) => {
		const period = await periodOfYear(year, tx);
		await refuseDuplicateTitle(period.id, input.title, null, tx);
		const [last] = await tx
			.select({ n: max(awardLists.displayOrder) })
			.from(awardLists)
			.where(eq(awardLists.periodId, period.id));
		const [row] = await tx
			.insert(awardLists)
			.values({
				periodId: period.id,
				title: input.title,
				sourceNote: input.sourceNote,
				displayOrder: (last?.n ?? 0) + 1
			})
			.returning({ id: awardLists.id });
		await audit.record(
			actor,
			{
				action: 'awards.list.create',
				entityType: 'awardList',
				entityId: row!.id,
				periodId: period.id,
				after: { title: input.title, sourceNote: input.sourceNote }
			},
			tx
		);
		await refreshPublished(period.id, tx);
		return row!.id;
	});
}

/** Renames a list or changes its source note. Audited. */
export async function updateList(
	listId: number,
	input: AwardListInput,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const list = await listById(listId, tx);
		await refuseDuplicateTitle(list.periodId, input.title, listId, tx);
		await tx
			.update(awardLists)
			.set({ title: input.title, sourceNote: input.sourceNote })
			.where(eq(awardLists.id, listId));
		await audit.record(
			actor,
			{
				action: 'awards.list.update',
				entityType: 'awardList',
				entityId: listId,
				periodId: list.periodId,
				before: { title: list.title, sourceNote: list.sourceNote },
				after: { title: input.title, sourceNote: input.sourceNote }
			},
			tx
		);
		await refreshPublished(list.periodId, tx);
	});
}

/** Removes a list with its entries. Audited (with the entries, so the record can be rebuilt). */
export async function deleteList(listId: number, actor: Actor, conn: Conn = db()): Promise<void> {
	await conn.transaction(async (tx) => {
		const list = await listById(listId, tx);
		const entries = await tx
			.select({
				opd: opds.slug,
				position: awardEntries.position,
				points: awardEntries.points,
				note: awardEntries.note
			})
			.from(awardEntries)
			.innerJoin(opds, eq(opds.id, awardEntries.opdId))
			.where(eq(awardEntries.listId, listId))
			.orderBy(asc(awardEntries.position));
		await tx.delete(awardLists).where(eq(awardLists.id, listId));
		await audit.record(
			actor,
			{
				action: 'awards.list.delete',
				entityType: 'awardList',
				entityId: listId,
				periodId: list.periodId,
				before: { title: list.title, sourceNote: list.sourceNote, entries }
			},
			tx
		);
		await refreshPublished(list.periodId, tx);
	});
}

/** The OPD must be on the year's roster: awards go to that year's OPDs. */
async function requireRosterOpd(periodId: number, year: number, opdId: number, conn: Conn) {
	const [row] = await conn
		.select({ slug: opds.slug, name: opds.name })
		.from(periodOpds)
		.innerJoin(opds, eq(opds.id, periodOpds.opdId))
		.where(and(eq(periodOpds.periodId, periodId), eq(periodOpds.opdId, opdId)))
		.limit(1);
	if (!row) throw new WorkflowError(400, `OPD itu tidak termasuk daftar OPD tahun ${year}.`);
	return row;
}

async function refuseSecondEntry(
	listId: number,
	opdId: number,
	entryId: number | null,
	conn: Conn
) {
	const [row] = await conn
		.select({ id: awardEntries.id })
		.from(awardEntries)
		.where(and(eq(awardEntries.listId, listId), eq(awardEntries.opdId, opdId)))
		.limit(1);
	if (row && row.id !== entryId)
		throw new WorkflowError(409, 'OPD itu sudah ada di daftar ini: ubah barisnya.');
}

/** Adds an OPD to a list; returns the entry's id. Audited. */
export async function addEntry(
	listId: number,
	input: AwardEntryInput,
	actor: Actor,
	conn: Conn = db()
): Promise<number> {
	return conn.transaction(async (tx) => {
		const list = await listById(listId, tx);
		const opd = await requireRosterOpd(list.periodId, list.year, input.opdId, tx);
		await refuseSecondEntry(listId, input.opdId, null, tx);
		const [row] = await tx
			.insert(awardEntries)
			.values({ listId, ...input })
			.returning({ id: awardEntries.id });
		await audit.record(
			actor,
			{
				action: 'awards.entry.add',
				entityType: 'awardList',
				entityId: listId,
				periodId: list.periodId,
				after: { list: list.title, opd: opd.slug, name: opd.name, ...entryFields(input) }
			},
			tx
		);
		await refreshPublished(list.periodId, tx);
		return row!.id;
	});
}

const entryFields = (e: Omit<AwardEntryInput, 'opdId'>) => ({
	position: e.position,
	points: e.points,
	note: e.note
});

async function entryById(entryId: number, conn: Conn) {
	const [entry] = await conn
		.select({
			id: awardEntries.id,
			listId: awardEntries.listId,
			opdId: awardEntries.opdId,
			opd: opds.slug,
			name: opds.name,
			position: awardEntries.position,
			points: awardEntries.points,
			note: awardEntries.note
		})
		.from(awardEntries)
		.innerJoin(opds, eq(opds.id, awardEntries.opdId))
		.where(eq(awardEntries.id, entryId))
		.limit(1);
	if (!entry) throw new WorkflowError(404, 'Baris penghargaan tidak ditemukan.');
	return entry;
}

/** Changes an entry (its OPD, position, points or note). Audited. */
export async function updateEntry(
	entryId: number,
	input: AwardEntryInput,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const entry = await entryById(entryId, tx);
		const list = await listById(entry.listId, tx);
		const opd = await requireRosterOpd(list.periodId, list.year, input.opdId, tx);
		await refuseSecondEntry(list.id, input.opdId, entryId, tx);
		await tx.update(awardEntries).set(input).where(eq(awardEntries.id, entryId));
		await audit.record(
			actor,
			{
				action: 'awards.entry.update',
				entityType: 'awardList',
				entityId: list.id,
				periodId: list.periodId,
				before: { list: list.title, opd: entry.opd, name: entry.name, ...entryFields(entry) },
				after: { list: list.title, opd: opd.slug, name: opd.name, ...entryFields(input) }
			},
			tx
		);
		await refreshPublished(list.periodId, tx);
	});
}

/** Removes an entry from its list. Audited. */
export async function deleteEntry(entryId: number, actor: Actor, conn: Conn = db()): Promise<void> {
	await conn.transaction(async (tx) => {
		const entry = await entryById(entryId, tx);
		const list = await listById(entry.listId, tx);
		await tx.delete(awardEntries).where(eq(awardEntries.id, entryId));
		await audit.record(
			actor,
			{
				action: 'awards.entry.delete',
				entityType: 'awardList',
				entityId: list.id,
				periodId: list.periodId,
				before: { list: list.title, opd: entry.opd, name: entry.name, ...entryFields(entry) }
			},
			tx
		);
		await refreshPublished(list.periodId, tx);
	});
}

/** One list of an import: its title, source note and entries (OPDs already matched). */
export interface AwardListImport {
	title: string;
	sourceNote: string;
	entries: AwardEntryInput[];
}

/**
 * Records whole lists at once (the CLI import and the demo seed): each list named is created, or
 * its entries replaced when a list of that title exists; other lists stay. One transaction, one
 * audit event per list. The OPDs must be on the year's roster.
 */
export async function replaceLists(
	year: number,
	lists: AwardListImport[],
	actor: Actor,
	conn: Conn = db()
): Promise<{ created: number; replaced: number; entries: number }> {
	return conn.transaction(async (tx) => {
		const period = await periodOfYear(year, tx);
		const existing = await listsOfPeriod(period.id, tx);
		let order = existing.reduce((m, l) => Math.max(m, l.displayOrder), 0);
		const outcome = { created: 0, replaced: 0, entries: 0 };
		for (const list of lists) {
			for (const e of list.entries) await requireRosterOpd(period.id, year, e.opdId, tx);
			const old = existing.find((l) => l.title.toLowerCase() === list.title.toLowerCase());
			let listId: number;
			if (old) {
				listId = old.id;
				await tx.delete(awardEntries).where(eq(awardEntries.listId, old.id));
				await tx
					.update(awardLists)
					.set({ title: list.title, sourceNote: list.sourceNote || old.sourceNote })
					.where(eq(awardLists.id, old.id));
				outcome.replaced++;
			} else {
				const [row] = await tx
					.insert(awardLists)
					.values({
						periodId: period.id,
						title: list.title,
						sourceNote: list.sourceNote,
						displayOrder: ++order
					})
					.returning({ id: awardLists.id });
				listId = row!.id;
				outcome.created++;
			}
			if (list.entries.length)
				await tx.insert(awardEntries).values(list.entries.map((e) => ({ listId, ...e })));
			outcome.entries += list.entries.length;
			await audit.record(
				actor,
				{
					action: 'awards.list.import',
					entityType: 'awardList',
					entityId: listId,
					periodId: period.id,
					before: old
						? {
								title: old.title,
								entries: old.entries.map((e) => ({ opd: e.opdSlug, ...entryFields(e) }))
							}
						: undefined,
					after: { title: list.title, sourceNote: list.sourceNote, entries: list.entries.length }
				},
				tx
			);
		}
		await refreshPublished(period.id, tx);
		return outcome;
	});
}

/** Why a CSV import was refused: every problem with its line, nothing written. */
export class AwardImportError extends Error {
	constructor(readonly problems: { line: number; message: string }[]) {
		super(problems.map((p) => (p.line ? `baris ${p.line}: ${p.message}` : p.message)).join('\n'));
		this.name = 'AwardImportError';
	}
}

/**
 * Imports award lists from CSV text (list title, position, OPD name, points, note) into a year:
 * OPD names matched against the year's OPDs with the import's matcher (names, printed names,
 * aliases), then every list named replaced as in `replaceLists`. All or nothing: any bad row
 * throws an AwardImportError naming every bad row, and nothing is written.
 */
export async function importAwardCsv(
	year: number,
	text: string,
	sourceNote: string,
	actor: Actor,
	conn: Conn = db()
) {
	const parsed = parseAwardCsv(text);
	const period = await periodOfYear(year, conn);
	const entries = await roster(period.id, conn);
	const aliases = await aliasesById(
		entries.map((e) => e.opdId),
		conn
	);
	const match = createOpdMatcher(
		entries.map((e) => ({
			key: String(e.opdId),
			names: [e.name, e.shortName, e.displayName, ...(aliases.get(e.opdId) ?? [])]
		}))
	);
	const problems = [...parsed.errors];
	const lists = new Map<string, AwardListImport>();
	const matched: { line: number; name: string; opd: string }[] = [];
	for (const row of parsed.rows) {
		const found = match(row.opdName);
		const opd = found && entries.find((e) => String(e.opdId) === found.key);
		if (!opd) {
			problems.push({
				line: row.line,
				message: `OPD "${row.opdName}" tidak cocok dengan OPD mana pun tahun ${year}`
			});
			continue;
		}
		const key = row.list.toLowerCase();
		const list = lists.get(key) ?? { title: row.list, sourceNote, entries: [] };
		if (list.entries.some((e) => e.opdId === opd.opdId)) {
			problems.push({
				line: row.line,
				message: `${opd.name} sudah ada di daftar "${row.list}" (nama lain di baris sebelumnya)`
			});
			continue;
		}
		list.entries.push({
			opdId: opd.opdId,
			position: row.position,
			points: row.points,
			note: row.note
		});
		lists.set(key, list);
		if (!found.exact) matched.push({ line: row.line, name: row.opdName, opd: opd.name });
	}
	if (problems.length) throw new AwardImportError(problems.sort((a, b) => a.line - b.line));
	const outcome = await replaceLists(year, [...lists.values()], actor, conn);
	return { ...outcome, matched };
}
