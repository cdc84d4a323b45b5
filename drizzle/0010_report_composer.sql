CREATE TABLE `report_sections` (
	`year` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`position` integer NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`year`, `key`)
);
--> statement-breakpoint
CREATE TABLE `report_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`signatory_name` text DEFAULT '' NOT NULL,
	`signatory_nip` text DEFAULT '' NOT NULL,
	`signatory_title` text DEFAULT '' NOT NULL,
	`signatory_place` text DEFAULT '' NOT NULL,
	`signatory_date` text DEFAULT '' NOT NULL,
	`budget_amount` integer,
	`budget_source` text DEFAULT '' NOT NULL,
	`origin` text DEFAULT '' NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
