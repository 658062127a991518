package ai.braindrive.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import ai.braindrive.server.BrainDriveServer;
import ai.braindrive.server.config.ServerConfig;

/**
 * A real server for tests: real Derby in a temp data dir, a random loopback port, rate limits off unless a test
 * turns them on. Close it to stop the server and delete the data dir.
 */
public final class TestServer implements AutoCloseable {
    static {
        // Lets tests send a foreign Host header (DNS-rebinding guard).
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    private final Path dataDir;
    private final boolean ownsDataDir;
    private BrainDriveServer server;

    private TestServer(Path dataDir, boolean ownsDataDir, BrainDriveServer server) {
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.server = server;
    }

    public static TestServer start() {
        return start(UnaryOperator.identity());
    }

    public static TestServer start(UnaryOperator<ServerConfig> customize) {
        Path dir = newDataDir();
        return new TestServer(dir, true, BrainDriveServer.start(customize.apply(config(dir))));
    }

    /** A server over an existing data dir (restart tests); the caller deletes the dir. */
    public static TestServer startOn(Path dataDir, UnaryOperator<ServerConfig> customize) {
        return new TestServer(dataDir, false, BrainDriveServer.start(customize.apply(config(dataDir))));
    }

    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("braindrive-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServerConfig config(Path dataDir) {
        return ServerConfig.load(new ServerConfig.Overrides("127.0.0.1", 0, dataDir),
                Map.of("BRAINDRIVE_RATE_LIMIT_API", "off", "BRAINDRIVE_RATE_LIMIT_AUTH", "off"));
    }

    public BrainDriveServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A client with no credentials. */
    public ApiClient anonymous() {
        return new ApiClient(baseUrl());
    }

    /** Registers a fresh user and returns a client logged in with a bearer token. */
    public ApiClient newUser() {
        return newUser("user_" + UUID.randomUUID().toString().substring(0, 8));
    }

    public ApiClient newUser(String username) {
        ApiClient client = anonymous();
        String email = username.toLowerCase() + "@example.com";
        client.post("/api/v1/auth/register", Map.of("username", username, "email", email,
                "password", "correct horse battery")).expect(200);
        client.loginWithBearer(email, "correct horse battery");
        return client;
    }

    /** Stops the server, keeping the data dir (for restart tests). */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
        if (ownsDataDir) {
            deleteRecursively(dataDir);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Best effort: a temp dir.
                }
            });
        } catch (IOException ignored) {
            // Best effort.
        }
    }
}
