import { createHash } from 'node:crypto';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import {
	cellAfter,
	countChange,
	evidenceAfter,
	defaultEmptyRule,
	isAbsent,
	noChanges,
	sameState,
	indicatorKey,
	issueAt,
	matchIndicator,
	type OpdLookup,
	opdSlug,
	type CellEvidence,
	type CellState,
	type ChangeCounts,
	type EmptyRule,
	type ImportIssue,
	type ParsedMatrix
} from '../../import';
import { isRole } from '../../permissions';
import {
	importPeriodRefusal,
	doubleScoredRefusal,
	DOUBLE_SCORED_REASON,
	newOpdRefusal,
	stageRefusals,
	assignmentRefusals,
	type Importer
} from '../../workflow/import-rules';
import { cellsEditable } from '../../workflow/lifecycle';
import type { Actor } from '../audit/audit';
import { db, type Conn } from '../db';
import {
	assessments,
	auditEvents,
	indicators,
	opds as opdsTable,
	periods,
	users
} from '../db/schema';
import { matchCandidates } from '../opds/master';
import { matcherOf, rosterMatcher, type Matcher } from './roster-matcher';
import { importStageContext } from '../workflow/stages/locks';
import { importAssignmentContext } from '../workflow/assignments';

export type { CellEvidence, CellState, ChangeCounts, EmptyRule } from '../../import';

/** Up to this many OPDs in a file, the plan reads only their cells (one index lookup each). */
const FEW_OPDS = 5000;

/** A user's correction of a row's OPD: the chosen OPD's slug, or NEW_OPD to create one. */
export type MatchOverrides = Record<number, string>;
export const NEW_OPD = 'new';

export interface PlanInput {
	year: number;
	matrix: ParsedMatrix;
	/** Where the table came from (file name, report title). */
	source: string;
	/** Title of a period the import creates. */
	title?: string;
	/** Source line → chosen OPD slug (or NEW_OPD), overriding the fuzzy match. */
	overrides?: MatchOverrides;
	/** What an empty cell means; by default `defaultEmptyRule(matrix)` (report: absent, else keep). */
	empty?: EmptyRule;
	/**
	 * Who imports: the plan applies their rights (a new period, new OPDs and a draft period are the
	 * admin's; a stage's cells are its evaluators'). Absent: a system actor (CLI, seed), an admin.
	 */
	actor?: Pick<Actor, 'userId'>;
}

export interface PlannedColumn {
	/** 0-based index in the matrix headers. */
	index: number;
	label: string;
	key: string;
	/** The existing indicator this column writes to (null: created with a new period). */
	indicatorId: number | null;
	/** Label of the indicator it was recognised as (this or an earlier year), or null if new. */
	matchedLabel: string | null;
}

export interface PlannedRow {
	line: number;
	number: number | null;
	name: string;
	/** Slug of the OPD the row writes to (new or existing); null when unresolved (an error). */
	opd: string | null;
	opdId: number | null;
	/** True when the import creates this OPD. */
	isNew: boolean;
	/** Match score 0..1 of the automatic match (null when none or corrected). */
	score: number | null;
	exact: boolean;
	/** Master name of the matched OPD. */
	matchedName: string | null;
	/** True when the user chose the OPD. */
	corrected: boolean;
}

export interface PlannedChange {
	line: number;
	opd: string;
	opdId: number;
	indicator: string;
	indicatorId: number;
	label: string;
	before: CellState | null;
	after: CellState;
	/** Why the cell may not be written (a stage not running, …), or null; see `errors`. */
	refused: string | null;
	/** The long layout: the evidence link and note change too (from, to). */
	evidence?: { before: CellEvidence; after: CellEvidence };
}

