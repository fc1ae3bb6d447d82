ALTER TABLE "runs" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "updated_by_name" text;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "task_states" ADD COLUMN "notes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "task_states" ADD COLUMN "override_reason" text;--> statement-breakpoint
ALTER TABLE "task_states" ADD COLUMN "override_by" text;--> statement-breakpoint
ALTER TABLE "task_states" ADD COLUMN "updated_by_name" text;--> statement-breakpoint
ALTER TABLE "task_states" ADD COLUMN "updated_at" timestamp with time zone;