CREATE TABLE `pain_guide_muscles` (
	`region_id` text NOT NULL,
	`muscle_id` text NOT NULL,
	`rank` integer NOT NULL,
	PRIMARY KEY(`region_id`, `muscle_id`),
	FOREIGN KEY (`region_id`) REFERENCES `pain_guides`(`region_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`muscle_id`) REFERENCES `muscles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `pain_guides` (
	`region_id` text PRIMARY KEY NOT NULL,
	`profile` text NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
