-- Indexes for the auditor's filters, chosen from EXPLAIN on 100,000 events (npm run bench:audit):
-- without them "name contains" and rare action prefixes walked the whole log, and a name that matches
-- nothing was a sequential scan plus sort (≈330 ms). pg_trgm ships with PostgreSQL (and the embedded
-- binaries) and is a trusted extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- actor name contains (ILIKE '%text%')
CREATE INDEX IF NOT EXISTS audit_events_actor_name_trgm_idx ON audit_events USING gin (actor_name gin_trgm_ops);
--> statement-breakpoint
-- action prefix ("tasks." → LIKE 'tasks.%'): text_pattern_ops serves LIKE prefixes under any collation
CREATE INDEX IF NOT EXISTS audit_events_action_prefix_idx ON audit_events (action text_pattern_ops, seq);
--> statement-breakpoint
-- refused attempts are rare; newest-first over them without walking every ok event
CREATE INDEX IF NOT EXISTS audit_events_denied_idx ON audit_events (seq) WHERE outcome = 'denied';
