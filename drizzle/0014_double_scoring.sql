CREATE TABLE `cell_decisions` (
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` real,
	`not_applicable` integer DEFAULT false NOT NULL,
	`reason` text,
	`decided_by` integer,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`period_id`, `opd_id`, `indicator_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `cell_decisions_kind_idx` ON `cell_decisions` (`period_id`,`kind`);--> statement-breakpoint
CREATE INDEX `cell_decisions_indicator_idx` ON `cell_decisions` (`indicator_id`);--> statement-breakpoint
CREATE TABLE `rater_scores` (
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`value` real,
	`not_applicable` integer DEFAULT false NOT NULL,
	`evidence_url` text,
	`note` text,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`period_id`, `opd_id`, `indicator_id`, `user_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rater_scores_user_idx` ON `rater_scores` (`user_id`);--> statement-breakpoint
CREATE INDEX `rater_scores_indicator_idx` ON `rater_scores` (`indicator_id`);--> statement-breakpoint
CREATE TABLE `rater_submissions` (
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	PRIMARY KEY(`period_id`, `opd_id`, `user_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rater_submissions_user_idx` ON `rater_submissions` (`user_id`);--> statement-breakpoint
ALTER TABLE `periods` ADD `double_scored` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `periods` ADD `blind_self` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `periods` ADD `lead_evaluator_id` integer REFERENCES users(id);