export interface ImportPlan {
	year: number;
	title: string;
	source: string;
	/** True when the year does not exist yet: the import creates the period. */
	createsPeriod: boolean;
	periodId: number | null;
	periodStatus: string | null;
	columns: PlannedColumn[];
	rows: PlannedRow[];
	/** Cells whose value changes (an existing period only; a new period writes every cell). */
	changes: PlannedChange[];
	/** The changes by kind; for a new period, the cells it writes with a value. */
	counts: ChangeCounts;
	/** Changes whose evidence link or note changes (the long layout), with or without the value. */
	evidenceChanges: number;
	/** The rule applied to empty cells, and the one the file would get by default. */
	empty: EmptyRule;
	emptyDefault: EmptyRule;
	/** Empty cells in the file, and how many of them `absent` would mark "tidak ada". */
	blanks: { cells: number; wouldMarkAbsent: number };
	/** Cells in the file. */
	cellsTotal: number;
	/** OPDs a row may be matched to, for the correction select. */
	choices: { slug: string; name: string }[];
	/** Whether a row may be turned into a new OPD (only when the import creates the period). */
	allowNew: boolean;
	errors: ImportIssue[];
	/** Hash of everything the commit would write; a commit refuses when it changed. */
	digest: string;
}

/** The importer's id and role; a system actor (no id) imports as an admin. */
async function importerOf(actor: Pick<Actor, 'userId'> | undefined, conn: Conn): Promise<Importer> {
	if (!actor || actor.userId === null) return { userId: null, role: 'admin' };
	const [user] = await conn
		.select({ role: users.role })
		.from(users)
		.where(eq(users.id, actor.userId))
		.limit(1);
	return { userId: actor.userId, role: user && isRole(user.role) ? user.role : null };
}

const issue = issueAt;

function uniqueSlug(base: string, taken: Set<string>): string {
	const root = base || 'opd';
	let slug = root;
	for (let n = 2; taken.has(slug); n++) slug = `${root}-${n}`;
	taken.add(slug);
	return slug;
}

interface Candidate {
	key: string;
	id: number;
	names: string[];
	aliases: string[];
}

/** "A", "B" dan "C" (+2 lainnya): the OPDs a message names. */
function namesOf(keys: string[], count: number, byKey: Map<string, Candidate>): string {
	const names = keys.map((k) => `"${byKey.get(k)?.names[0] ?? k}"`);
	const listed =
		names.length > 1 ? `${names.slice(0, -1).join(', ')} dan ${names[names.length - 1]}` : names[0];
	return count > keys.length ? `${listed} (dan ${count - keys.length} OPD lain)` : `${listed}`;
}

/** Why a row found no OPD (or too many), in words, naming the candidates or suggestions. */
function unresolvedMessage(
	name: string,
	lookup: OpdLookup,
	allowNew: boolean,
	year: number,
	byKey: Map<string, Candidate>
): string {
	if (lookup.kind === 'ambiguous')
		return (
			`OPD "${name}" cocok dengan lebih dari satu OPD: ${namesOf(lookup.keys, lookup.count, byKey)}. ` +
			'Nama ini tidak dipilihkan otomatis: pilih OPD yang dimaksud, tulis namanya lebih lengkap, ' +
			'atau tambahkan alias di Daftar OPD.'
		);
	const hint =
		lookup.kind === 'none' && lookup.suggestions.length
			? ` Mungkin yang dimaksud: ${namesOf(lookup.suggestions, lookup.suggestions.length, byKey)}.`
			: '';
	return allowNew
		? `OPD "${name}" tidak dikenal.${hint}`
		: `OPD "${name}" tidak terdaftar di periode ${year}; pilih OPD yang dimaksud, ` +
				`tambahkan OPD itu ke daftar peserta dulu, atau perbaiki namanya.${hint}`;
}

/** A planned row, every field in one literal (50,000 rows: no spread, one object shape). */
function planned(
	row: ParsedMatrix['rows'][number],
	opd: string | null,
	opdId: number | null,
	isNew: boolean,
	score: number | null,
	exact: boolean,
	matchedName: string | null,
	corrected: boolean
): PlannedRow {
	return {
		line: row.line,
		number: row.number,
		name: row.name,
		opd,
		opdId,
		isNew,
		score,
		exact,
		matchedName,
		corrected
	};
}

