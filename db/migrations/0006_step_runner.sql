ALTER TABLE "step_executions" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "pid" integer;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "current_step" integer;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "cancel_requested_by" text;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "cancel_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "resolution_reason" text;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "step_executions" ADD COLUMN "retry_of" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "step_executions_one_live_uq" ON "step_executions" USING btree ("task_state_id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "step_executions_status_idx" ON "step_executions" USING btree ("status");