import { and, desc, eq, inArray } from 'drizzle-orm';
import {
	guessOpdKind,
	guessShortName,
	indicatorKey,
	matchIndicator,
	createOpdMatcher,
	opdSlug,
	type ImportIssue,
	type ParsedMatrix
} from '../import';
import { flatRubric } from '../scoring';
import * as audit from './audit';
import type { Actor } from './audit';
import { db, type Conn } from './db';
import { bulkInsert } from './db/bulk';
import { assessments, indicators, opds, periodOpds, periods } from './db/schema';
import { matchCandidates } from './opds';
import { roster } from './periods';

export interface ImportRequest {
	year: number;
	matrix: ParsedMatrix;
	actor: Actor;
	/** Where the table came from (file name, report title): kept on a new period and in the audit log. */
	source: string;
	/** Title of a period created by this import. */
	title?: string;
}

export interface ImportSummary {
	periodId: number;
	createdPeriod: boolean;
	opdsCreated: string[];
	/** Row name → matched OPD slug, for every row (shown to the user to confirm fuzzy matches). */
	matches: { line: number; name: string; opd: string; exact: boolean }[];
	cellsWritten: number;
	cellsChanged: number;
}

export type ImportOutcome =
	{ ok: true; summary: ImportSummary } | { ok: false; errors: ImportIssue[] };

/** Thrown inside the transaction to roll it back with the issues found. */
class ImportRejected extends Error {
	constructor(readonly issues: ImportIssue[]) {
		super('import rejected');
	}
}

const LOCKED = new Set(['final', 'published']);

/**
 * Writes a parsed matrix into a year, all or nothing. A new year gets a period, one `check`
 * indicator (1 point) per column and the OPDs it does not know yet; an existing year must know
 * every OPD and column, and must not be locked. One audit event records the whole import with
 * every changed cell's before and after, so it can be reviewed and reverted.
 */
export async function importMatrix(req: ImportRequest, conn: Conn = db()): Promise<ImportOutcome> {
	try {
		const summary = await conn.transaction(async (tx) => {
			const [existing] = await tx.select().from(periods).where(eq(periods.year, req.year)).limit(1);
			return existing ? updateExisting(tx, existing, req) : createFromMatrix(tx, req);
		});
		return { ok: true, summary };
	} catch (e) {
		if (e instanceof ImportRejected) return { ok: false, errors: e.issues };
		throw e;
	}
}

async function createFromMatrix(tx: Conn, req: ImportRequest): Promise<ImportSummary> {
	const { matrix } = req;
	const issues: ImportIssue[] = [];

	// Indicators keep the key they had in earlier years, so years compare by key.
	const earlier = await tx
		.select({ key: indicators.key, label: indicators.label })
		.from(indicators)
		.innerJoin(periods, eq(periods.id, indicators.periodId))
		.orderBy(desc(periods.year));
	const keys: string[] = [];
	matrix.headers.forEach((label, i) => {
		const key = matchIndicator(label, earlier)?.key ?? indicatorKey(label);
		if (keys.includes(key)) {
			issues.push({
				line: 1,
				column: i + 1,
				columnLabel: label,
				message: `Kolom "${label}" sama dengan kolom lain (kunci "${key}"); setiap indikator hanya boleh sekali.`
			});
		}
		keys.push(key);
	});

	const candidates = await matchCandidates(tx);
	const matchKnownOpd = createOpdMatcher(candidates);
	const matches: ImportSummary['matches'] = [];
	const seen = new Map<string, number>();
	const toCreate: { slug: string; name: string }[] = [];
	const takenSlugs = new Set(candidates.map((c) => c.key));
	for (const row of matrix.rows) {
		const match = matchKnownOpd(row.name);
		let slug = match?.key;
		if (!slug) {
			slug = uniqueSlug(opdSlug(row.name), takenSlugs);
			takenSlugs.add(slug);
			toCreate.push({ slug, name: row.name });
		}
		const previous = seen.get(slug);
		if (previous !== undefined) {
			issues.push({
				line: row.line,
				column: 2,
				columnLabel: 'NAMA OPD',
				message: `"${row.name}" dikenali sebagai OPD yang sama dengan baris di baris ${previous}; satu OPD hanya boleh satu baris.`
			});
		}
		seen.set(slug, row.line);
		matches.push({ line: row.line, name: row.name, opd: slug, exact: match?.exact ?? false });
	}
	if (issues.length) throw new ImportRejected(issues);

	const rubric = flatRubric([]);
	const { indicators: _none, ...rubricConfig } = rubric;
	const [period] = await tx
		.insert(periods)
		.values({
			year: req.year,
			title: req.title ?? `Monev Daftar Informasi Publik ${req.year}`,
			status: 'draft',
			rubricConfig,
			source: req.source
		})
		.returning();
	if (!period) throw new Error('period insert returned nothing');

	await bulkInsert(
		tx,
		opds,
		toCreate.map((o) => ({
			slug: o.slug,
			name: o.name,
			shortName: guessShortName(o.name),
			kind: guessOpdKind(o.name)
		}))
	);
	const opdRows = await tx.select({ id: opds.id, slug: opds.slug }).from(opds);
	const opdId = new Map(opdRows.map((o) => [o.slug, o.id]));

	const inserted = await tx
		.insert(indicators)
		.values(
			matrix.headers.map((label, i) => ({
				periodId: period.id,
				key: keys[i]!,
				label,
				aspect: rubric.aspects[0]!.key,
				kind: 'check' as const,
				weight: 1,
				sortOrder: i + 1
			}))
		)
		.returning({ id: indicators.id });

	await bulkInsert(
		tx,
		periodOpds,
		matrix.rows.map((row, i) => ({
			periodId: period.id,
			opdId: opdId.get(matches[i]!.opd)!,
			displayNumber: row.number ?? i + 1,
			displayName: row.name
		}))
	);

	const now = new Date();
	const cells = matrix.rows.flatMap((row, r) =>
		row.cells.map((cell, c) => ({
			periodId: period.id,
			opdId: opdId.get(matches[r]!.opd)!,
			indicatorId: inserted[c]!.id,
			value: cell.notApplicable ? null : cell.value,
			notApplicable: cell.notApplicable,
			assessedBy: req.actor.userId,
			assessedAt: now
		}))
	);
	await bulkInsert(tx, assessments, cells);

	await audit.record(
		req.actor,
		{
			action: 'period.import',
			entityType: 'period',
			entityId: req.year,
			periodId: period.id,
			before: null,
			after: {
				source: req.source,
				createdPeriod: true,
				indicators: keys,
				opdsCreated: toCreate.map((o) => o.slug),
				cells: cells.length
			}
		},
		tx
	);
	return {
		periodId: period.id,
		createdPeriod: true,
		opdsCreated: toCreate.map((o) => o.slug),
		matches,
		cellsWritten: cells.length,
		cellsChanged: cells.length
	};
}