/** Resolves each row to an OPD: a user's choice first, else the fuzzy match, else new/unknown. */
function planRows(
	matrix: ParsedMatrix,
	matcher: Matcher,
	allowNew: boolean,
	overrides: MatchOverrides,
	year: number,
	errors: ImportIssue[]
): PlannedRow[] {
	const { candidates, byKey, index } = matcher;
	// The slugs a new OPD may not take; only a new period creates OPDs.
	const taken = allowNew ? new Set(candidates.map((c) => c.key)) : new Set<string>();
	const rows: PlannedRow[] = [];
	for (const row of matrix.rows) {
		const chosen = overrides[row.line];
		if (chosen !== undefined && chosen !== NEW_OPD) {
			const c = byKey.get(chosen);
			if (!c) {
				errors.push(issue(row.line, 2, 'NAMA OPD', `OPD pilihan "${chosen}" tidak dikenal.`));
				rows.push(planned(row, null, null, false, null, false, null, true));
				continue;
			}
			rows.push(planned(row, c.key, c.id, false, null, false, c.names[0] ?? c.key, true));
			continue;
		}
		const lookup: OpdLookup =
			chosen === NEW_OPD ? { kind: 'none', suggestions: [] } : index.lookup(row.name);
		const match = lookup.kind === 'match' ? lookup : null;
		const found = match ? byKey.get(match.key) : undefined;
		if (found && match) {
			rows.push(
				planned(
					row,
					found.key,
					found.id,
					false,
					match.score,
					match.exact,
					found.names[0] ?? found.key,
					false
				)
			);
		} else if (allowNew && lookup.kind === 'none') {
			const slug = uniqueSlug(opdSlug(row.name), taken);
			rows.push(planned(row, slug, null, true, null, false, null, chosen === NEW_OPD));
		} else {
			errors.push(
				issue(row.line, 2, 'NAMA OPD', unresolvedMessage(row.name, lookup, allowNew, year, byKey))
			);
			rows.push(planned(row, null, null, false, null, false, null, false));
		}
	}
	const firstLine = new Map<string, number>();
	for (const row of rows) {
		if (row.opd === null) continue;
		const first = firstLine.get(row.opd);
		if (first === undefined) firstLine.set(row.opd, row.line);
		else
			errors.push(
				issue(
					row.line,
					2,
					'NAMA OPD',
					matrix.layout === 'long'
						? `"${row.name}" dikenali sebagai OPD yang sama dengan baris ${first}, yang ditulis ` +
								'dengan nama lain. Dalam berkas rinci tulis nama OPD yang sama di setiap barisnya.'
						: `"${row.name}" dikenali sebagai OPD yang sama dengan baris ${first}; satu OPD hanya ` +
								'boleh satu baris. Pilih OPD lain untuk salah satu baris atau hapus baris itu.'
				)
			);
	}
	return rows;
}

/** Cells the file gives: every cell of a wide table, the rows of a long one. */
function cellsIn(matrix: ParsedMatrix): number {
	if (matrix.layout !== 'long') return matrix.rows.length * matrix.headers.length;
	let n = 0;
	for (const row of matrix.rows) for (const cell of row.cells) if (!cell.unlisted) n++;
	return n;
}

function digestOf(plan: Omit<ImportPlan, 'digest'>): string {
	const hash = createHash('sha256');
	hash.update(
		JSON.stringify([plan.year, plan.createsPeriod, plan.periodId, plan.periodStatus, plan.empty])
	);
	// The same bytes as one update per item, fed a few thousand items at a time (a national
	// file's 100,000 rows made 100,000 calls into the hash).
	let pending = '';
	const feed = (text: string) => {
		pending += text;
		if (pending.length < 1 << 16) return;
		hash.update(pending);
		pending = '';
	};
	for (const c of plan.columns) feed(JSON.stringify([c.key, c.indicatorId]));
	for (const r of plan.rows) feed(JSON.stringify([r.line, r.opd, r.opdId, r.isNew]));
	for (const c of plan.changes)
		feed(JSON.stringify([c.opdId, c.indicatorId, c.before, c.after, c.evidence ?? null]));
	feed(JSON.stringify(plan.errors.length));
	hash.update(pending);
	return hash.digest('base64url');
}

/**
 * Works out what importing a matrix into a year would do, without writing: which OPDs and
 * indicators it recognises (with the match score) or creates, which cells change from what to
 * what, and every error. The digest lets `commitImport` refuse a plan the database has outgrown.
 */
