import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
	APPLICANT_TYPES,
	CHANNELS,
	DECISIONS,
	DISPUTE_OUTCOMES,
	OBJECTION_REASONS,
	RECORD_KINDS,
	REFUSAL_REASONS,
	SURVEY_LEVELS
} from '../../registers/vocab';

/**
 * The PPID's service registers, per year (not per monev period: the desk keeps them whether or not
 * a DIP evaluation runs). Applicant names, addresses, contacts and respondent e-mails are personal
 * data (UU 27/2022): only the register keepers read them; the public sees aggregates only.
 * Values of every closed column come from `lib/registers/vocab.ts`.
 */

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

const month = () => integer('month').notNull();

/** Permohonan informasi: entries (count 1, with the applicant) and monthly recap rows (count n). */
export const serviceRequests = sqliteTable(
	'service_requests',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		year: integer('year').notNull(),
		kind: text('kind', { enum: RECORD_KINDS }).notNull(),
		month: month(),
		count: integer('count').notNull().default(1),
		/** ISO date, entries only. */
		receivedOn: text('received_on'),
		applicantName: text('applicant_name'),
		applicantAddress: text('applicant_address'),
		applicantContact: text('applicant_contact'),
		applicantType: text('applicant_type', { enum: APPLICANT_TYPES }).notNull(),
		channel: text('channel', { enum: CHANNELS }).notNull(),
		information: text('information').notNull(),
		/** The OPD that holds the information, as written. */
		opd: text('opd'),
		decision: text('decision', { enum: DECISIONS }).notNull(),
		refusalReason: text('refusal_reason', { enum: REFUSAL_REASONS }),
		refusalText: text('refusal_text'),
		/** For `dikecualikan`: the exemption ground (UU 14/2008 Pasal 17) and the uji konsekuensi. */
		exemptionGround: text('exemption_ground'),
		consequenceTest: text('consequence_test'),
		answeredOn: text('answered_on'),
		workingDays: integer('working_days'),
		extended: integer('extended', { mode: 'boolean' }).notNull().default(false),
		/** Rupiah. */
		cost: integer('cost'),
		note: text('note'),
		possibleDuplicate: integer('possible_duplicate', { mode: 'boolean' }).notNull().default(false),
		/** Where the row came from (a report section, an import file); null when typed in. */
		source: text('source'),
		createdAt: createdAt()
	},
	(t) => [
		index('service_requests_year_idx').on(t.year, t.month),
		check('service_requests_month_ck', sql`${t.month} between 1 and 12`),
		check('service_requests_count_ck', sql`${t.count} >= 1`)
	]
);

/** Keberatan: entries and monthly recap rows; reason letter of UU 14/2008 Pasal 35 ayat (1). */
export const serviceObjections = sqliteTable(
	'service_objections',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		year: integer('year').notNull(),
		kind: text('kind', { enum: RECORD_KINDS }).notNull(),
		month: month(),
		count: integer('count').notNull().default(1),
		receivedOn: text('received_on'),
		applicantName: text('applicant_name'),
		applicantContact: text('applicant_contact'),
		applicantType: text('applicant_type', { enum: APPLICANT_TYPES }).notNull(),
		reason: text('reason', { enum: OBJECTION_REASONS }),
		reasonText: text('reason_text').notNull(),
		/** The atasan PPID's answer. */
		answer: text('answer'),
		answeredOn: text('answered_on'),
		workingDays: integer('working_days'),
		toDispute: integer('to_dispute', { mode: 'boolean' }).notNull().default(false),
		source: text('source'),
		createdAt: createdAt()
	},
	(t) => [
		index('service_objections_year_idx').on(t.year, t.month),
		check('service_objections_month_ck', sql`${t.month} between 1 and 12`),
		check('service_objections_count_ck', sql`${t.count} >= 1`)
	]
);

/**
 * What a source states about a year beside its tables (e.g. "51 keberatan" under a table that adds
 * up to 53). Kept as stated, never reconciled: the report shows the difference.
 */
export const serviceStatedTotals = sqliteTable('service_stated_totals', {
	year: integer('year').primaryKey(),
	objections: integer('objections'),
	objectionsToDispute: integer('objections_to_dispute'),
	disputes: integer('disputes'),
	source: text('source')
});

/** Sengketa informasi at the Komisi Informasi. */
export const serviceDisputes = sqliteTable(
	'service_disputes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		year: integer('year').notNull(),
		applicantName: text('applicant_name'),
		applicantType: text('applicant_type', { enum: APPLICANT_TYPES }).notNull(),
		reason: text('reason').notNull(),
		opd: text('opd'),
		outcome: text('outcome', { enum: DISPUTE_OUTCOMES }).notNull(),
		outcomeText: text('outcome_text'),
		note: text('note'),
		source: text('source'),
		createdAt: createdAt()
	},
	(t) => [index('service_disputes_year_idx').on(t.year)]
);

/** Website visits of the PPID site, one row per month. */
export const websiteVisits = sqliteTable(
	'website_visits',
	{
		year: integer('year').notNull(),
		month: month(),
		visits: integer('visits').notNull(),
		source: text('source')
	},
	(t) => [
		primaryKey({ columns: [t.year, t.month] }),
		check('website_visits_month_ck', sql`${t.month} between 1 and 12`),
		check('website_visits_visits_ck', sql`${t.visits} >= 0`)
	]
);

/** Survei kepuasan responses; the e-mail is personal data. */
export const surveyResponses = sqliteTable(
	'survey_responses',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		year: integer('year').notNull(),
		respondedOn: text('responded_on').notNull(),
		email: text('email'),
		occupation: text('occupation'),
		level: text('level', { enum: SURVEY_LEVELS }).notNull(),
		comment: text('comment'),
		source: text('source'),
		createdAt: createdAt()
	},
	(t) => [index('survey_responses_year_idx').on(t.year)]
);

export type ServiceRequestRow = typeof serviceRequests.$inferSelect;
export type ServiceObjectionRow = typeof serviceObjections.$inferSelect;
export type ServiceDisputeRow = typeof serviceDisputes.$inferSelect;
export type SurveyResponseRow = typeof surveyResponses.$inferSelect;
