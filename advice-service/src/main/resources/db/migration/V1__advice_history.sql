-- Advice history: only redacted text is ever stored here (see the advice flow in ARCHITECTURE.md).
CREATE TABLE advice_records (
    id             UUID PRIMARY KEY,
    user_id        UUID         NOT NULL,
    query_redacted TEXT         NOT NULL,
    response       JSONB        NOT NULL,
    classification VARCHAR(16)  NOT NULL,
    generator      VARCHAR(128) NOT NULL,
    index_version  VARCHAR(32),
    trace_id       VARCHAR(32),
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX advice_records_user_created_idx ON advice_records (user_id, created_at DESC);
