-- The sweeper (BatchSweeper): how often a stalled batch had its PLAN/FINALIZE re-sent, and when last,
-- so that a batch is retried at most recovery-attempts times, once per stale-after period.
ALTER TABLE batches ADD COLUMN recovery_attempts INTEGER NOT NULL DEFAULT 0 CHECK (recovery_attempts >= 0);
ALTER TABLE batches ADD COLUMN recovered_at      TIMESTAMPTZ;
CREATE INDEX batches_unfinished_idx ON batches (created_at) WHERE status IN ('QUEUED', 'RUNNING');
