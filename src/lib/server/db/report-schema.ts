import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The Laporan Tahunan composer, per year: the narrative sections the PPID edits (Bagian I, II, VI,
 * VII; keys from `lib/report/narrative.ts`) and the year's signatory block and budget (2.4). The
 * facts of the report (registers, DIP matrix, awards) are read from their own tables, never copied.
 */

const updatedAt = () =>
	integer('updated_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const reportSections = sqliteTable(
	'report_sections',
	{
		year: integer('year').notNull(),
		key: text('key').notNull(),
		title: text('title').notNull(),
		body: text('body').notNull(),
		position: integer('position').notNull(),
		updatedAt: updatedAt()
	},
	(t) => [primaryKey({ columns: [t.year, t.key] })]
);

export const reportYears = sqliteTable('report_years', {
	year: integer('year').primaryKey(),
	signatoryName: text('signatory_name').notNull().default(''),
	signatoryNip: text('signatory_nip').notNull().default(''),
	signatoryTitle: text('signatory_title').notNull().default(''),
	signatoryPlace: text('signatory_place').notNull().default(''),
	/** ISO date, or '' while not yet set. */
	signatoryDate: text('signatory_date').notNull().default(''),
	/** Rupiah; null while not entered. */
	budgetAmount: integer('budget_amount'),
	budgetSource: text('budget_source').notNull().default(''),
	/** Where the year's text came from: a seed report, or "salinan tahun N". */
	origin: text('origin').notNull().default(''),
	updatedAt: updatedAt()
});

export type ReportSection = typeof reportSections.$inferSelect;
export type ReportYear = typeof reportYears.$inferSelect;
