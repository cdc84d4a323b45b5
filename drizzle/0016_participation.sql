CREATE TABLE `opd_participation` (
	`period_id` integer NOT NULL,
	`opd_id` integer NOT NULL,
	`submitted_at` integer,
	`submitted_by` integer,
	`extended_until` integer,
	`extension_reason` text,
	`extended_by` integer,
	`extended_at` integer,
	`reminded_at` integer,
	PRIMARY KEY(`period_id`, `opd_id`),
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`extended_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`period_id`,`opd_id`) REFERENCES `period_opds`(`period_id`,`opd_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `opd_participation_opd_idx` ON `opd_participation` (`opd_id`);--> statement-breakpoint
-- Submissions made before this table existed are in the audit log only (action self.submit).
INSERT INTO `opd_participation` (`period_id`, `opd_id`, `submitted_at`, `submitted_by`)
SELECT `po`.`period_id`, `po`.`opd_id`, `last`.`created_at`, `last`.`user_id`
FROM `period_opds` `po`
JOIN `audit_events` `last` ON `last`.`id` = (
	SELECT `a`.`id` FROM `audit_events` `a`
	WHERE `a`.`action` = 'self.submit' AND `a`.`entity_type` = 'opd'
		AND `a`.`period_id` = `po`.`period_id` AND `a`.`entity_id` = CAST(`po`.`opd_id` AS TEXT)
	ORDER BY `a`.`created_at` DESC, `a`.`id` DESC LIMIT 1
);
