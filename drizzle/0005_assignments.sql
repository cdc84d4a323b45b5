CREATE TABLE `assignment_aspects` (
	`period_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`aspect` text NOT NULL,
	PRIMARY KEY(`period_id`, `user_id`, `aspect`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assignment_aspects_user_idx` ON `assignment_aspects` (`user_id`);--> statement-breakpoint
CREATE TABLE `assignment_opds` (
	`period_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	PRIMARY KEY(`period_id`, `user_id`, `opd_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `assignment_opds_user_idx` ON `assignment_opds` (`user_id`);--> statement-breakpoint
CREATE INDEX `assignment_opds_opd_idx` ON `assignment_opds` (`opd_id`);--> statement-breakpoint
CREATE TABLE `evaluator_conflicts` (
	`period_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`recorded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`period_id`, `user_id`, `opd_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `evaluator_conflicts_user_idx` ON `evaluator_conflicts` (`user_id`);--> statement-breakpoint
CREATE INDEX `evaluator_conflicts_opd_idx` ON `evaluator_conflicts` (`opd_id`);