CREATE TABLE `condition_muscles` (
	`condition_id` text NOT NULL,
	`muscle_id` text NOT NULL,
	`rank` integer NOT NULL,
	PRIMARY KEY(`condition_id`, `muscle_id`),
	FOREIGN KEY (`condition_id`) REFERENCES `conditions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`muscle_id`) REFERENCES `muscles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `conditions` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`profile` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kb_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `muscles` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`muscle_group` text NOT NULL,
	`profile` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`profile` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `red_flags` (
	`id` text PRIMARY KEY NOT NULL,
	`level` text NOT NULL,
	`profile` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `referral_zones` (
	`muscle_id` text NOT NULL,
	`region_id` text NOT NULL,
	`position` integer NOT NULL,
	`zone` text NOT NULL,
	`laterality` text NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`muscle_id`, `region_id`),
	FOREIGN KEY (`muscle_id`) REFERENCES `muscles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referral_zones_region_idx` ON `referral_zones` (`region_id`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`parent_id` text,
	`sided` integer NOT NULL,
	`synonyms` text NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `regions_parent_idx` ON `regions` (`parent_id`);--> statement-breakpoint
CREATE TABLE `rules` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`source_id` text NOT NULL,
	`profile` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`citation` text NOT NULL,
	`kind` text NOT NULL,
	`year` integer,
	`url` text
);
--> statement-breakpoint
CREATE TABLE `vocabulary` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`label` text NOT NULL,
	`category` text,
	`synonyms` text NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
