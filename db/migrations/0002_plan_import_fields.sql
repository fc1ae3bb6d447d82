ALTER TABLE "plan_monitoring_rules" ADD COLUMN "label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_monitoring_rules" ADD COLUMN "extra" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_risks" ADD COLUMN "extra" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_roles" ADD COLUMN "extra" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD COLUMN "all_day" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD COLUMN "imported_by_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD COLUMN "warnings" jsonb DEFAULT '[]'::jsonb NOT NULL;