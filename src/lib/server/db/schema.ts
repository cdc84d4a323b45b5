import { sql } from 'drizzle-orm';
import {
	blob,
	foreignKey,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { OPD_KINDS } from '../../insights/filters';
import { ROLES } from '../../permissions';
import { INDICATOR_KINDS, type Rubric } from '../../scoring/types';
import { APPEAL_STATUSES } from '../../workflow/appeal-statuses';
import { PERIOD_STATUSES } from '../../workflow/lifecycle';
import { STAGE_STATUSES } from '../../workflow/stages';
import { EVIDENCE_SIDES } from '../../workflow/evidence-access';
import { NOT_RATED_KINDS } from '../../workflow/not-rated';

// Each column's values are declared once, in the pure module that owns the concept; re-exported
// here for the server modules that already read them from the schema.
export { APPEAL_STATUSES, INDICATOR_KINDS, OPD_KINDS, PERIOD_STATUSES, ROLES };
export type { OpdKind } from '../../insights/filters';
export type { Role } from '../../permissions';
export type { PeriodStatus } from '../../workflow/lifecycle';

/** The rubric minus its indicator rows, which live in their own table. */
export type RubricConfig = Omit<Rubric, 'indicators'>;

/** Unix epoch milliseconds, set by SQLite so every writer (app, CLI, seed) agrees on the clock. */
const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

/** An OPD keeps its identity (slug) across years; names and rosters change per period. */
export const opds = sqliteTable(
	'opds',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		slug: text('slug').notNull().unique(),
		name: text('name').notNull(),
		shortName: text('short_name').notNull(),
		kind: text('kind', { enum: OPD_KINDS }).notNull(),
		websiteUrl: text('website_url'),
		/** Retired OPDs keep their history but join no new period. */
		retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
		/** Set when this record was merged into another; history stays attached to this row. */
		mergedIntoId: integer('merged_into_id').references((): AnySQLiteColumn => opds.id, {
			onDelete: 'set null'
		}),
		createdAt: createdAt()
	},
	// merged_into_id is indexed because deleting an OPD checks who was merged into it: unindexed,
	// undoing an import that created 33,000 OPDs scanned the table once per OPD (99 s).
	(t) => [index('opds_kind_idx').on(t.kind), index('opds_merged_into_idx').on(t.mergedIntoId)]
);

/**
 * Other names an OPD is written under in imported tables (abbreviations, former names), typed by
 * the admin in the OPD master. `key` is the matcher's normalised form; its unique index makes an
 * alias belong to one OPD only.
 */
export const opdAliases = sqliteTable(
	'opd_aliases',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' }),
		alias: text('alias').notNull(),
		key: text('key').notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('opd_aliases_key_idx').on(t.key), index('opd_aliases_opd_idx').on(t.opdId)]
);

export const periods = sqliteTable('periods', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	year: integer('year').notNull().unique(),
	title: text('title').notNull(),
	status: text('status', { enum: PERIOD_STATUSES }).notNull().default('draft'),
	/**
	 * Rubric structure beyond the indicator rows (aspects, stages, bands, tie-break, decimals,
	 * award tiers) as JSON: it changes every year and is read whole by the scoring engine.
	 */
	rubricConfig: text('rubric_config', { mode: 'json' }).$type<RubricConfig>().notNull(),
	/** Where the period's data came from (e.g. the annual report it was imported from). */
	source: text('source'),
	selfAssessmentDeadline: integer('self_assessment_deadline', { mode: 'timestamp_ms' }),
	publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
	/**
	 * Dinilai dua penilai: the OPD's two assigned evaluators score each cell independently and
	 * blind (rater_scores); the cell value comes from their agreement or the lead's settlement.
	 */
	doubleScored: integer('double_scored', { mode: 'boolean' }).notNull().default(false),
	/** In a double-scored period, raters do not see the self-assessment until both submitted. */
	blindSelf: integer('blind_self', { mode: 'boolean' }).notNull().default(false),
	/** The lead evaluator who settles disagreements (any admin may too); null: admins only. */
	leadEvaluatorId: integer('lead_evaluator_id').references((): AnySQLiteColumn => users.id, {
		onDelete: 'set null'
	}),
	createdAt: createdAt()
});

