/**
 * The Laporan Tahunan composer's storage: per year, the narrative sections (Bagian I, II, VI,
 * VII), the signatory block and the budget. A year without text starts, on first open, as a copy
 * of the latest earlier year. Every change is audited. `reportInput` gathers a year's text and
 * facts (registers, DIP matrix, award lists) for `lib/report/document.ts`.
 */
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { db, type Conn } from '../db';
import { reportSections, reportYears, serviceStatedTotals, type ReportYear } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import {
	parseNarrative,
	SECTION_KEYS,
	SECTION_TITLES,
	type NarrativeReport,
	type SectionKey
} from '../../report/narrative';
import type { ReportInput } from '../../report/document';
import { yearRegisters } from '../registers/registers';
import { publishedReport } from '../results/open-data';
import { organizationName } from '../results/report-settings';
import { reportAwardLists } from './awards';

export interface ComposerYear {
	year: number;
	meta: ReportYear;
	sections: { key: SectionKey; title: string; body: string }[];
}

const isSectionKey = (k: string): k is SectionKey =>
	(SECTION_KEYS as readonly string[]).includes(k);

/** Stores a parsed report's narrative, signatory and budget as the composer text of its year. */
export async function loadNarrative(
	report: NarrativeReport,
	origin: string,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	const { year, signatory: s, budget } = report;
	await conn.transaction(async (tx) => {
		await tx.insert(reportSections).values(
			SECTION_KEYS.map((key, position) => ({
				year,
				key,
				title: SECTION_TITLES[key],
				body: report.sections[key],
				position
			}))
		);
		await tx.insert(reportYears).values({
			year,
			signatoryName: s.name,
			signatoryNip: s.nip,
			signatoryTitle: s.title,
			signatoryPlace: s.place,
			signatoryDate: s.date,
			budgetAmount: budget.amount,
			budgetSource: budget.fundingSource,
			origin
		});
		await record(
			actor,
			{
				action: 'report.loadNarrative',
				entityType: 'report_year',
				entityId: year,
				after: { origin, sections: SECTION_KEYS.length, budget: budget.amount, notes: report.notes }
			},
			tx
		);
	});
}

/** Parses a report text's narrative and stores it for `year`; throws a readable error. */
export async function loadNarrativeText(
	text: string,
	year: number,
	origin: string,
	actor: Actor,
	conn: Conn = db()
): Promise<NarrativeReport> {
	const parsed = parseNarrative(text);
	if (!parsed.ok) throw new Error(`${origin}: ${parsed.error}`);
	if (parsed.report.year !== year)
		throw new Error(`${origin}: laporan tahun ${parsed.report.year}, bukan ${year}`);
	await loadNarrative(parsed.report, origin, actor, conn);
	return parsed.report;
}

/** A year's composer text, or null when the year has none yet. */
export async function composerYear(year: number, conn: Conn = db()): Promise<ComposerYear | null> {
	const [meta] = await conn.select().from(reportYears).where(eq(reportYears.year, year));
	if (!meta) return null;
	const rows = await conn
		.select()
		.from(reportSections)
		.where(eq(reportSections.year, year))
		.orderBy(asc(reportSections.position));
	const byKey = new Map(rows.map((r) => [r.key, r]));
	return {
		year,
		meta,
		// Every known section, in report order, even one a stored year lacks.
		sections: SECTION_KEYS.map((key) => ({
			key,
			title: byKey.get(key)?.title ?? SECTION_TITLES[key],
			body: byKey.get(key)?.body ?? ''
		}))
	};
}

/**
 * A year's composer text, started on first open as a copy of the latest earlier year's narrative
 * and signatory (date and budget left empty: they are the new year's), or empty sections when
 * there is no earlier year.
 */
