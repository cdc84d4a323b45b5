CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`value` real,
	`not_applicable` integer DEFAULT false NOT NULL,
	`evidence_url` text,
	`note` text,
	`assessed_by` integer,
	`assessed_at` integer,
	`self_value` real,
	`self_not_applicable` integer DEFAULT false NOT NULL,
	`self_evidence_url` text,
	`self_note` text,
	`self_by` integer,
	`self_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`self_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_cell_uq` ON `assessments` (`period_id`,`opd_id`,`indicator_id`);--> statement-breakpoint
CREATE INDEX `assessments_opd_idx` ON `assessments` (`opd_id`);--> statement-breakpoint
CREATE INDEX `assessments_indicator_idx` ON `assessments` (`indicator_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`period_id` integer,
	`before` text,
	`after` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_period_idx` ON `audit_events` (`period_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`aspect` text NOT NULL,
	`kind` text NOT NULL,
	`weight` real NOT NULL,
	`max_level` integer,
	`level_labels` text,
	`points_per_unit` real,
	`cap` real,
	`sort_order` integer NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicators_period_key_uq` ON `indicators` (`period_id`,`key`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`ip` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_username_idx` ON `login_attempts` (`username`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_ip_idx` ON `login_attempts` (`ip`,`at`);--> statement-breakpoint
CREATE TABLE `official_awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`points` real,
	`source` text NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `official_awards_period_position_uq` ON `official_awards` (`period_id`,`position`);--> statement-breakpoint
CREATE TABLE `opds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`kind` text NOT NULL,
	`website_url` text,
	`retired_at` integer,
	`merged_into_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`merged_into_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opds_slug_unique` ON `opds` (`slug`);--> statement-breakpoint
CREATE INDEX `opds_kind_idx` ON `opds` (`kind`);--> statement-breakpoint
CREATE TABLE `period_opds` (
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`display_number` integer NOT NULL,
	`display_name` text NOT NULL,
	PRIMARY KEY(`period_id`, `opd_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `period_opds_opd_idx` ON `period_opds` (`opd_id`);--> statement-breakpoint
CREATE TABLE `periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`rubric_config` text NOT NULL,
	`source` text,
	`self_assessment_deadline` integer,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `periods_year_unique` ON `periods` (`year`);--> statement-breakpoint
CREATE TABLE `published_snapshots` (
	`period_id` integer PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`etag` text NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`opd_id` integer,
	`disabled_at` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	`password_changed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE INDEX `users_opd_idx` ON `users` (`opd_id`);