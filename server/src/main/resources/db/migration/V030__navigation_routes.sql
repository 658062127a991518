-- A user's navigation tree. Routes are stored without a leading slash ("dashboard"), unique per user.
-- parent_id points at another route of the same user (kept consistent by the service: no cycles, no orphans).
CREATE TABLE navigation_routes (
    id                   VARCHAR(36)    NOT NULL PRIMARY KEY,
    user_id              VARCHAR(36)    NOT NULL,
    name                 VARCHAR(100)   NOT NULL,
    route                VARCHAR(255)   NOT NULL,
    icon                 VARCHAR(100),
    description          VARCHAR(1000),
    display_order        INTEGER        NOT NULL DEFAULT 0,
    parent_id            VARCHAR(36),
    is_expanded          BOOLEAN        NOT NULL DEFAULT TRUE,
    is_visible           BOOLEAN        NOT NULL DEFAULT TRUE,
    is_system_route      BOOLEAN        NOT NULL DEFAULT FALSE,
    default_component_id VARCHAR(100),
    default_page_id      VARCHAR(36),
    can_change_default   BOOLEAN        NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMP      NOT NULL,
    updated_at           TIMESTAMP      NOT NULL,
    CONSTRAINT navigation_routes_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT navigation_routes_user_route_uq UNIQUE (user_id, route)
);

CREATE INDEX navigation_routes_user_order_ix ON navigation_routes (user_id, display_order);
