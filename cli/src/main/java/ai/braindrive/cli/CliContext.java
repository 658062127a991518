package ai.braindrive.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import ai.braindrive.server.config.DataDirs;

/**
 * What a command may read from the outside world: environment variables, stdin, the terminal and the
 * configuration directory. {@code main} uses the real ones; tests pass their own.
 */
public record CliContext(Map<String, String> env, InputStream stdin, Prompter prompter, Path configDir) {
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8005";

    public CliContext {
        env = Map.copyOf(env);
    }

    public static CliContext system() {
        Map<String, String> env = System.getenv();
        return new CliContext(env, System.in, Prompter.systemConsole(), configDir(env));
    }

    /**
     * Where credentials live: {@code $BRAINDRIVE_CONFIG_DIR}, the system property {@code braindrive.config.dir},
     * {@code $XDG_CONFIG_HOME/braindrive}, {@code %APPDATA%\BrainDrive} on Windows, else {@code ~/.config/braindrive}.
     */
    public static Path configDir(Map<String, String> env) {
        String explicit = env.get("BRAINDRIVE_CONFIG_DIR");
        if (isSet(explicit)) {
            return Path.of(explicit);
        }
        String property = System.getProperty("braindrive.config.dir");
        if (isSet(property)) {
            return Path.of(property);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (isSet(xdg)) {
            return Path.of(xdg, "braindrive");
        }
        String appData = env.get("APPDATA");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") && isSet(appData)) {
            return Path.of(appData, "BrainDrive");
        }
        return Path.of(System.getProperty("user.home"), ".config", "braindrive");
    }

    /** {@code $BRAINDRIVE_SERVER}, else the local default. */
    public String defaultServer() {
        String server = env.get("BRAINDRIVE_SERVER");
        return isSet(server) ? server.strip() : DEFAULT_SERVER;
    }

    /** {@code $BRAINDRIVE_DATA_DIR}, else the operating system's default data dir (it may not exist). */
    public Path defaultDataDir() {
        String dir = env.get("BRAINDRIVE_DATA_DIR");
        return isSet(dir) ? Path.of(dir) : DataDirs.defaultDataDir();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
