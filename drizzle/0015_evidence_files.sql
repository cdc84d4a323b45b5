CREATE TABLE `evidence_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`indicator_id` integer NOT NULL,
	`side` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `evidence_files_cell_idx` ON `evidence_files` (`period_id`,`opd_id`,`indicator_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_opd_idx` ON `evidence_files` (`opd_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_indicator_idx` ON `evidence_files` (`indicator_id`);--> statement-breakpoint
CREATE INDEX `evidence_files_user_idx` ON `evidence_files` (`uploaded_by`);