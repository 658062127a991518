package ai.braindrive.server.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where a user's data lives by default on each operating system. */
public final class DataDirs {
    private DataDirs() {
    }

    public static Path defaultDataDir() {
        return defaultDataDir(System.getProperty("os.name", ""), System.getProperty("user.home"), System.getenv());
    }

    static Path defaultDataDir(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "BrainDrive") : Path.of(home, "AppData", "Roaming", "BrainDrive");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "BrainDrive");
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "braindrive");
        }
        return Path.of(home, ".local", "share", "braindrive");
    }
}
