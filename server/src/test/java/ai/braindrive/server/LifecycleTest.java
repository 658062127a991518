package ai.braindrive.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import ai.braindrive.server.db.DataDirLock;
import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import org.junit.jupiter.api.Test;

/** Start, restart, exclusive data dirs and crash durability, with real processes where it matters. */
class LifecycleTest {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void migrationsApplyOnAnEmptyDirAndNothingTwiceOnRestart() {
        Path dir = TestServer.newDataDir();
        try {
            long applied;
            try (TestServer first = TestServer.startOn(dir, UnaryOperator.identity())) {
                applied = first.server().database().count("SELECT COUNT(*) AS c FROM schema_version");
                assertTrue(applied >= 1);
                first.newUser("keeper");
            }
            try (TestServer second = TestServer.startOn(dir, UnaryOperator.identity())) {
                assertEquals(applied, second.server().database().count("SELECT COUNT(*) AS c FROM schema_version"));
                second.anonymous().loginWithBearer("keeper@example.com", PASSWORD).get("/api/v1/auth/me").expect(200);
                assertTrue(Files.isRegularFile(dir.resolve("secrets/jwt.key")));
            }
        } finally {
            TestServer.deleteRecursively(dir);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirIsRefusedClearly() {
        try (TestServer running = TestServer.start()) {
            DataDirLock.DataDirInUseException refused = assertThrows(DataDirLock.DataDirInUseException.class,
                    () -> BrainDriveServer.start(TestServer.config(running.dataDir())));
            assertTrue(refused.getMessage().startsWith("Another BrainDrive server is already using the data directory"),
                    refused.getMessage());
            running.anonymous().get("/health").expect(200);
        }
    }

    @Test
    void secretKeyFileIsReadableByTheOwnerOnly() throws IOException {
        try (TestServer server = TestServer.start()) {
            Path key = server.dataDir().resolve("secrets/jwt.key");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(key)));
        }
    }

    @Test
    void acknowledgedWritesSurviveKillDashNineAndTheLockDoesNotBlockTheRestart() throws Exception {
        Path dir = TestServer.newDataDir();
        Process child = startChildServer(dir);
        try {
            String baseUrl = awaitReady(child);
            ApiClient client = new ApiClient(baseUrl);
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String email = "durable" + i + "@example.com";
                client.post("/api/v1/auth/register", Map.of("username", "durable" + i, "email", email,
                        "password", PASSWORD)).expect(200);
                emails.add(email);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(dir.resolve("braindrive.lock")), "the stale lock file stays behind");

            try (TestServer restarted = TestServer.startOn(dir, UnaryOperator.identity())) {
                assertEquals(25, restarted.server().database().count("SELECT COUNT(*) AS c FROM users"));
                restarted.anonymous().loginWithBearer(emails.get(24), PASSWORD).get("/api/v1/auth/me").expect(200);
                restarted.anonymous().loginWithBearer(emails.get(0), PASSWORD).get("/api/v1/auth/me").expect(200);
            }
        } finally {
            child.destroyForcibly();
            TestServer.deleteRecursively(dir);
        }
    }

    private static Process startChildServer(Path dataDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "0", "--data-dir", dataDir.toString());
        builder.environment().put("BRAINDRIVE_RATE_LIMIT_AUTH", "off");
        builder.redirectErrorStream(true);
        return builder.start();
    }

    private static String awaitReady(Process child) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("BrainDrive ready on ")) {
                String url = line.substring("BrainDrive ready on ".length()).strip();
                Thread drain = new Thread(() -> {
                    try {
                        while (lines.readLine() != null) {
                            // Keep the child's pipe from filling up.
                        }
                    } catch (IOException ignored) {
                        // The child was killed.
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return url;
            }
        }
        throw new AssertionError("The child server did not start:\n" + seen);
    }
}
