CREATE TABLE `opd_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`opd_id` integer NOT NULL,
	`alias` text NOT NULL,
	`key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`opd_id`) REFERENCES `opds`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opd_aliases_key_idx` ON `opd_aliases` (`key`);--> statement-breakpoint
CREATE INDEX `opd_aliases_opd_idx` ON `opd_aliases` (`opd_id`);