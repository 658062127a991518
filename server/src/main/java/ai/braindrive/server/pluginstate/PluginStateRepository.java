package ai.braindrive.server.pluginstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.pluginstate.PluginStateInput.NewState;
import ai.braindrive.server.pluginstate.PluginStateRecords.PluginState;
import ai.braindrive.server.pluginstate.PluginStateRecords.Stats;
import ai.braindrive.server.pluginstate.PluginStateRecords.Usage;

/**
 * All SQL of plugin states. A state whose {@code ttl_expires_at} has passed is invisible to every read and write
 * here (the {@link #VISIBLE} predicate) even before {@link #deleteExpired} removes it.
 */
final class PluginStateRepository {
    private static final String COLUMNS = "id, user_id, plugin_id, page_id, state_key, state_strategy, state_data, "
            + "state_size, state_schema_version, compression_type, device_id, sync_status, version, is_active, "
            + "ttl_expires_at, last_accessed, access_count, created_at, updated_at";
    /** Bound to "now". */
    private static final String VISIBLE = "(ttl_expires_at IS NULL OR ttl_expires_at > ?)";

    private final Sql db;

    PluginStateRepository(Sql db) {
        this.db = db;
    }

    /** List filters; null means "any". Column names are fixed here, values are always bound. */
    record Filter(String pluginId, String pageId, String stateKey, String stateStrategy, String syncStatus,
                  Boolean active, String deviceId) {
        private void appendTo(StringBuilder where, List<Object> params) {
            add(where, params, "plugin_id", pluginId);
            add(where, params, "page_id", pageId);
            add(where, params, "state_key", stateKey);
            add(where, params, "state_strategy", stateStrategy);
            add(where, params, "sync_status", syncStatus);
            add(where, params, "is_active", active);
            add(where, params, "device_id", deviceId);
        }

        private static void add(StringBuilder where, List<Object> params, String column, Object value) {
            if (value != null) {
                where.append(" AND ").append(column).append(" = ?");
                params.add(value);
            }
        }
    }

    private static PluginState state(Row row) {
        return new PluginState(row.string("id"), row.string("user_id"), row.string("plugin_id"),
                row.string("page_id"), row.string("state_key"), row.string("state_strategy"),
                Json.parseStored(row.string("state_data")), row.longValue("state_size"),
                row.string("state_schema_version"), row.string("compression_type"), row.string("device_id"),
                row.string("sync_status"), row.integer("version", 1), row.bool("is_active"),
                row.instant("ttl_expires_at"), row.instant("last_accessed"), row.integer("access_count", 0),
                row.instant("created_at"), row.instant("updated_at"));
    }

    void insert(Sql tx, String id, String userId, NewState s, Instant now) {
        tx.update("INSERT INTO plugin_states (" + COLUMNS + ", page_id_norm, state_key_norm) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, userId, s.pluginId(), s.pageId(), s.stateKey(), s.strategy(), s.stateJson(), s.stateSize(),
                s.schemaVersion(), null, s.deviceId(), s.syncStatus(), 1, s.active(), s.ttlExpiresAt(), now, 0,
                now, now, norm(s.pageId()), norm(s.stateKey()));
    }

    /** Whether a visible state already holds this plugin/page/key scope. */
    boolean scopeTaken(Sql tx, String userId, NewState s, Instant now) {
        return tx.exists("SELECT 1 FROM plugin_states WHERE user_id = ? AND plugin_id = ? AND page_id_norm = ? "
                + "AND state_key_norm = ? AND " + VISIBLE, userId, s.pluginId(), norm(s.pageId()),
                norm(s.stateKey()), now);
    }

    /** Removes an expired state still holding this scope, so a new state can take its place. */
    void deleteExpiredInScope(Sql tx, String userId, NewState s, Instant now) {
        tx.update("DELETE FROM plugin_states WHERE user_id = ? AND plugin_id = ? AND page_id_norm = ? "
                + "AND state_key_norm = ? AND ttl_expires_at <= ?", userId, s.pluginId(), norm(s.pageId()),
                norm(s.stateKey()), now);
    }

    Optional<PluginState> find(Sql tx, String userId, String id, Instant now) {
        return tx.one("SELECT " + COLUMNS + " FROM plugin_states WHERE id = ? AND user_id = ? AND " + VISIBLE,
                PluginStateRepository::state, id, userId, now);
    }