async function updateExisting(
	tx: Conn,
	period: typeof periods.$inferSelect,
	req: ImportRequest
): Promise<ImportSummary> {
	const { matrix } = req;
	if (LOCKED.has(period.status)) {
		throw new ImportRejected([
			{
				line: 0,
				column: null,
				columnLabel: null,
				message: `Periode ${period.year} berstatus "${period.status}" dan terkunci; buka kembali periode itu sebelum mengimpor.`
			}
		]);
	}
	const issues: ImportIssue[] = [];
	const rubricRows = await tx.select().from(indicators).where(eq(indicators.periodId, period.id));
	const columnIds = matrix.headers.map((label, i) => {
		const key = matchIndicator(label, rubricRows)?.key;
		const row = rubricRows.find((r) => r.key === key);
		if (!row) {
			issues.push({
				line: 1,
				column: i + 1,
				columnLabel: label,
				message: `Kolom "${label}" tidak cocok dengan indikator mana pun di periode ${period.year}. Indikator yang ada: ${rubricRows.map((r) => r.label).join('; ')}.`
			});
		}
		return row?.id ?? -1;
	});
	const entries = await roster(period.id, tx);
	const candidates = entries.map((e) => ({
		key: e.slug,
		names: [e.name, e.shortName, e.displayName]
	}));
	const matchRosterOpd = createOpdMatcher(candidates);
	const entryBySlug = new Map(entries.map((e) => [e.slug, e]));
	const matches: ImportSummary['matches'] = [];
	const matched = new Set<string>();
	const rowOpdIds = matrix.rows.map((row) => {
		const match = matchRosterOpd(row.name);
		const entry = match ? entryBySlug.get(match.key) : undefined;
		if (!entry) {
			issues.push({
				line: row.line,
				column: 2,
				columnLabel: 'NAMA OPD',
				message: `OPD "${row.name}" tidak terdaftar di periode ${period.year}; tambahkan ke daftar peserta dulu atau perbaiki namanya.`
			});
			return -1;
		}
		if (matched.has(entry.slug)) {
			issues.push({
				line: row.line,
				column: 2,
				columnLabel: 'NAMA OPD',
				message: `OPD "${row.name}" muncul lebih dari sekali.`
			});
		}
		matched.add(entry.slug);
		matches.push({ line: row.line, name: row.name, opd: entry.slug, exact: match?.exact ?? false });
		return entry.opdId;
	});
	if (issues.length) throw new ImportRejected(issues);

	const current = await tx
		.select()
		.from(assessments)
		.where(and(eq(assessments.periodId, period.id), inArray(assessments.indicatorId, columnIds)));
	const byCell = new Map(current.map((a) => [`${a.opdId}:${a.indicatorId}`, a]));
	const now = new Date();
	const changes: { opd: number; indicator: number; before: unknown; after: unknown }[] = [];
	let written = 0;
	for (const [r, row] of matrix.rows.entries()) {
		for (const [c, cell] of row.cells.entries()) {
			const opdId = rowOpdIds[r]!;
			const indicatorId = columnIds[c]!;
			const value = cell.notApplicable ? null : cell.value;
			const old = byCell.get(`${opdId}:${indicatorId}`);
			written++;
			if (old && old.value === value && old.notApplicable === cell.notApplicable) continue;
			changes.push({
				opd: opdId,
				indicator: indicatorId,
				before: old ? { value: old.value, notApplicable: old.notApplicable } : null,
				after: { value, notApplicable: cell.notApplicable }
			});
			if (old) {
				await tx
					.update(assessments)
					.set({
						value,
						notApplicable: cell.notApplicable,
						assessedBy: req.actor.userId,
						assessedAt: now,
						version: old.version + 1
					})
					.where(eq(assessments.id, old.id));
			} else {
				await tx.insert(assessments).values({
					periodId: period.id,
					opdId,
					indicatorId,
					value,
					notApplicable: cell.notApplicable,
					assessedBy: req.actor.userId,
					assessedAt: now
				});
			}
		}
	}
	await audit.record(
		req.actor,
		{
			action: 'period.import',
			entityType: 'period',
			entityId: period.year,
			periodId: period.id,
			before: null,
			after: { source: req.source, createdPeriod: false, changes }
		},
		tx
	);
	return {
		periodId: period.id,
		createdPeriod: false,
		opdsCreated: [],
		matches,
		cellsWritten: written,
		cellsChanged: changes.length
	};
}

function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
	let slug = base || 'opd';
	for (let n = 2; taken.has(slug); n++) slug = `${base || 'opd'}-${n}`;
	return slug;
}
