CREATE TABLE `kb_entries` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`position` integer NOT NULL,
	`profile` text NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
