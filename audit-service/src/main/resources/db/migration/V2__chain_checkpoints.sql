-- Retention deletes the oldest links of a chain; the checkpoint keeps the last deleted link's
-- sequence number and hash, so verification anchors the remaining chain there instead of trusting
-- whatever row happens to come first (which would hide a deletion at the head of a chain).
CREATE TABLE chain_checkpoints (
    chain             INTEGER     PRIMARY KEY,
    pruned_through    BIGINT      NOT NULL,
    last_pruned_hash  CHAR(64)    NOT NULL,
    pruned_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