/** The roster: which OPDs take part in a period, under which number and name that year. */
export const periodOpds = sqliteTable(
	'period_opds',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'restrict' }),
		displayNumber: integer('display_number').notNull(),
		/** The name as printed that year (reports spell OPDs differently from year to year). */
		displayName: text('display_name').notNull(),
		/**
		 * Set when the team decided this OPD is "tidak dinilai" this year (the reason, shown with
		 * it): left out of scoring and ranking and listed apart. Null: the OPD is rated.
		 */
		notRatedReason: text('not_rated_reason'),
		/**
		 * Which way the OPD is left out when `notRatedReason` is set: "tidak dinilai" or "tidak
		 * berpartisipasi" (whose reason may be empty, ''). Meaningless while the OPD is rated.
		 */
		notRatedKind: text('not_rated_kind', { enum: NOT_RATED_KINDS })
			.notNull()
			.default('tidak dinilai')
	},
	(t) => [primaryKey({ columns: [t.periodId, t.opdId] }), index('period_opds_opd_idx').on(t.opdId)]
);

export const indicators = sqliteTable(
	'indicators',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		label: text('label').notNull(),
		/** Aspect (indicator group) key from the period's rubric config. */
		aspect: text('aspect').notNull(),
		kind: text('kind', { enum: INDICATOR_KINDS }).notNull(),
		weight: real('weight').notNull(),
		maxLevel: integer('max_level'),
		levelLabels: text('level_labels', { mode: 'json' }).$type<string[]>(),
		pointsPerUnit: real('points_per_unit'),
		cap: real('cap'),
		sortOrder: integer('sort_order').notNull(),
		/**
		 * What counts (issue 13 §3): the operational definition and examples of acceptable and
		 * unacceptable evidence (one example per line), shown to evaluators, operators and on the
		 * public method page. '' when the team has not written them.
		 */
		definition: text('definition').notNull().default(''),
		acceptableEvidence: text('acceptable_evidence').notNull().default(''),
		unacceptableEvidence: text('unacceptable_evidence').notNull().default(''),
		/** Bukti wajib: a self-assessment claiming the indicator must carry evidence to be submitted. */
		evidenceRequired: integer('evidence_required', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [uniqueIndex('indicators_period_key_uq').on(t.periodId, t.key)]
);

export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		username: text('username').notNull().unique(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		/** Operators answer for exactly one OPD. */
		opdId: integer('opd_id').references(() => opds.id, { onDelete: 'restrict' }),
		disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
		/** Demo accounts are created by the demo seed and labelled as such in the UI. */
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [index('users_opd_idx').on(t.opdId)]
);

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the session token, hex: the token itself is never stored. */
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed sign-ins, per username and per IP, for throttling. */
export const loginAttempts = sqliteTable(
	'login_attempts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		username: text('username').notNull(),
		ip: text('ip').notNull(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('login_attempts_username_idx').on(t.username, t.at),
		index('login_attempts_ip_idx').on(t.ip, t.at)
	]
);

/**
 * One cell of the matrix. The verified value (evaluator) and the self-assessed value (operator)
 * live side by side and never overwrite each other. `version` guards against lost updates.
 */
export const assessments = sqliteTable(
	'assessments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'restrict' }),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		/** check: 1/0; scale: level; count: units; null: not assessed yet. */
		value: real('value'),
		notApplicable: integer('not_applicable', { mode: 'boolean' }).notNull().default(false),
		evidenceUrl: text('evidence_url'),
		note: text('note'),
		assessedBy: integer('assessed_by').references(() => users.id, { onDelete: 'set null' }),
		assessedAt: integer('assessed_at', { mode: 'timestamp_ms' }),
		selfValue: real('self_value'),
		selfNotApplicable: integer('self_not_applicable', { mode: 'boolean' }).notNull().default(false),
		selfEvidenceUrl: text('self_evidence_url'),
		selfNote: text('self_note'),
		selfBy: integer('self_by').references(() => users.id, { onDelete: 'set null' }),
		selfAt: integer('self_at', { mode: 'timestamp_ms' }),
		/** Why the verified value differs from the self-assessed one; the operator reads it. */
		verifyReason: text('verify_reason'),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		uniqueIndex('assessments_cell_uq').on(t.periodId, t.opdId, t.indicatorId),
		index('assessments_opd_idx').on(t.opdId),
		index('assessments_indicator_idx').on(t.indicatorId)
	]
);

