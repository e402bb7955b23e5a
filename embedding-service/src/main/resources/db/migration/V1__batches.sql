-- Embedding batches, each pinned to one version of its source Delta table.
CREATE TABLE batches (
    id                UUID PRIMARY KEY,
    source_table      VARCHAR(128) NOT NULL,
    source_version    BIGINT       NOT NULL,
    status            VARCHAR(16)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    total             INTEGER      NOT NULL DEFAULT 0 CHECK (total >= 0),
    processed         INTEGER      NOT NULL DEFAULT 0 CHECK (processed >= 0),
    failed            INTEGER      NOT NULL DEFAULT 0 CHECK (failed >= 0),
    output_version    BIGINT,
    error             TEXT,
    created_by        VARCHAR(64)  NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at        TIMESTAMPTZ,
    completed_at      TIMESTAMPTZ
);

CREATE INDEX batches_created_idx ON batches (created_at DESC);
