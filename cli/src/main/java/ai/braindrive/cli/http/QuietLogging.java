package ai.braindrive.cli.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences the server's INFO logging (start-up, access log) while a command runs its own in-process server, so
 * stderr only carries the command's diagnostics. Warnings still show. {@link #close()} restores the levels.
 */
final class QuietLogging implements AutoCloseable {
    private static final List<String> NAMES = List.of("ai.braindrive.server", "braindrive", "io.helidon",
            "com.zaxxer", "org.apache.derby");

    /** Strong references: JUL forgets the level of a logger nobody holds. */
    private final Map<Logger, Level> previous = new LinkedHashMap<>();

    private QuietLogging() {
    }

    static QuietLogging start() {
        QuietLogging quiet = new QuietLogging();
        for (String name : NAMES) {
            Logger logger = Logger.getLogger(name);
            quiet.previous.put(logger, logger.getLevel());
            logger.setLevel(Level.WARNING);
        }
        return quiet;
    }

    @Override
    public void close() {
        previous.forEach(Logger::setLevel);
    }
}
