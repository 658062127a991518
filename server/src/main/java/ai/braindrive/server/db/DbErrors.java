package ai.braindrive.server.db;

import java.sql.SQLException;

/** Reads portable SQLSTATE classes out of DbClient's wrapped exceptions. */
public final class DbErrors {
    private DbErrors() {
    }

    /** A unique or primary-key constraint was violated (SQLSTATE 23505 in Derby and PostgreSQL). */
    public static boolean isUniqueViolation(Throwable e) {
        return hasState(e, "23505");
    }

    /** A foreign key was violated (23503). */
    public static boolean isForeignKeyViolation(Throwable e) {
        return hasState(e, "23503");
    }

    private static boolean hasState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (state.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
