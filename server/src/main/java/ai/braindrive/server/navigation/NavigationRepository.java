package ai.braindrive.server.navigation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;

/** All SQL of navigation routes. */
public final class NavigationRepository {
    private static final String COLUMNS = "id, user_id, name, route, icon, description, display_order, parent_id, "
            + "is_expanded, is_visible, is_system_route, default_component_id, default_page_id, can_change_default, "
            + "created_at, updated_at";

    private final Sql db;

    public NavigationRepository(Sql db) {
        this.db = db;
    }

    private static NavigationRoute route(Row row) {
        return new NavigationRoute(row.string("id"), row.string("user_id"), row.string("name"), row.string("route"),
                row.string("icon"), row.string("description"), row.integer("display_order", 0),
                row.string("parent_id"), row.bool("is_expanded"), row.bool("is_visible"),
                row.bool("is_system_route"), row.string("default_component_id"), row.string("default_page_id"),
                row.bool("can_change_default"), row.instant("created_at"), row.instant("updated_at"));
    }

    /** Every route of a user, in sibling order. */
    List<NavigationRoute> all(Sql tx, String userId) {
        return tx.list("SELECT " + COLUMNS + " FROM navigation_routes WHERE user_id = ? "
                + "ORDER BY display_order, name, id", NavigationRepository::route, userId);
    }

    List<NavigationRoute> all(String userId, boolean visibleOnly) {
        return db.list("SELECT " + COLUMNS + " FROM navigation_routes WHERE user_id = ?"
                        + (visibleOnly ? " AND is_visible = TRUE" : "") + " ORDER BY display_order, name, id",
                NavigationRepository::route, userId);
    }

    Optional<NavigationRoute> find(Sql tx, String userId, String id) {
        return tx.one("SELECT " + COLUMNS + " FROM navigation_routes WHERE id = ? AND user_id = ?",
                NavigationRepository::route, id, userId);
    }

    boolean routeTaken(Sql tx, String userId, String route, String exceptId) {
        return tx.exists("SELECT 1 FROM navigation_routes WHERE user_id = ? AND route = ? AND id <> ?",
                userId, route, exceptId == null ? "" : exceptId);
    }

    /** Whether {@code routeId} is a navigation route of {@code userId}. */
    public boolean owns(String userId, String routeId) {
        return db.exists("SELECT 1 FROM navigation_routes WHERE id = ? AND user_id = ?", routeId, userId);
    }

    void insert(Sql tx, NavigationRoute r) {
        tx.update("INSERT INTO navigation_routes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?)", r.id(), r.userId(), r.name(), r.route(), r.icon(), r.description(),
                r.displayOrder(), r.parentId(), r.expanded(), r.visible(), r.system(), r.defaultComponentId(),
                r.defaultPageId(), r.canChangeDefault(), r.createdAt(), r.updatedAt());
    }

    /** Writes every field but the id, owner, system flag and creation time. */
    void update(Sql tx, NavigationRoute r) {
        tx.update("UPDATE navigation_routes SET name = ?, route = ?, icon = ?, description = ?, display_order = ?, "
                        + "parent_id = ?, is_expanded = ?, is_visible = ?, default_component_id = ?, "
                        + "default_page_id = ?, can_change_default = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                r.name(), r.route(), r.icon(), r.description(), r.displayOrder(), r.parentId(), r.expanded(),
                r.visible(), r.defaultComponentId(), r.defaultPageId(), r.canChangeDefault(), r.updatedAt(), r.id(),
                r.userId());
    }

    void updatePlacement(Sql tx, NavigationRoute r) {
        tx.update("UPDATE navigation_routes SET parent_id = ?, display_order = ?, is_expanded = ?, updated_at = ? "
                + "WHERE id = ? AND user_id = ?", r.parentId(), r.displayOrder(), r.expanded(), r.updatedAt(), r.id(),
                r.userId());
    }

    /** Moves the children of {@code id} to {@code newParentId} (null: the top level). */
    void reparentChildren(Sql tx, String userId, String id, String newParentId, Instant now) {
        tx.update("UPDATE navigation_routes SET parent_id = ?, updated_at = ? WHERE user_id = ? AND parent_id = ?",
                newParentId, now, userId, id);
    }

    void delete(Sql tx, String userId, String id) {
        tx.update("DELETE FROM navigation_routes WHERE id = ? AND user_id = ?", id, userId);
    }

    /** Clears a deleted page from the routes that opened it by default. */
    public void clearDefaultPage(Sql tx, String userId, String pageId) {
        tx.update("UPDATE navigation_routes SET default_page_id = NULL WHERE user_id = ? AND default_page_id = ?",
                userId, pageId);
    }
}
