-- Plugin state: JSON blobs plugins persist per user, optionally per page and per key.
-- page_id_norm / state_key_norm hold '' for a missing page_id / state_key (the API refuses empty strings), so the
-- unique constraint treats two NULLs as equal on every database.
CREATE TABLE plugin_states (
    id                   VARCHAR(36)   NOT NULL PRIMARY KEY,
    user_id              VARCHAR(36)   NOT NULL,
    plugin_id            VARCHAR(255)  NOT NULL,
    page_id              VARCHAR(255),
    state_key            VARCHAR(255),
    page_id_norm         VARCHAR(255)  NOT NULL,
    state_key_norm       VARCHAR(255)  NOT NULL,
    state_strategy       VARCHAR(20)   NOT NULL,
    state_data           CLOB          NOT NULL,
    state_size           BIGINT        NOT NULL,
    state_schema_version VARCHAR(50),
    compression_type     VARCHAR(20),
    device_id            VARCHAR(255),
    sync_status          VARCHAR(20)   NOT NULL,
    version              INTEGER       NOT NULL,
    is_active            BOOLEAN       NOT NULL DEFAULT TRUE,
    ttl_expires_at       TIMESTAMP,
    last_accessed        TIMESTAMP     NOT NULL,
    access_count         INTEGER       NOT NULL DEFAULT 0,
    created_at           TIMESTAMP     NOT NULL,
    updated_at           TIMESTAMP     NOT NULL,
    CONSTRAINT plugin_states_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT plugin_states_scope_uq UNIQUE (user_id, plugin_id, page_id_norm, state_key_norm),
    CONSTRAINT plugin_states_strategy_ck CHECK (state_strategy IN ('persistent', 'session', 'none', 'custom')),
    CONSTRAINT plugin_states_sync_ck CHECK (sync_status IN ('synced', 'pending', 'conflict'))
);

-- The list order (most recently accessed first) and the cleanup / expiry scan.
CREATE INDEX plugin_states_user_accessed_ix ON plugin_states (user_id, last_accessed);
CREATE INDEX plugin_states_user_ttl_ix ON plugin_states (user_id, ttl_expires_at);
