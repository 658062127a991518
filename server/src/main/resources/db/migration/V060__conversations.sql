-- Conversations, their messages, and the user's tags linked to conversations.
CREATE TABLE tags (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id     VARCHAR(36)  NOT NULL,
    name        VARCHAR(50)  NOT NULL,
    name_key    VARCHAR(50)  NOT NULL,
    color       VARCHAR(7),
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT tags_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT tags_user_name_uq UNIQUE (user_id, name_key)
);

-- persona_id has no foreign key: Derby refuses ON DELETE SET NULL beside the users cascade (42915), so deleting a
-- persona clears it here in the same transaction (see PersonaService.DeletionHook).
-- message_count doubles as the per-conversation message sequence: messages are only ever appended, and the
-- UPDATE that increments it takes the conversation's row lock, which serialises concurrent writers.
CREATE TABLE conversations (
    id                VARCHAR(36)    NOT NULL PRIMARY KEY,
    user_id           VARCHAR(36)    NOT NULL,
    title             VARCHAR(500),
    page_context      VARCHAR(4000),
    page_id           VARCHAR(255),
    model             VARCHAR(255),
    server            VARCHAR(255),
    conversation_type VARCHAR(50)    NOT NULL DEFAULT 'chat',
    persona_id        VARCHAR(36),
    message_count     INTEGER        NOT NULL DEFAULT 0,
    last_message_at   TIMESTAMP,
    created_at        TIMESTAMP      NOT NULL,
    updated_at        TIMESTAMP      NOT NULL,
    CONSTRAINT conversations_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX conversations_user_updated_ix ON conversations (user_id, updated_at DESC, id DESC);
CREATE INDEX conversations_user_type_ix ON conversations (user_id, conversation_type, updated_at DESC, id DESC);
CREATE INDEX conversations_persona_updated_ix ON conversations (persona_id, updated_at DESC, id DESC);

CREATE TABLE messages (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    conversation_id   VARCHAR(36)   NOT NULL,
    sequence_no       INTEGER       NOT NULL,
    sender            VARCHAR(20)   NOT NULL,
    message           CLOB          NOT NULL,
    message_metadata  CLOB,
    created_at        TIMESTAMP     NOT NULL,
    CONSTRAINT messages_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id)
        ON DELETE CASCADE,
    CONSTRAINT messages_conversation_seq_uq UNIQUE (conversation_id, sequence_no)
);

CREATE TABLE conversation_tags (
    conversation_id  VARCHAR(36)  NOT NULL,
    tag_id           VARCHAR(36)  NOT NULL,
    created_at       TIMESTAMP    NOT NULL,
    CONSTRAINT conversation_tags_pk PRIMARY KEY (conversation_id, tag_id),
    CONSTRAINT conversation_tags_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id)
        ON DELETE CASCADE,
    CONSTRAINT conversation_tags_tag_fk FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
);

CREATE INDEX conversation_tags_tag_ix ON conversation_tags (tag_id, conversation_id);

-- The number of conversations of each user, kept in the transactions that create and delete them, so the total of
-- an unfiltered list is one primary-key read instead of a count over the user's index entries. Every user gets a
-- row at registration (ConversationService.provision); users registered before this migration get one here.
CREATE TABLE conversation_totals (
    user_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
    total    INTEGER      NOT NULL DEFAULT 0,
    CONSTRAINT conversation_totals_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

INSERT INTO conversation_totals (user_id, total) SELECT id, 0 FROM users;