export async function openComposerYear(
	year: number,
	actor: Actor,
	conn: Conn = db()
): Promise<ComposerYear> {
	const existing = await composerYear(year, conn);
	if (existing) return existing;
	const [previous] = await conn
		.select()
		.from(reportYears)
		.where(lt(reportYears.year, year))
		.orderBy(desc(reportYears.year))
		.limit(1);
	const from = previous ? await composerYear(previous.year, conn) : null;
	await conn.transaction(async (tx) => {
		await tx
			.insert(reportSections)
			.values(
				SECTION_KEYS.map((key, position) => ({
					year,
					key,
					title: SECTION_TITLES[key],
					body: from?.sections.find((s) => s.key === key)?.body ?? '',
					position
				}))
			)
			// Two first opens at once: the second finds the year started and leaves it as it is.
			.onConflictDoNothing();
		await tx
			.insert(reportYears)
			.values({
				year,
				signatoryName: from?.meta.signatoryName ?? '',
				signatoryNip: from?.meta.signatoryNip ?? '',
				signatoryTitle: from?.meta.signatoryTitle ?? '',
				signatoryPlace: from?.meta.signatoryPlace ?? '',
				budgetSource: from?.meta.budgetSource ?? '',
				origin: from ? `salinan tahun ${from.year}` : 'baru'
			})
			.onConflictDoNothing();
		await record(
			actor,
			{
				action: 'report.startYear',
				entityType: 'report_year',
				entityId: year,
				after: { copiedFrom: from?.year ?? null }
			},
			tx
		);
	});
	return (await composerYear(year, conn))!;
}

/** Replaces one section's text; audited with the text before and after. */
export async function saveSection(
	year: number,
	key: string,
	body: string,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	if (!isSectionKey(key)) throw new Error(`bagian "${key}" tidak dikenal`);
	const where = and(eq(reportSections.year, year), eq(reportSections.key, key));
	await conn.transaction(async (tx) => {
		const [before] = await tx.select().from(reportSections).where(where);
		if (!before) throw new Error(`laporan tahun ${year} belum dibuka`);
		if (before.body === body) return;
		await tx.update(reportSections).set({ body, updatedAt: new Date() }).where(where);
		await record(
			actor,
			{
				action: 'report.editSection',
				entityType: 'report_section',
				entityId: `${year}/${key}`,
				before: { body: before.body },
				after: { body }
			},
			tx
		);
	});
}

export interface ReportMeta {
	signatoryName: string;
	signatoryNip: string;
	signatoryTitle: string;
	signatoryPlace: string;
	signatoryDate: string;
	budgetAmount: number | null;
	budgetSource: string;
}

/** Saves the signatory block and the budget; audited with the values before and after. */
export async function saveMeta(
	year: number,
	meta: ReportMeta,
	actor: Actor,
	conn: Conn = db()
): Promise<void> {
	await conn.transaction(async (tx) => {
		const [before] = await tx.select().from(reportYears).where(eq(reportYears.year, year));
		if (!before) throw new Error(`laporan tahun ${year} belum dibuka`);
		await tx
			.update(reportYears)
			.set({ ...meta, updatedAt: new Date() })
			.where(eq(reportYears.year, year));
		const old: ReportMeta = {
			signatoryName: before.signatoryName,
			signatoryNip: before.signatoryNip,
			signatoryTitle: before.signatoryTitle,
			signatoryPlace: before.signatoryPlace,
			signatoryDate: before.signatoryDate,
			budgetAmount: before.budgetAmount,
			budgetSource: before.budgetSource
		};
		await record(
			actor,
			{
				action: 'report.editMeta',
				entityType: 'report_year',
				entityId: year,
				before: old,
				after: meta
			},
			tx
		);
	});
}

/** Everything the report of `year` prints: the composer text and the facts from the data. */
export async function reportInput(
	composer: ComposerYear,
	personalData: boolean,
	conn: Conn = db()
): Promise<ReportInput> {
	const { year, meta } = composer;
	const [registers, stated, published, awards] = await Promise.all([
		yearRegisters(year, conn),
		conn.select().from(serviceStatedTotals).where(eq(serviceStatedTotals.year, year)),
		publishedReport(year, conn),
		reportAwardLists(year, conn)
	]);
	return {
		year,
		organization: organizationName(),
		sections: Object.fromEntries(composer.sections.map((s) => [s.key, s.body])),
		signatory: {
			name: meta.signatoryName,
			nip: meta.signatoryNip,
			title: meta.signatoryTitle,
			place: meta.signatoryPlace,
			date: meta.signatoryDate
		},
		budget: { amount: meta.budgetAmount, fundingSource: meta.budgetSource },
		registers,
		stated: {
			disputes: stated[0]?.disputes ?? null,
			objectionsToDispute: stated[0]?.objectionsToDispute ?? null
		},
		matrix: published
			? {
					columns: published.table.columns,
					rows: published.table.rows.map((r) => ({
						number: r.number,
						name: r.name,
						marks: r.marks
					}))
				}
			: null,
		awards,
		personalData
	};
}
