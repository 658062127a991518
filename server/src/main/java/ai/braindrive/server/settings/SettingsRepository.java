package ai.braindrive.server.settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.settings.SettingsRecords.Definition;
import ai.braindrive.server.settings.SettingsRecords.Instance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * All SQL of settings definitions and instances. Instance values are encrypted here on the way in (for secret
 * definitions) and decrypted on the way out, so the rest of the feature only sees plaintext JSON.
 */
final class SettingsRepository {
    private static final String DEFINITION_COLUMNS = "id, name, description, category, setting_type, "
            + "default_value, allow_system, allow_user, allow_page, is_multiple, validation, tags, is_secret, "
            + "created_at, updated_at";
    private static final String INSTANCE_COLUMNS = "id, definition_id, name, value_json, scope, user_id, page_id, "
            + "created_at, updated_at";

    private final Sql db;
    private final SecretBox box;

    SettingsRepository(Sql db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    Sql db() {
        return db;
    }

    // Definitions

    private static Definition definition(Row row) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (row.bool("allow_system")) {
            scopes.add(Scope.SYSTEM);
        }
        if (row.bool("allow_user")) {
            scopes.add(Scope.USER);
        }
        if (row.bool("allow_page")) {
            scopes.add(Scope.PAGE);
        }
        JsonNode tags = Json.parseStored(row.string("tags"));
        List<String> tagList = new ArrayList<>();
        if (tags != null) {
            tags.forEach(tag -> tagList.add(tag.asText()));
        }
        return new Definition(row.string("id"), row.string("name"), row.string("description"),
                row.string("category"), SettingType.parse(row.string("setting_type")).orElseThrow(),
                Json.parseStored(row.string("default_value")), scopes, row.bool("is_multiple"),
                Json.parseStored(row.string("validation")), List.copyOf(tagList), row.bool("is_secret"),
                row.instant("created_at"), row.instant("updated_at"));
    }

    Optional<Definition> definition(Sql tx, String id) {
        return tx.one("SELECT " + DEFINITION_COLUMNS + " FROM settings_definitions WHERE id = ?",
                SettingsRepository::definition, id);
    }

    Optional<Definition> definition(String id) {
        return definition(db, id);
    }

    List<Definition> definitions(String category, Scope scope, int skip, int limit) {
        Where where = definitionFilter(category, scope);
        List<Object> params = new ArrayList<>(where.params());
        params.add(skip);
        params.add(limit);
        return db.list("SELECT " + DEFINITION_COLUMNS + " FROM settings_definitions" + where.sql()
                + " ORDER BY category, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", SettingsRepository::definition,
                params.toArray());
    }

    long countDefinitions(String category, Scope scope) {
        Where where = definitionFilter(category, scope);
        return db.count("SELECT COUNT(*) AS c FROM settings_definitions" + where.sql(), where.params().toArray());
    }

    private static Where definitionFilter(String category, Scope scope) {
        Where where = new Where();
        if (category != null) {
            where.and("category = ?", category);
        }
        if (scope != null) {
            where.and(switch (scope) {
                case SYSTEM -> "allow_system = TRUE";
                case USER -> "allow_user = TRUE";
                case PAGE -> "allow_page = TRUE";
            });
        }
        return where;
    }

    boolean definitionExists(Sql tx, String id) {
        return tx.exists("SELECT 1 FROM settings_definitions WHERE id = ?", id);
    }

    void insertDefinition(Sql tx, Definition d) {
        tx.update("INSERT INTO settings_definitions (" + DEFINITION_COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(), d.name(), d.description(), d.category(), d.type().wire(), jsonOrNull(d.defaultValue()),
                d.allowedScopes().contains(Scope.SYSTEM), d.allowedScopes().contains(Scope.USER),
                d.allowedScopes().contains(Scope.PAGE), d.multiple(), jsonOrNull(d.validation()),
                Json.write(d.tags()), d.secret(), d.createdAt(), d.updatedAt());
    }

    void updateDefinition(Sql tx, Definition d) {
        tx.update("UPDATE settings_definitions SET name = ?, description = ?, category = ?, setting_type = ?, "
                        + "default_value = ?, allow_system = ?, allow_user = ?, allow_page = ?, is_multiple = ?, "
                        + "validation = ?, tags = ?, is_secret = ?, updated_at = ? WHERE id = ?",
                d.name(), d.description(), d.category(), d.type().wire(), jsonOrNull(d.defaultValue()),
                d.allowedScopes().contains(Scope.SYSTEM), d.allowedScopes().contains(Scope.USER),
                d.allowedScopes().contains(Scope.PAGE), d.multiple(), jsonOrNull(d.validation()),
                Json.write(d.tags()), d.secret(), d.updatedAt(), d.id());
    }

    void deleteDefinition(Sql tx, String id) {
        tx.update("DELETE FROM settings_instances WHERE definition_id = ?", id);
        tx.update("DELETE FROM settings_definitions WHERE id = ?", id);
    }

    long countInstancesOf(Sql tx, String definitionId) {
        return tx.count("SELECT COUNT(*) AS c FROM settings_instances WHERE definition_id = ?", definitionId);
    }

