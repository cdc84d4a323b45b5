CREATE TABLE `published_files` (
	`period_id` integer NOT NULL,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`etag` text NOT NULL,
	PRIMARY KEY(`period_id`, `name`),
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE cascade
);
