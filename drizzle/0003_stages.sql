CREATE TABLE `period_stages` (
	`period_id` integer NOT NULL,
	`stage_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`appeal_ends_at` integer,
	`announced_at` integer,
	PRIMARY KEY(`period_id`, `stage_key`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stage_evaluators` (
	`period_id` integer NOT NULL,
	`stage_key` text NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`period_id`, `stage_key`, `user_id`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
