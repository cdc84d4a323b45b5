CREATE TABLE `link_checks` (
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`url` text NOT NULL,
	`status` integer,
	`ok` integer NOT NULL,
	`final_url` text,
	`title` text,
	`sha256` text,
	`bytes` integer DEFAULT 0 NOT NULL,
	`truncated` integer DEFAULT false NOT NULL,
	`error` text,
	`checked_at` integer NOT NULL,
	PRIMARY KEY(`period_id`, `opd_id`, `indicator_id`, `url`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `link_checks_opd_idx` ON `link_checks` (`opd_id`);