-- The system of record of the audit trail. One row per audit event (event_id unique, so a
-- redelivered event is a no-op). Rows form one hash chain per Kafka partition of audit-events:
-- hash = sha256(prev_hash || canonical content), so an edited or deleted row breaks its chain.
CREATE TABLE audit_logs (
    id              BIGSERIAL PRIMARY KEY,
    event_id        UUID         NOT NULL UNIQUE,
    event_type      VARCHAR(128) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor_id        VARCHAR(128),
    actor_username  VARCHAR(256),
    actor_roles     TEXT,
    action          VARCHAR(64)  NOT NULL,
    resource_type   VARCHAR(64),
    resource_id     VARCHAR(256),
    outcome         VARCHAR(16)  NOT NULL,
    source_ip       VARCHAR(64),
    request_id      VARCHAR(128),
    user_agent      VARCHAR(512),
    reason          TEXT,
    trace_id        VARCHAR(32),
    source          VARCHAR(64)  NOT NULL,
    details         JSONB,
    chain           INTEGER      NOT NULL,
    chain_seq       BIGINT       NOT NULL,
    prev_hash       CHAR(64)     NOT NULL,
    hash            CHAR(64)     NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (chain, chain_seq)
);

CREATE INDEX audit_logs_occurred_idx ON audit_logs (occurred_at);
CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_id, occurred_at);
