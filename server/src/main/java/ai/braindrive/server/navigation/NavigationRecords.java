package ai.braindrive.server.navigation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** Request and response bodies of the navigation-routes endpoints. */
final class NavigationRecords {
    private NavigationRecords() {
    }

    /** Create and update share one shape; on update every field is optional and presence is read from the tree. */
    record RouteBody(String name, String route, String icon, String description, Integer order,
                     Integer displayOrder, String parentId, Boolean isExpanded, Boolean isVisible,
                     String defaultComponentId, String defaultPageId, Boolean canChangeDefault, String creatorId,
                     String userId) {
        /** {@code display_order} wins over its alias {@code order}. */
        Integer effectiveOrder() {
            return displayOrder != null ? displayOrder : order;
        }
    }

    record BatchItem(String id, String parentId, Integer displayOrder, Boolean isExpanded) {
    }

    /** A route; {@code order} repeats {@code display_order} for clients of the original API. */
    record RouteResponse(String id, String name, String route, String icon, String description, int order,
                         int displayOrder, String parentId, boolean isExpanded, boolean isVisible,
                         boolean isSystemRoute, String defaultComponentId, String defaultPageId,
                         boolean canChangeDefault, String creatorId, Instant createdAt, Instant updatedAt) {
        static RouteResponse of(NavigationRoute r) {
            return new RouteResponse(r.id(), r.name(), r.route(), r.icon(), r.description(), r.displayOrder(),
                    r.displayOrder(), r.parentId(), r.expanded(), r.visible(), r.system(), r.defaultComponentId(),
                    r.defaultPageId(), r.canChangeDefault(), r.userId(), r.createdAt(), r.updatedAt());
        }
    }

    /** A route in the tree, with its children sorted by display order. */
    record TreeNode(@JsonUnwrapped RouteResponse route, int depthLevel, List<TreeNode> children) {
    }
}
