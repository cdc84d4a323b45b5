ALTER TABLE `indicators` ADD `definition` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `acceptable_evidence` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `unacceptable_evidence` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `indicators` ADD `evidence_required` integer DEFAULT false NOT NULL;