-- Personas: reusable AI configurations (system prompt + model settings) owned by one user.
-- Their tags live in persona_tags (one row per tag) so tag filters and the distinct-tag list never read CLOBs.
CREATE TABLE personas (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    user_id         VARCHAR(36)   NOT NULL,
    name            VARCHAR(100)  NOT NULL,
    description     CLOB,
    system_prompt   CLOB          NOT NULL,
    model_settings  CLOB,
    avatar          CLOB,
    sample_greeting CLOB,
    is_active       BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP     NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    CONSTRAINT personas_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX personas_user_created_ix ON personas (user_id, created_at DESC, id DESC);

CREATE TABLE persona_tags (
    persona_id  VARCHAR(36)  NOT NULL,
    user_id     VARCHAR(36)  NOT NULL,
    tag         VARCHAR(50)  NOT NULL,
    position    INTEGER      NOT NULL,
    CONSTRAINT persona_tags_pk PRIMARY KEY (persona_id, tag),
    CONSTRAINT persona_tags_persona_fk FOREIGN KEY (persona_id) REFERENCES personas (id) ON DELETE CASCADE
);

CREATE INDEX persona_tags_user_tag_ix ON persona_tags (user_id, tag);
