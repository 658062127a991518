package ai.braindrive.server.db;

/** The database could not be opened or migrated: start-up stops with this message. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
