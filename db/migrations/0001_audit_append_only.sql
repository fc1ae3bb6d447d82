-- The run log is append-only: even a bug (or a person with the app's credentials) cannot rewrite
-- history through UPDATE or DELETE. Tamper tests bypass this only with superuser powers
-- (session_replication_role = replica), which verification then catches.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
