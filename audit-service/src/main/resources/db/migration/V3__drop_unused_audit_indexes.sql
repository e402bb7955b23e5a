-- Issue #6: every audit_logs row is written into each of the table's b-trees, and two of them serve no query
-- of any code path (PostgreSQL CPU per row measured with bench/audit/run.sh, see audit-service/README.md):
--
-- * audit_logs_actor_idx (actor_id, occurred_at): no code reads audit_logs by actor. Searching the audit trail
--   (by actor, text, action, time) is Elasticsearch's job (audit-logs-*, search-service). A compliance officer
--   querying PostgreSQL directly for one actor's events in a time range (WHERE actor_id = ? AND occurred_at
--   BETWEEN ? AND ?) now gets a scan of audit_logs_occurred_idx over the range, filtered by actor, instead of an
--   index range scan: slower on a wide range, same result.
-- * the surrogate key id (BIGSERIAL, its sequence and the audit_logs_pkey b-tree): nothing reads, joins or
--   orders by it. A row is identified by its link (chain, chain_seq) and by event_id, both unique and NOT NULL,
--   so (chain, chain_seq) becomes the primary key (its unique index is rebuilt as the key's index once).
--
-- Kept: event_id UNIQUE (idempotent replays look recorded events up by id), (chain, chain_seq) (chain head,
-- verification walk, retention's deletes) and occurred_at (retention finds a chain's first link to keep by time).
DROP INDEX audit_logs_actor_idx;
ALTER TABLE audit_logs DROP COLUMN id;
ALTER TABLE audit_logs
    DROP CONSTRAINT audit_logs_chain_chain_seq_key,
    ADD CONSTRAINT audit_logs_pkey PRIMARY KEY (chain, chain_seq);
