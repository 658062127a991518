-- Reusable UI components: global rows shared by every user, managed by admins.
CREATE TABLE components (
    id            VARCHAR(36)    NOT NULL PRIMARY KEY,
    name          VARCHAR(255)   NOT NULL,
    component_id  VARCHAR(100)   NOT NULL,
    description   VARCHAR(1000),
    icon          VARCHAR(100),
    is_system     BOOLEAN        NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP      NOT NULL,
    updated_at    TIMESTAMP      NOT NULL,
    CONSTRAINT components_component_id_uq UNIQUE (component_id)
);
