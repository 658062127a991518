package ai.braindrive.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Logging for a foreground server: one line per record on the console and in {@code <data-dir>/logs/braindrive.log}
 * (rotated at 10 MB, 5 files). Called once by the process entry points, never by the server itself, so tests and
 * embedding programs keep their own logging set-up.
 */
public final class Logging {
    private static final String FORMAT = "%1$tFT%1$tT.%1$tLZ %4$-7s %3$s - %5$s%6$s%n";

    private Logging() {
    }

    public static void configure(Path dataDir) {
        System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        System.setProperty("user.timezone", "UTC");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        console.setLevel(Level.INFO);
        root.addHandler(console);
        try {
            Path logs = dataDir.resolve("logs");
            Files.createDirectories(logs);
            Handler file = new FileHandler(logs.resolve("braindrive.%g.log").toString(), 10 * 1024 * 1024, 5, true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.INFO);
            root.addHandler(file);
        } catch (IOException e) {
            root.warning("Cannot write logs to " + dataDir.resolve("logs") + ": " + e.getMessage());
        }
        // Quieter libraries: their start-up chatter is not useful to a user.
        Logger.getLogger("com.zaxxer.hikari").setLevel(Level.WARNING);
        Logger.getLogger("io.helidon.common.features").setLevel(Level.WARNING);
    }
}