    Optional<PluginState> findEvenIfExpired(Sql tx, String userId, String id) {
        return tx.one("SELECT " + COLUMNS + " FROM plugin_states WHERE id = ? AND user_id = ?",
                PluginStateRepository::state, id, userId);
    }

    /** Records a read: bumps {@code access_count} and {@code last_accessed}; false when there is no such state. */
    boolean touch(Sql tx, String userId, String id, Instant now) {
        return tx.update("UPDATE plugin_states SET access_count = access_count + 1, last_accessed = ? "
                + "WHERE id = ? AND user_id = ? AND " + VISIBLE, now, id, userId, now) == 1;
    }

    List<PluginState> list(String userId, Filter filter, int skip, int limit, Instant now) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM plugin_states");
        where(sql, params, userId, filter, now);
        sql.append(" ORDER BY last_accessed DESC, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY");
        params.add(skip);
        params.add(limit);
        return db.list(sql.toString(), PluginStateRepository::state, params.toArray());
    }

    long count(String userId, Filter filter, Instant now) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) AS c FROM plugin_states");
        where(sql, params, userId, filter, now);
        return db.count(sql.toString(), params.toArray());
    }

    private static void where(StringBuilder sql, List<Object> params, String userId, Filter filter, Instant now) {
        sql.append(" WHERE user_id = ? AND ").append(VISIBLE);
        params.add(userId);
        params.add(now);
        filter.appendTo(sql, params);
    }

    /** Writes the changed fields of {@code updated}, and bumps the version; false when the state is gone. */
    boolean update(Sql tx, PluginState updated, Instant now) {
        return tx.update("UPDATE plugin_states SET state_data = ?, state_size = ?, state_strategy = ?, "
                        + "ttl_expires_at = ?, device_id = ?, state_schema_version = ?, sync_status = ?, "
                        + "is_active = ?, version = version + 1, access_count = access_count + 1, "
                        + "last_accessed = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                Json.write(updated.stateData()), updated.stateSize(), updated.stateStrategy(),
                updated.ttlExpiresAt(), updated.deviceId(), updated.stateSchemaVersion(), updated.syncStatus(),
                updated.isActive(), now, now, updated.id(), updated.userId()) == 1;
    }

    boolean delete(String userId, String id, Instant now) {
        return db.update("DELETE FROM plugin_states WHERE id = ? AND user_id = ? AND " + VISIBLE,
                id, userId, now) == 1;
    }

    /** Deletes the caller's expired states, except persistent ones; returns how many. */
    long deleteExpired(String userId, Instant now) {
        return db.update("DELETE FROM plugin_states WHERE user_id = ? AND ttl_expires_at <= ? "
                + "AND state_strategy <> 'persistent'", userId, now);
    }

    Stats stats(String userId, Instant now) {
        record Totals(long count, long active, long size, Instant lastActivity) {
        }
        Totals totals = db.one("SELECT COUNT(*) AS c, SUM(CASE WHEN is_active THEN 1 ELSE 0 END) AS a, "
                        + "SUM(state_size) AS s, MAX(last_accessed) AS l FROM plugin_states "
                        + "WHERE user_id = ? AND " + VISIBLE,
                row -> new Totals(row.longValue("c"), orZero(row.longValue("a")), orZero(row.longValue("s")),
                        row.instant("l")), userId, now).orElseThrow();
        Map<String, Usage> byPlugin = usage("plugin_id", userId, now);
        Map<String, Usage> byStrategy = usage("state_strategy", userId, now);
        double average = totals.count() == 0 ? 0.0 : (double) totals.size() / totals.count();
        return new Stats(totals.count(), totals.active(), totals.size(), byPlugin.size(), average,
                totals.lastActivity(), byPlugin, byStrategy);
    }

    /** Count and total size grouped by {@code column}: a fixed column name, never user input. */
    private Map<String, Usage> usage(String column, String userId, Instant now) {
        Map<String, Usage> result = new LinkedHashMap<>();
        db.list("SELECT " + column + " AS g, COUNT(*) AS c, SUM(state_size) AS s FROM plugin_states "
                        + "WHERE user_id = ? AND " + VISIBLE + " GROUP BY " + column + " ORDER BY " + column,
                row -> result.put(row.string("g"), new Usage(row.longValue("c"), orZero(row.longValue("s")))),
                userId, now);
        return result;
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }

    private static String norm(String value) {
        return value == null ? "" : value;
    }
}