/**
 * The PPID's own award lists of a year (e.g. "OPD terbaik monev website"), as it announced them.
 * They come from its own, richer rubrics than the DIP ticks, so they are stored beside the
 * computed ranking, never mixed in. Several lists a year, shown in `displayOrder`.
 */
export const awardLists = sqliteTable(
	'award_lists',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		/** Where the list was announced (a report chapter, a decree); '' when not recorded. */
		sourceNote: text('source_note').notNull().default(''),
		displayOrder: integer('display_order').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('award_lists_period_title_uq').on(t.periodId, t.title)]
);

/** One OPD's place on an award list; points only when the list gives them. */
export const awardEntries = sqliteTable(
	'award_entries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		listId: integer('list_id')
			.notNull()
			.references(() => awardLists.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'restrict' }),
		position: integer('position').notNull(),
		points: real('points'),
		note: text('note')
	},
	(t) => [
		uniqueIndex('award_entries_list_opd_uq').on(t.listId, t.opdId),
		index('award_entries_opd_idx').on(t.opdId)
	]
);

/** The results as published: immutable, so later rubric edits never change what was published. */
export const publishedSnapshots = sqliteTable('published_snapshots', {
	periodId: integer('period_id')
		.primaryKey()
		.references(() => periods.id, { onDelete: 'cascade' }),
	/** JSON of the PeriodResult plus roster metadata. */
	body: text('body').notNull(),
	etag: text('etag').notNull(),
	publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull()
});

/**
 * Representations of a published snapshot built once at publish time (open-data JSON and CSV, the
 * compact data of the public page), so serving them never re-scores or re-parses a whole period.
 */
export const publishedFiles = sqliteTable(
	'published_files',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		body: text('body').notNull(),
		etag: text('etag').notNull()
	},
	(t) => [primaryKey({ columns: [t.periodId, t.name] })]
);

/** Every change: who, when, what, before → after. Never updated or deleted. */
export const auditEvents = sqliteTable(
	'audit_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: createdAt(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		/** Who acted when there is no user row: "cli", "seed", or the username at the time. */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		periodId: integer('period_id').references(() => periods.id, { onDelete: 'set null' }),
		before: text('before', { mode: 'json' }),
		after: text('after', { mode: 'json' })
	},
	(t) => [
		index('audit_entity_idx').on(t.entityType, t.entityId),
		index('audit_period_idx').on(t.periodId),
		index('audit_at_idx').on(t.at),
		index('audit_user_idx').on(t.userId)
	]
);

/** An operator's objection (keberatan) to one verified cell of a final period, and its answer. */
export const appeals = sqliteTable(
	'appeals',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'restrict' }),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		/** The value the operator asks for (null: just re-check). */
		requestedValue: real('requested_value'),
		status: text('status', { enum: APPEAL_STATUSES }).notNull().default('pending'),
		answer: text('answer'),
		filedBy: integer('filed_by').references(() => users.id, { onDelete: 'set null' }),
		answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
		answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [
		index('appeals_period_status_idx').on(t.periodId, t.status),
		index('appeals_opd_idx').on(t.opdId),
		index('appeals_indicator_idx').on(t.indicatorId)
	]
);

/**
 * The schedule and state of one stage of a staged period (a rubric with several stages, e.g.
 * website monitoring → SAQ → visitasi → uji publik). Stage structure (shares, minimums) stays in
 * the rubric config; this row holds what happens to it in time: its dates, where it stands, and
 * until when operators may appeal its results (masa sanggah).
 */
export const periodStages = sqliteTable(
	'period_stages',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		stageKey: text('stage_key').notNull(),
		status: text('status', { enum: STAGE_STATUSES }).notNull().default('pending'),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }),
		endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
		/** End of the appeal window that opens when the stage's results are announced. */
		appealEndsAt: integer('appeal_ends_at', { mode: 'timestamp_ms' }),
		announcedAt: integer('announced_at', { mode: 'timestamp_ms' })
	},
	(t) => [primaryKey({ columns: [t.periodId, t.stageKey] })]
);

