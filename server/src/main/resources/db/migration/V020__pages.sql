-- Pages: a user's views built from plugin components. Routes are stored without a leading slash
-- ("parent/child"), unique per user. content is arbitrary JSON ({"layout": ..., "components": [...]}).
CREATE TABLE pages (
    id                  VARCHAR(36)    NOT NULL PRIMARY KEY,
    user_id             VARCHAR(36)    NOT NULL,
    name                VARCHAR(255)   NOT NULL,
    route               VARCHAR(255)   NOT NULL,
    route_segment       VARCHAR(100)   NOT NULL,
    parent_route        VARCHAR(255),
    parent_type         VARCHAR(20)    NOT NULL,
    is_parent_page      BOOLEAN        NOT NULL DEFAULT FALSE,
    description         VARCHAR(1000),
    icon                VARCHAR(100),
    content             CLOB           NOT NULL,
    navigation_route_id VARCHAR(36),
    is_published        BOOLEAN        NOT NULL DEFAULT FALSE,
    publish_date        TIMESTAMP,
    created_at          TIMESTAMP      NOT NULL,
    updated_at          TIMESTAMP      NOT NULL,
    CONSTRAINT pages_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT pages_user_route_uq UNIQUE (user_id, route)
);

CREATE INDEX pages_user_created_ix ON pages (user_id, created_at);
CREATE INDEX pages_route_published_ix ON pages (route, is_published);

-- Restorable copies of a page's content.
CREATE TABLE page_backups (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    page_id     VARCHAR(36)  NOT NULL,
    content     CLOB         NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    CONSTRAINT page_backups_page_fk FOREIGN KEY (page_id) REFERENCES pages (id) ON DELETE CASCADE
);

CREATE INDEX page_backups_page_created_ix ON page_backups (page_id, created_at);
