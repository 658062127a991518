package ai.braindrive.server.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * The few statement shapes repositories need, over a DbClient executor (the pool, or one transaction).
 * Parameters are always bound; {@link Instant} and {@link UUID} are converted here, in one place.
 */
public interface Sql {
    DbExecute execute();

    default <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (Stream<DbRow> rows = execute().createQuery(sql).params(bind(params)).execute()) {
            List<T> result = new ArrayList<>();
            rows.forEach(row -> result.add(mapper.map(new Row(row))));
            return result;
        }
    }

    /** The first row, mapped; empty when there is no row or the mapper returns null (e.g. MIN over no rows). */
    default <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
        try (Stream<DbRow> rows = execute().createQuery(sql).params(bind(params)).execute()) {
            // Map while the row is current: CLOBs cannot be read once the cursor has moved on or closed.
            return rows.map(row -> Optional.ofNullable(mapper.map(new Row(row)))).findFirst().flatMap(row -> row);
        }
    }

    default long count(String sql, Object... params) {
        return one(sql, row -> row.longValue("C"), params).orElse(0L);
    }

    default boolean exists(String sql, Object... params) {
        return one(sql, row -> Boolean.TRUE, params).isPresent();
    }

    /** INSERT, UPDATE or DELETE; returns the number of rows changed. */
    default long update(String sql, Object... params) {
        return execute().createDmlStatement(sql).params(bind(params)).execute();
    }

    static List<Object> bind(Object... params) {
        List<Object> bound = new ArrayList<>(params.length);
        for (Object param : params) {
            bound.add(switch (param) {
                case Instant instant -> Row.toTimestamp(instant);
                case UUID uuid -> uuid.toString();
                case Enum<?> e -> e.name().toLowerCase(java.util.Locale.ROOT);
                case null -> null;
                default -> param;
            });
        }
        return bound;
    }
}
