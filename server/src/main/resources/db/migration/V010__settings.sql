-- Settings: definitions (the schema of a setting, global) and instances (values at system, user or page scope).
CREATE TABLE settings_definitions (
    id             VARCHAR(100)  NOT NULL PRIMARY KEY,
    name           VARCHAR(200)  NOT NULL,
    description    VARCHAR(2000),
    category       VARCHAR(100)  NOT NULL,
    setting_type   VARCHAR(10)   NOT NULL,
    default_value  CLOB,
    allow_system   BOOLEAN       NOT NULL DEFAULT FALSE,
    allow_user     BOOLEAN       NOT NULL DEFAULT FALSE,
    allow_page     BOOLEAN       NOT NULL DEFAULT FALSE,
    is_multiple    BOOLEAN       NOT NULL DEFAULT FALSE,
    validation     CLOB,
    tags           CLOB,
    is_secret      BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP     NOT NULL,
    updated_at     TIMESTAMP     NOT NULL,
    CONSTRAINT settings_definitions_type_ck
        CHECK (setting_type IN ('string', 'number', 'boolean', 'object', 'array'))
);

CREATE INDEX settings_definitions_category_ix ON settings_definitions (category);

-- user_id is NULL for system-scope instances (they belong to nobody); page-scope instances belong to the user
-- who saved them. single_key is set only for definitions that allow one instance per context
-- (definition, scope, user, page), so the unique constraint enforces it; NULLs do not collide.
-- value_json holds JSON text, or "enc:v1:<base64 nonce+ciphertext>" for secret definitions.
CREATE TABLE settings_instances (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    definition_id  VARCHAR(100)  NOT NULL,
    name           VARCHAR(200)  NOT NULL,
    value_json     CLOB,
    scope          VARCHAR(10)   NOT NULL,
    user_id        VARCHAR(36),
    page_id        VARCHAR(100),
    single_key     VARCHAR(260),
    created_at     TIMESTAMP     NOT NULL,
    updated_at     TIMESTAMP     NOT NULL,
    CONSTRAINT settings_instances_definition_fk FOREIGN KEY (definition_id)
        REFERENCES settings_definitions (id) ON DELETE CASCADE,
    CONSTRAINT settings_instances_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT settings_instances_scope_ck CHECK (scope IN ('system', 'user', 'page')),
    CONSTRAINT settings_instances_single_uq UNIQUE (single_key)
);

CREATE INDEX settings_instances_user_ix ON settings_instances (user_id, definition_id, scope);
CREATE INDEX settings_instances_definition_ix ON settings_instances (definition_id, scope);
