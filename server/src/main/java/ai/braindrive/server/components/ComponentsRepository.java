package ai.braindrive.server.components;

import java.util.List;
import java.util.Optional;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;

/** All SQL of components. */
public final class ComponentsRepository {
    private static final String COLUMNS = "id, name, component_id, description, icon, is_system, created_at, updated_at";

    private final Sql db;

    public ComponentsRepository(Sql db) {
        this.db = db;
    }

    private static Component component(Row row) {
        return new Component(row.string("id"), row.string("name"), row.string("component_id"),
                row.string("description"), row.string("icon"), row.bool("is_system"), row.instant("created_at"),
                row.instant("updated_at"));
    }

    List<Component> list(int skip, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM components ORDER BY is_system DESC, name, component_id "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ComponentsRepository::component, skip, limit);
    }

    long count() {
        return db.count("SELECT COUNT(*) AS c FROM components");
    }

    /** By row id first, then by {@code component_id}. */
    Optional<Component> find(String key) {
        return db.one("SELECT " + COLUMNS + " FROM components WHERE id = ?", ComponentsRepository::component, key)
                .or(() -> db.one("SELECT " + COLUMNS + " FROM components WHERE component_id = ?",
                        ComponentsRepository::component, key));
    }

    boolean componentIdExists(Sql tx, String componentId) {
        return tx.exists("SELECT 1 FROM components WHERE component_id = ?", componentId);
    }

    void insert(Sql tx, Component c) {
        tx.update("INSERT INTO components (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.name(),
                c.componentId(), c.description(), c.icon(), c.isSystem(), c.createdAt(), c.updatedAt());
    }

    void update(Component c) {
        db.update("UPDATE components SET name = ?, description = ?, icon = ?, updated_at = ? WHERE id = ?",
                c.name(), c.description(), c.icon(), c.updatedAt(), c.id());
    }

    void delete(String id) {
        db.update("DELETE FROM components WHERE id = ?", id);
    }

    /** Inserts {@code c} unless a component with its {@code component_id} exists; used for system defaults. */
    void insertIfMissing(Sql tx, Component c) {
        if (!componentIdExists(tx, c.componentId())) {
            insert(tx, c);
        }
    }
}
