-- Release 2.0.0: learners get a support-plan status. Additive with a default, so blue (1.0.0), which
-- does not know the column, keeps working during the canary and after a rollback of the code.
ALTER TABLE learners
  ADD COLUMN IF NOT EXISTS support_plan_status text NOT NULL DEFAULT 'none'
  CHECK (support_plan_status IN ('none', 'active', 'review'));
