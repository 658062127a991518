package ai.braindrive.cli;

/**
 * A failure the user can act on: its message is printed as one line (no stack trace unless {@code --verbose})
 * and the command exits with {@link #exitCode()}.
 */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException failure(String message) {
        return new CliException(ExitCodes.FAILURE, message);
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    public static CliException notAuthenticated(String message) {
        return new CliException(ExitCodes.NOT_AUTHENTICATED, message);
    }

    public static CliException notFound(String message) {
        return new CliException(ExitCodes.NOT_FOUND, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
