-- Users and their refresh tokens (stored as SHA-256 hashes, grouped in families for reuse detection).
CREATE TABLE users (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    username        VARCHAR(50)   NOT NULL,
    username_key    VARCHAR(50)   NOT NULL,
    email           VARCHAR(320)  NOT NULL,
    password_hash   VARCHAR(255)  NOT NULL,
    full_name       VARCHAR(255),
    profile_picture VARCHAR(2048),
    is_active       BOOLEAN       NOT NULL DEFAULT TRUE,
    is_verified     BOOLEAN       NOT NULL DEFAULT FALSE,
    is_admin        BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP     NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    CONSTRAINT users_username_key_uq UNIQUE (username_key),
    CONSTRAINT users_email_uq UNIQUE (email)
);

CREATE TABLE refresh_tokens (
    token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36)  NOT NULL,
    family_id   VARCHAR(36)  NOT NULL,
    expires_at  TIMESTAMP    NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    used_at     TIMESTAMP,
    revoked_at  TIMESTAMP,
    CONSTRAINT refresh_tokens_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX refresh_tokens_family_ix ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_ix ON refresh_tokens (user_id);