export async function planImport(input: PlanInput, conn: Conn = db()): Promise<ImportPlan> {
	const { matrix, year } = input;
	const overrides = input.overrides ?? {};
	const emptyDefault = defaultEmptyRule(matrix);
	const empty = input.empty ?? emptyDefault;
	const errors: ImportIssue[] = [];
	const [period] = await conn.select().from(periods).where(eq(periods.year, year)).limit(1);
	const base = {
		year,
		title: period?.title ?? input.title ?? `Monev Daftar Informasi Publik ${year}`,
		source: input.source,
		createsPeriod: !period,
		periodId: period?.id ?? null,
		periodStatus: period?.status ?? null,
		cellsTotal: cellsIn(matrix),
		allowNew: !period,
		empty,
		emptyDefault
	};
	const who = await importerOf(input.actor, conn);
	const periodRefusal = importPeriodRefusal(year, period?.status ?? null, who);
	if (periodRefusal) errors.push(issue(0, null, null, periodRefusal));
	const long = matrix.layout === 'long';
	if (long && !period)
		errors.push(
			issue(
				0,
				null,
				null,
				`berkas format rinci (satu baris per OPD × indikator) hanya dapat diimpor ke periode yang ` +
					`sudah ada, dan periode ${year} belum ada. Buat periodenya dulu (salin dari tahun ` +
					'sebelumnya, atau impor templat/matriks), lalu impor berkas rinci ini.'
			)
		);

	let columns: PlannedColumn[];
	let matcher: Matcher;
	if (!period) {
		// Indicators keep the key they had in earlier years, so years compare by key.
		const earlier = await conn
			.select({ key: indicators.key, label: indicators.label })
			.from(indicators)
			.innerJoin(periods, eq(periods.id, indicators.periodId))
			.orderBy(desc(periods.year));
		const seen = new Map<string, number>();
		columns = matrix.headers.map((label, index) => {
			const match = matchIndicator(label, earlier);
			const key = match?.key ?? indicatorKey(label);
			const first = seen.get(key);
			if (first !== undefined) {
				errors.push(
					issue(
						1,
						index + 1,
						label,
						`Kolom "${label}" sama dengan kolom "${matrix.headers[first]}" (kunci "${key}"); ` +
							'setiap indikator hanya boleh sekali.'
					)
				);
			} else seen.set(key, index);
			const matchedLabel = match ? (earlier.find((e) => e.key === key)?.label ?? null) : null;
			return { index, label, key, indicatorId: null, matchedLabel };
		});
		matcher = matcherOf(await matchCandidates(conn));
	} else {
		const rubricRows = await conn
			.select()
			.from(indicators)
			.where(eq(indicators.periodId, period.id));
		const taken = new Map<number, number>();
		columns = matrix.headers.map((label, index) => {
			// The long layout names an indicator by its key when it can: a key is a code, matched
			// exactly; a label is matched as a wide header is.
			const given = matrix.headerKeys?.[index] ?? null;
			const key = given
				? rubricRows.find((r) => r.key.toLowerCase() === given.toLowerCase())?.key
				: matchIndicator(label, rubricRows)?.key;
			const row = rubricRows.find((r) => r.key === key);
			const at = matrix.headerSources?.[index] ?? {
				line: 1,
				column: index + 1,
				columnLabel: label
			};
			const what = long ? `Indikator "${given ?? label}"` : `Kolom "${label}"`;
			if (!row) {
				errors.push(
					issue(
						at.line,
						at.column,
						at.columnLabel,
						`${what} tidak cocok dengan indikator mana pun di periode ${year}. ` +
							`Indikator yang ada: ${rubricRows.map((r) => `${r.label} (${r.key})`).join('; ')}.`
					)
				);
			} else if (taken.has(row.id)) {
				const first = matrix.headers[taken.get(row.id)!];
				errors.push(
					issue(
						at.line,
						at.column,
						at.columnLabel,
						`${what} dikenali sebagai indikator yang sama dengan "${first}" ("${row.label}"); ` +
							'setiap indikator hanya boleh disebut dengan satu nama atau kode.'
					)
				);
			} else taken.set(row.id, index);
			return {
				index,
				label,
				key: row?.key ?? indicatorKey(label),
				indicatorId: row?.id ?? null,
				matchedLabel: row?.label ?? null
			};
		});
		// Kept between steps while the roster reads the same (roster-matcher.ts).
		matcher = await rosterMatcher(period.id, conn);
	}

	const rows = planRows(matrix, matcher, !period, overrides, year, errors);
	for (const row of rows) {
		const refusal = row.isNew ? newOpdRefusal(row.name, who) : null;
		if (refusal) errors.push(issue(row.line, 2, 'NAMA OPD', refusal));
	}
	const changes: PlannedChange[] = [];
	let evidenceChanges = 0;
	const counts = noChanges();
	const blanks = { cells: 0, wouldMarkAbsent: 0 };
	if (!period) {
		// A new period writes every cell; the counts say how many get a value, by kind.
		for (const row of matrix.rows) {
			for (const cell of row.cells) {
				if (cell.blank) blanks.cells++;
				const after = cellAfter(cell, empty);
				if (after && !sameState(null, after)) countChange(counts, after);
			}
		}
		blanks.wouldMarkAbsent = blanks.cells;
	} else if (errors.length === 0) {
		// Only the cells of the file's OPDs are compared: a 100-row file against a 40,000-OPD
		// year read all 200,000 cells (≈ 3 s). A file of many OPDs reads the period's cells whole.
		const fileOpds = [...new Set(rows.map((r) => r.opdId).filter((id) => id !== null))];
		const onlyFileOpds =
			fileOpds.length <= FEW_OPDS
				? sql`${assessments.opdId} IN (SELECT value FROM json_each(${JSON.stringify(fileOpds)}))`
				: undefined;
		// Evidence is read only for the long layout: a national wide file never carries any.
		const current = await conn
			.select({
				opdId: assessments.opdId,
				indicatorId: assessments.indicatorId,
				value: assessments.value,
				notApplicable: assessments.notApplicable,
				...(long ? { evidenceUrl: assessments.evidenceUrl, note: assessments.note } : {})
			})
			.from(assessments)
			.where(and(eq(assessments.periodId, period.id), onlyFileOpds));
		const byCell = new Map(current.map((a) => [`${a.opdId}:${a.indicatorId}`, a]));
		matrix.rows.forEach((row, r) => {
			const planned = rows[r]!;
			row.cells.forEach((cell, c) => {
				if (cell.unlisted) return;
				const column = columns[c]!;
				const old = byCell.get(`${planned.opdId}:${column.indicatorId}`) as
					((typeof current)[number] & Partial<CellEvidence>) | undefined;
				const before: CellState | null = old
					? { value: old.value, notApplicable: old.notApplicable }
					: null;
				if (cell.blank) {
					blanks.cells++;
					if (!isAbsent(before)) blanks.wouldMarkAbsent++;
				}
				// An empty cell under "keep" leaves the stored value as it is.
				const after = cellAfter(cell, empty);
				const valueChanges = after !== null && !sameState(before, after);
				const evidenceBefore = { evidenceUrl: old?.evidenceUrl ?? null, note: old?.note ?? null };
				const evidence = evidenceAfter(cell.evidence, empty, evidenceBefore);
				if (!valueChanges && evidence === null) return;
				if (valueChanges) countChange(counts, after);
				if (evidence) evidenceChanges++;
				changes.push({
					line: cell.line ?? row.line,
					opd: planned.opd!,
					opdId: planned.opdId!,
					indicator: column.key,
					indicatorId: column.indicatorId!,
					label: column.label,
					before,
					// Only the evidence changes: the value is written back as it is.
					after: valueChanges ? after : (before ?? { value: null, notApplicable: false }),
					refused: null,
					...(evidence ? { evidence: { before: evidenceBefore, after: evidence } } : {})
				});
			});
		});
		// A double-scored period's cells come only from its raters (setCell refuses the rest).
		if (period.doubleScored && changes.length) {
			for (const change of changes) change.refused = DOUBLE_SCORED_REASON;
			errors.push(issue(0, null, null, doubleScoredRefusal(year, changes.length)));
		}
		// A running period: each change is checked as a cell save of this importer would be.
		const stages =
			cellsEditable(period.status) && !period.doubleScored
				? await importStageContext(period.id, conn)
				: null;
		if (stages && changes.length) {
			const nameOf = new Map(rows.map((r) => [r.opdId, r.name]));
			const { reasons, issues } = stageRefusals(
				changes.map((c) => ({
					line: c.line,
					name: nameOf.get(c.opdId) ?? c.opd,
					opdId: c.opdId,
					label: c.label,
					stageKey: stages.stageOfIndicatorId.get(c.indicatorId) ?? ''
				})),
				stages.states,
				who,
				(opdId) => stages.stoppedAt.get(opdId) ?? null,
				stages.decimals
			);
			reasons.forEach((reason, i) => (changes[i]!.refused = reason));
			errors.push(...issues);
		}
		// Assignments and conflicts of interest, as a cell save of this importer would check them.
		const assigned =
			cellsEditable(period.status) && !period.doubleScored
				? await importAssignmentContext(period.id, who.userId, conn)
				: null;
		const open = changes.filter((c) => c.refused === null);
		if (assigned && open.length) {
			const nameOf = new Map(rows.map((r) => [r.opdId, r.name]));
			const { reasons, issues } = assignmentRefusals(
				open.map((c) => {
					const aspect = assigned.aspectOfIndicatorId.get(c.indicatorId) ?? '';
					return {
						line: c.line,
						name: nameOf.get(c.opdId) ?? c.opd,
						opdId: c.opdId,
						label: c.label,
						aspect,
						aspectLabel: assigned.aspectLabels.get(aspect) ?? aspect
					};
				}),
				assigned.rules,
				who
			);
			reasons.forEach((reason, i) => (open[i]!.refused = reason));
			errors.push(...issues);
		}
	}
	const choices = matcher.choices();
	errors.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
	const plan = {
		...base,
		columns,
		rows,
		changes,
		counts,
		evidenceChanges,
		blanks,
		choices,
		errors
	};
	return { ...plan, digest: digestOf(plan) };
}

