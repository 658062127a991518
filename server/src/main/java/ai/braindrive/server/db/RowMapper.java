package ai.braindrive.server.db;

@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
