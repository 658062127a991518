package ai.braindrive.server.db;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

import io.helidon.dbclient.DbColumn;
import io.helidon.dbclient.DbRow;

/**
 * One result row with typed, case-insensitive column access (Derby upper-cases names, PostgreSQL lower-cases them).
 * Only valid while the query's stream is open: {@link Sql} maps rows before closing it.
 */
public final class Row {
    private final DbRow row;

    Row(DbRow row) {
        this.row = row;
    }

    private Object raw(String name) {
        DbColumn column;
        try {
            column = row.column(name.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            column = row.column(name.toLowerCase(Locale.ROOT));
        }
        return column.asOptional().orElse(null);
    }

    public String string(String name) {
        Object value = raw(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Clob clob) {
            return clobText(clob);
        }
        return value.toString();
    }

    public Integer integer(String name) {
        Object value = raw(name);
        return value == null ? null : ((Number) value).intValue();
    }

    public int integer(String name, int ifNull) {
        Integer value = integer(name);
        return value == null ? ifNull : value;
    }

    public Long longValue(String name) {
        Object value = raw(name);
        return value == null ? null : ((Number) value).longValue();
    }

    public Double doubleValue(String name) {
        Object value = raw(name);
        return value == null ? null : ((Number) value).doubleValue();
    }

    public boolean bool(String name) {
        Object value = raw(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return ((Number) value).intValue() != 0;
    }

    public Instant instant(String name) {
        Object value = raw(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return toInstant(ts);
        }
        if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Column " + name + " is not a timestamp: " + value.getClass());
    }

    /** Timestamps are stored as UTC wall-clock time, whatever the JVM's default zone. */
    public static Timestamp toTimestamp(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant toInstant(Timestamp ts) {
        return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static String clobText(Clob clob) {
        try (Reader reader = clob.getCharacterStream()) {
            StringBuilder out = new StringBuilder((int) Math.min(clob.length(), 1 << 20));
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read CLOB", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
