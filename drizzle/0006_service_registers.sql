CREATE TABLE `service_disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`applicant_name` text,
	`applicant_type` text NOT NULL,
	`reason` text NOT NULL,
	`opd` text,
	`outcome` text NOT NULL,
	`outcome_text` text,
	`note` text,
	`source` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `service_disputes_year_idx` ON `service_disputes` (`year`);--> statement-breakpoint
CREATE TABLE `service_objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`month` integer NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`received_on` text,
	`applicant_name` text,
	`applicant_contact` text,
	`applicant_type` text NOT NULL,
	`reason` text,
	`reason_text` text NOT NULL,
	`answer` text,
	`answered_on` text,
	`working_days` integer,
	`to_dispute` integer DEFAULT false NOT NULL,
	`source` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "service_objections_month_ck" CHECK("service_objections"."month" between 1 and 12),
	CONSTRAINT "service_objections_count_ck" CHECK("service_objections"."count" >= 1)
);
--> statement-breakpoint
CREATE INDEX `service_objections_year_idx` ON `service_objections` (`year`,`month`);--> statement-breakpoint
CREATE TABLE `service_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`month` integer NOT NULL,
	`count` integer DEFAULT 1 NOT NULL,
	`received_on` text,
	`applicant_name` text,
	`applicant_address` text,
	`applicant_contact` text,
	`applicant_type` text NOT NULL,
	`channel` text NOT NULL,
	`information` text NOT NULL,
	`opd` text,
	`decision` text NOT NULL,
	`refusal_reason` text,
	`refusal_text` text,
	`exemption_ground` text,
	`consequence_test` text,
	`answered_on` text,
	`working_days` integer,
	`extended` integer DEFAULT false NOT NULL,
	`cost` integer,
	`note` text,
	`possible_duplicate` integer DEFAULT false NOT NULL,
	`source` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "service_requests_month_ck" CHECK("service_requests"."month" between 1 and 12),
	CONSTRAINT "service_requests_count_ck" CHECK("service_requests"."count" >= 1)
);
--> statement-breakpoint
CREATE INDEX `service_requests_year_idx` ON `service_requests` (`year`,`month`);--> statement-breakpoint
CREATE TABLE `service_stated_totals` (
	`year` integer PRIMARY KEY NOT NULL,
	`objections` integer,
	`objections_to_dispute` integer,
	`disputes` integer,
	`source` text
);
--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`responded_on` text NOT NULL,
	`email` text,
	`occupation` text,
	`level` text NOT NULL,
	`comment` text,
	`source` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `survey_responses_year_idx` ON `survey_responses` (`year`);--> statement-breakpoint
CREATE TABLE `website_visits` (
	`year` integer NOT NULL,
	`month` integer NOT NULL,
	`visits` integer NOT NULL,
	`source` text,
	PRIMARY KEY(`year`, `month`),
	CONSTRAINT "website_visits_month_ck" CHECK("website_visits"."month" between 1 and 12),
	CONSTRAINT "website_visits_visits_ck" CHECK("website_visits"."visits" >= 0)
);
