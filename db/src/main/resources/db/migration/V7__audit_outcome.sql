-- An audit entry is written before its action (outcome PENDING) and completed once, after it, with how it
-- ended: OK; NOT_FOUND (the target was not there: no such ban, mute, session or room); REJECTED (the target
-- refused it as it stood); FAILED (the server could not do it: database, shutdown, a bug). status is the HTTP
-- status the caller was answered with, completed_at when. An entry left PENDING was never completed: the
-- server stopped, or could not write the outcome, in between. Entries from before this migration never had
-- an outcome recorded: UNKNOWN.
ALTER TABLE audit_log ADD COLUMN outcome VARCHAR(16) DEFAULT 'UNKNOWN' NOT NULL;
ALTER TABLE audit_log ALTER COLUMN outcome DROP DEFAULT;
ALTER TABLE audit_log ADD COLUMN status INTEGER;
ALTER TABLE audit_log ADD COLUMN completed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_ck
    CHECK (outcome IN ('UNKNOWN', 'PENDING', 'OK', 'NOT_FOUND', 'REJECTED', 'FAILED'));
