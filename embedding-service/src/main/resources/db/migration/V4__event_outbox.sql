-- Transactional outbox (libs/messaging dev.apfa.messaging.outbox): apfa.audit.batch.started is written here in
-- the transaction that inserts the batch row, and sent to Kafka by the relay, which deletes each row once Kafka
-- acknowledged it. A row that keeps failing (attempts >= apfa.messaging.outbox.max-attempts) stays for an
-- operator: apfa_outbox_stuck.
CREATE TABLE event_outbox (
    seq        BIGSERIAL PRIMARY KEY,
    topic      VARCHAR(249) NOT NULL,
    msg_key    VARCHAR(255),
    event_id   VARCHAR(64)  NOT NULL,
    payload    TEXT         NOT NULL,
    attempts   INT          NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