    // Instances

    private Instance instance(Row row) {
        String id = row.string("id");
        String stored = row.string("value_json");
        JsonNode value = SecretBox.isSealed(stored) ? Json.parseStored(box.open(stored, id))
                : Json.parseStored(stored);
        return new Instance(id, row.string("definition_id"), row.string("name"), value,
                Scope.parse(row.string("scope")).orElseThrow(), row.string("user_id"), row.string("page_id"),
                row.instant("created_at"), row.instant("updated_at"));
    }

    /** The stored text of a value: JSON, sealed with the row id as associated data when the value is secret. */
    private String encode(String id, JsonNode value, boolean secret) {
        String json = Json.write(value);
        return secret ? box.seal(json, id) : json;
    }

    Optional<Instance> instance(Sql tx, String id) {
        return tx.one("SELECT " + INSTANCE_COLUMNS + " FROM settings_instances WHERE id = ?", this::instance, id);
    }

    /** Filters of the instance list; {@code callerId} limits it to the caller's own and system instances. */
    record InstanceFilter(String callerId, String definitionId, Scope scope, boolean ownOnly, String pageId) {
        Where where() {
            Where where = new Where();
            if (ownOnly) {
                where.and("user_id = ?", callerId);
            } else {
                where.and("(user_id = ? OR scope = 'system')", callerId);
            }
            if (definitionId != null) {
                where.and("definition_id = ?", definitionId);
            }
            if (scope != null) {
                where.and("scope = ?", scope.wire());
            }
            if (pageId != null) {
                where.and("page_id = ?", pageId);
            }
            return where;
        }
    }

    List<Instance> instances(InstanceFilter filter, int skip, int limit) {
        Where where = filter.where();
        List<Object> params = new ArrayList<>(where.params());
        params.add(skip);
        params.add(limit);
        return db.list("SELECT " + INSTANCE_COLUMNS + " FROM settings_instances" + where.sql()
                + " ORDER BY created_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", this::instance, params.toArray());
    }

    long countInstances(InstanceFilter filter) {
        Where where = filter.where();
        return db.count("SELECT COUNT(*) AS c FROM settings_instances" + where.sql(), where.params().toArray());
    }

    /** The single instance of a context, for definitions that allow only one. */
    Optional<Instance> bySingleKey(Sql tx, String singleKey) {
        return tx.one("SELECT " + INSTANCE_COLUMNS + " FROM settings_instances WHERE single_key = ?",
                this::instance, singleKey);
    }

    /** The most recently updated instance of a definition in one context (null user or page: none). */
    Optional<Instance> latest(String definitionId, Scope scope, String userId, String pageId) {
        Where where = new Where();
        where.and("definition_id = ?", definitionId);
        where.and("scope = ?", scope.wire());
        if (userId == null) {
            where.and("user_id IS NULL");
        } else {
            where.and("user_id = ?", userId);
        }
        if (pageId == null) {
            where.and("page_id IS NULL");
        } else {
            where.and("page_id = ?", pageId);
        }
        return db.one("SELECT " + INSTANCE_COLUMNS + " FROM settings_instances" + where.sql()
                + " ORDER BY updated_at DESC, id FETCH FIRST 1 ROWS ONLY", this::instance, where.params().toArray());
    }

    void insertInstance(Sql tx, Instance i, boolean secret, String singleKey) {
        tx.update("INSERT INTO settings_instances (" + INSTANCE_COLUMNS + ", single_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                i.id(), i.definitionId(), i.name(), encode(i.id(), i.value(), secret), i.scope().wire(), i.userId(),
                i.pageId(), i.createdAt(), i.updatedAt(), singleKey);
    }

    void updateInstance(Sql tx, Instance i, boolean secret) {
        tx.update("UPDATE settings_instances SET name = ?, value_json = ?, updated_at = ? WHERE id = ?",
                i.name(), encode(i.id(), i.value(), secret), i.updatedAt(), i.id());
    }

    boolean deleteInstance(Sql tx, String id) {
        return tx.update("DELETE FROM settings_instances WHERE id = ?", id) > 0;
    }

    List<Instance> instancesOf(Sql tx, String definitionId) {
        return tx.list("SELECT " + INSTANCE_COLUMNS + " FROM settings_instances WHERE definition_id = ?",
                this::instance, definitionId);
    }

    /** Re-stores a value (encrypting or decrypting it) without touching updated_at: its content is unchanged. */
    void rewriteValue(Sql tx, Instance i, boolean secret) {
        tx.update("UPDATE settings_instances SET value_json = ? WHERE id = ?", encode(i.id(), i.value(), secret),
                i.id());
    }

    void setSingleKey(Sql tx, String instanceId, String singleKey) {
        tx.update("UPDATE settings_instances SET single_key = ? WHERE id = ?", singleKey, instanceId);
    }

    private static String jsonOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : Json.write(node);
    }

    /** A WHERE clause built from fixed fragments, with its bound parameters. */
    static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Where and(String condition, Object... values) {
            sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
            params.addAll(List.of(values));
            return this;
        }

        String sql() {
            return sql.toString();
        }

        List<Object> params() {
            return params;
        }
    }
}