/** Evaluators assigned to a stage; a stage with none is open to every evaluator. */
export const stageEvaluators = sqliteTable(
	'stage_evaluators',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		stageKey: text('stage_key').notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.periodId, t.stageKey, t.userId] })]
);

/**
 * Who scores what: an evaluator's assigned OPDs in a period. Together with `assignmentAspects`
 * this is the evaluator's scope; a period with no rows in either table is open to every evaluator.
 */
export const assignmentOpds = sqliteTable(
	'assignment_opds',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.userId, t.opdId] }),
		index('assignment_opds_user_idx').on(t.userId),
		index('assignment_opds_opd_idx').on(t.opdId)
	]
);

/** An evaluator's assigned aspects (indicator groups, by the rubric's aspect key) in a period. */
export const assignmentAspects = sqliteTable(
	'assignment_aspects',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		aspect: text('aspect').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.userId, t.aspect] }),
		index('assignment_aspects_user_idx').on(t.userId)
	]
);

/**
 * A conflict of interest: the user is linked to the OPD in this period (declared by themselves or
 * recorded by the admin), so they may neither be assigned to it nor score it.
 */
export const evaluatorConflicts = sqliteTable(
	'evaluator_conflicts',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' }),
		/** The link in a few words ("kepala dinas adalah saudara kandung"), may be empty. */
		note: text('note').notNull().default(''),
		recordedBy: integer('recorded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.userId, t.opdId] }),
		index('evaluator_conflicts_user_idx').on(t.userId),
		index('evaluator_conflicts_opd_idx').on(t.opdId)
	]
);

/**
 * One rater's own value for one cell in a double-scored period, never shown to the other rater
 * before both submitted the OPD. Kept after agreement or settlement: the originals of the cell.
 */
export const raterScores = sqliteTable(
	'rater_scores',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' }),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		value: real('value'),
		notApplicable: integer('not_applicable', { mode: 'boolean' }).notNull().default(false),
		evidenceUrl: text('evidence_url'),
		note: text('note'),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		version: integer('version').notNull().default(1)
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.opdId, t.indicatorId, t.userId] }),
		index('rater_scores_user_idx').on(t.userId),
		index('rater_scores_indicator_idx').on(t.indicatorId)
	]
);

/** A rater's "submitted" for one OPD of a double-scored period: their values are final. */
export const raterSubmissions = sqliteTable(
	'rater_submissions',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.opdId, t.userId] }),
		index('rater_submissions_user_idx').on(t.userId)
	]
);

/**
 * How a cell of a double-scored period was decided once its raters submitted: `agreed` (equal
 * values, taken automatically) or `settled` by the lead with a reason. No row while the raters
 * disagree and nobody settled: that is the list of disagreements.
 */
export const cellDecisions = sqliteTable(
	'cell_decisions',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' }),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['agreed', 'settled', 'open'] }).notNull(),
		value: real('value'),
		notApplicable: integer('not_applicable', { mode: 'boolean' }).notNull().default(false),
		reason: text('reason'),
		decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.opdId, t.indicatorId] }),
		index('cell_decisions_kind_idx').on(t.periodId, t.kind),
		index('cell_decisions_indicator_idx').on(t.indicatorId)
	]
);

/** In-app notifications, one row per recipient. */
export const notifications = sqliteTable(
	'notifications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		message: text('message').notNull(),
		href: text('href'),
		periodId: integer('period_id').references(() => periods.id, { onDelete: 'cascade' }),
		readAt: integer('read_at', { mode: 'timestamp_ms' }),
		createdAt: createdAt()
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.readAt)]
);

/**
 * The last link check of a period's evidence: one row per (cell, URL), replaced whole by each run
 * (CLI `check-links` or the matrix button). `sha256` is the hash of the body read (at most the size
 * cap), proof of what the link served at `checked_at`.
 */