/**
 * A cheap key of everything a plan of `year` reads, so that a plan made outside the write lock
 * (in a worker thread, on its own connection) can be written inside it without planning again.
 * Every change is in the audit log (a rule of this codebase, kept by the tests of each write):
 * the period's newest event covers its cells, rubric, roster, stages and assignments; the newest
 * event without a period covers the OPD master, aliases and users. A new year reads every
 * year's indicators instead, which are few, so their keys and labels are hashed directly. Read
 * it before the plan's own reads: a change in between then only makes the commit plan again.
 */
export async function planFingerprint(year: number, conn: Conn = db()): Promise<string> {
	const [period] = await conn
		.select({ id: periods.id, status: periods.status })
		.from(periods)
		.where(eq(periods.year, year))
		.limit(1);
	const [global] = await conn
		.select({ last: sql<number | null>`max(${auditEvents.id})` })
		.from(auditEvents)
		.where(isNull(auditEvents.periodId));
	// OPDs an import creates are logged under its period: the master's size and newest id too.
	const [master] = await conn
		.select({ n: sql<number>`count(*)`, last: sql<number | null>`max(${opdsTable.id})` })
		.from(opdsTable);
	const hash = createHash('sha256');
	hash.update(
		JSON.stringify([
			year,
			period?.id ?? null,
			period?.status ?? null,
			global?.last ?? 0,
			master?.n ?? 0,
			master?.last ?? 0
		])
	);
	if (period) {
		const [own] = await conn
			.select({ last: sql<number | null>`max(${auditEvents.id})` })
			.from(auditEvents)
			.where(eq(auditEvents.periodId, period.id));
		hash.update(JSON.stringify(own?.last ?? 0));
	} else {
		const all = await conn
			.select({ id: indicators.id, key: indicators.key, label: indicators.label })
			.from(indicators)
			.orderBy(asc(indicators.id));
		for (const i of all) hash.update(JSON.stringify([i.id, i.key, i.label]));
	}
	return hash.digest('base64url');
}
