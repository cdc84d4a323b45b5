CREATE TABLE `award_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`position` integer NOT NULL,
	`points` real,
	`note` text,
	FOREIGN KEY (`list_id`) REFERENCES `award_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `award_entries_list_opd_uq` ON `award_entries` (`list_id`,`opd_id`);--> statement-breakpoint
CREATE INDEX `award_entries_opd_idx` ON `award_entries` (`opd_id`);--> statement-breakpoint
CREATE TABLE `award_lists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`title` text NOT NULL,
	`source_note` text DEFAULT '' NOT NULL,
	`display_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `award_lists_period_title_uq` ON `award_lists` (`period_id`,`title`);