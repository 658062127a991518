package ai.braindrive.cli;

/** The exit codes of every command: scripts may rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int NOT_AUTHENTICATED = 3;
    public static final int NOT_FOUND = 4;

    private ExitCodes() {
    }
}
