-- Lockout after repeated failures, a per-user token version (raised by logout-all, role change and
-- disable, so earlier access tokens stop working), rotation links between refresh tokens, and the
-- RS256 signing keys shared by every replica.
ALTER TABLE users
    ADD COLUMN token_version   BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN failed_attempts INT         NOT NULL DEFAULT 0,
    ADD COLUMN first_failed_at TIMESTAMPTZ,
    ADD COLUMN locked_until    TIMESTAMPTZ,
    ADD COLUMN updated_at      TIMESTAMPTZ NOT NULL DEFAULT now();

ALTER TABLE sessions
    ADD COLUMN replaced_by UUID,
    ADD COLUMN user_agent  VARCHAR(256);

CREATE TABLE signing_keys (
    kid         VARCHAR(64)  PRIMARY KEY,
    algorithm   VARCHAR(16)  NOT NULL,
    private_key TEXT         NOT NULL,
    public_jwk  TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX signing_keys_created_idx ON signing_keys (created_at DESC);
