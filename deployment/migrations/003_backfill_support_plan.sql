-- Backfill: learners whose records already carry a plan (every fifth in the sandbox data) become active.
UPDATE learners SET support_plan_status = 'active' WHERE id % 5 = 0 AND support_plan_status = 'none';
CREATE INDEX IF NOT EXISTS learners_support_plan_status_idx ON learners (support_plan_status);
