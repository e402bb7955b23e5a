-- Batch planning and the per-work-item ledger that makes Kafka redelivery harmless: a work item
-- is recorded once (primary key), together with the Parquet file it staged, in one transaction.
ALTER TABLE batches ADD COLUMN model      VARCHAR(200) NOT NULL DEFAULT 'all-minilm-l6-v2';
ALTER TABLE batches ADD COLUMN skipped    INTEGER      NOT NULL DEFAULT 0 CHECK (skipped >= 0);
ALTER TABLE batches ADD COLUMN work_items INTEGER CHECK (work_items >= 0);
ALTER TABLE batches ADD COLUMN planned_at TIMESTAMPTZ;

CREATE TABLE work_items (
    batch_id     UUID        NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    seq          INTEGER     NOT NULL CHECK (seq >= 0),
    processed    INTEGER     NOT NULL CHECK (processed >= 0),
    failed       INTEGER     NOT NULL CHECK (failed >= 0),
    file_path    TEXT,
    completed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (batch_id, seq)
);

-- Documents that could not be embedded (e.g. empty text), shown on the batch and in its completion event.
CREATE TABLE batch_errors (
    batch_id UUID          NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
    doc_id   VARCHAR(256)  NOT NULL,
    message  VARCHAR(1000) NOT NULL,
    PRIMARY KEY (batch_id, doc_id)
);
