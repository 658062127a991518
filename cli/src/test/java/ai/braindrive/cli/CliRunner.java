package ai.braindrive.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code braindrive} in-process through {@link CommandLineFactory}, with its own config dir, no terminal and a
 * default data dir that does not exist (so only {@code --data-dir} starts an in-process server).
 */
final class CliRunner {
    private final Map<String, String> env = new HashMap<>();
    private final Path configDir;

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    CliRunner(Path home) {
        this.configDir = home.resolve("config");
        env.put("BRAINDRIVE_CONFIG_DIR", configDir.toString());
        env.put("BRAINDRIVE_DATA_DIR", home.resolve("no-such-data-dir").toString());
    }

    Path configDir() {
        return configDir;
    }

    Path credentialsFile() {
        return configDir.resolve("credentials.json");
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        CliContext context = new CliContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                null, CliContext.configDir(env));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CommandLineFactory.create(context, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback URL where nothing listens. */
    static String deadServer() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