export const linkChecks = sqliteTable(
	'link_checks',
	{
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' }),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		url: text('url').notNull(),
		/** HTTP status of the last response; null when there was none (refused, timeout, network). */
		status: integer('status'),
		ok: integer('ok', { mode: 'boolean' }).notNull(),
		finalUrl: text('final_url'),
		title: text('title'),
		sha256: text('sha256'),
		/** Bytes of the body read; `truncated` when the size cap stopped the read. */
		bytes: integer('bytes').notNull().default(0),
		truncated: integer('truncated', { mode: 'boolean' }).notNull().default(false),
		/** Why the link failed without a usable status (Indonesian), e.g. "batas waktu habis". */
		error: text('error'),
		checkedAt: integer('checked_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.opdId, t.indicatorId, t.url] }),
		index('link_checks_opd_idx').on(t.opdId)
	]
);

/**
 * Evidence files (PDF, JPG, PNG) of a cell, the bytes in the database (not on a disk): a backup
 * carries them, a restore brings them back, and several app instances serve the same files.
 * `sha256` (hex) is the proof of what was uploaded; `mime_type` comes from the sniffed bytes,
 * never from the name or the browser. Lists select the metadata only, never `content`.
 */
export const evidenceFiles = sqliteTable(
	'evidence_files',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		periodId: integer('period_id')
			.notNull()
			.references(() => periods.id, { onDelete: 'cascade' }),
		opdId: integer('opd_id')
			.notNull()
			.references(() => opds.id, { onDelete: 'cascade' }),
		indicatorId: integer('indicator_id')
			.notNull()
			.references(() => indicators.id, { onDelete: 'cascade' }),
		side: text('side', { enum: EVIDENCE_SIDES }).notNull(),
		fileName: text('file_name').notNull(),
		mimeType: text('mime_type').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		content: blob('content', { mode: 'buffer' }).notNull(),
		uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		index('evidence_files_cell_idx').on(t.periodId, t.opdId, t.indicatorId),
		index('evidence_files_opd_idx').on(t.opdId),
		index('evidence_files_indicator_idx').on(t.indicatorId),
		index('evidence_files_user_idx').on(t.uploadedBy)
	]
);

/**
 * One OPD's participation in a period beside its roster row (issue 13 §6): when the operator
 * submitted the self-assessment for verification, the OPD's own later deadline with the reason the
 * team gave it, and the last reminder sent. Removed with the roster row.
 */
export const opdParticipation = sqliteTable(
	'opd_participation',
	{
		periodId: integer('period_id').notNull(),
		opdId: integer('opd_id').notNull(),
		/** The last "Kirim untuk verifikasi"; null: not submitted. */
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		submittedBy: integer('submitted_by').references(() => users.id, { onDelete: 'set null' }),
		/** The OPD's own self-assessment deadline, later than the period's; null: none. */
		extendedUntil: integer('extended_until', { mode: 'timestamp_ms' }),
		extensionReason: text('extension_reason'),
		extendedBy: integer('extended_by').references(() => users.id, { onDelete: 'set null' }),
		extendedAt: integer('extended_at', { mode: 'timestamp_ms' }),
		/** The last "Kirim pengingat" to this OPD (a second one within 24 hours needs forcing). */
		remindedAt: integer('reminded_at', { mode: 'timestamp_ms' })
	},
	(t) => [
		primaryKey({ columns: [t.periodId, t.opdId] }),
		foreignKey({
			columns: [t.periodId, t.opdId],
			foreignColumns: [periodOpds.periodId, periodOpds.opdId]
		}).onDelete('cascade'),
		index('opd_participation_opd_idx').on(t.opdId)
	]
);

export type Opd = typeof opds.$inferSelect;
export type Appeal = typeof appeals.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type PeriodStage = typeof periodStages.$inferSelect;
export type Period = typeof periods.$inferSelect;
export type PeriodOpd = typeof periodOpds.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;
export type Assessment = typeof assessments.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type AwardList = typeof awardLists.$inferSelect;
export type AwardEntry = typeof awardEntries.$inferSelect;
export type EvaluatorConflict = typeof evaluatorConflicts.$inferSelect;
export type LinkCheck = typeof linkChecks.$inferSelect;
export type RaterScore = typeof raterScores.$inferSelect;
export type CellDecision = typeof cellDecisions.$inferSelect;
export type EvidenceFile = typeof evidenceFiles.$inferSelect;

// The PPID's service registers (permohonan, keberatan, sengketa, kunjungan, survei).
export * from './registers-schema';
export * from './report-schema';
