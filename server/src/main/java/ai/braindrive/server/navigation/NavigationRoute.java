package ai.braindrive.server.navigation;

import java.time.Instant;

/** One navigation route row. {@code parentId} is null at the top level. */
record NavigationRoute(String id, String userId, String name, String route, String icon, String description,
                       int displayOrder, String parentId, boolean expanded, boolean visible, boolean system,
                       String defaultComponentId, String defaultPageId, boolean canChangeDefault, Instant createdAt,
                       Instant updatedAt) {

    NavigationRoute placed(String newParentId, int newOrder, boolean newExpanded, Instant now) {
        return new NavigationRoute(id, userId, name, route, icon, description, newOrder, newParentId, newExpanded,
                visible, system, defaultComponentId, defaultPageId, canChangeDefault, createdAt, now);
    }
}
