package ai.braindrive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import ai.braindrive.server.testing.TestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How commands find their server (or run one in-process), {@code serve}'s refusals, and the command line itself. */
@Timeout(120)
class ConnectionAndServeTest {
    private static final String PASSWORD = "correct horse battery";
    private Path home;
    private CliRunner cli;

    @BeforeEach
    void newHome() {
        home = CliRunner.tempDir("braindrive-cli-");
        cli = new CliRunner(home);
    }

    @AfterEach
    void deleteHome() {
        TestServer.deleteRecursively(home);
    }

    @Test
    void noServerAndNoDataDirFailsWithOneClearLine() {
        String dead = CliRunner.deadServer();
        assertEquals(new CliRunner.Result(1, "", "error: No BrainDrive server answers at " + dead
                + ". Start one with 'braindrive serve', or pass --server URL or --data-dir DIR.\n"),
                cli.run("whoami", "--server", dead));
    }

    @Test
    void withADataDirCommandsRunTheServerInProcess() {
        String dead = CliRunner.deadServer();
        Path dataDir = home.resolve("data");
        CliRunner.Result created = cli.runWithStdin(PASSWORD, "users", "create", "--username", "root",
                "--email", "root@example.com", "--password-stdin", "--server", dead, "--data-dir",
                dataDir.toString(), "-o", "json");
        assertEquals(0, created.exitCode(), created::toString);
        assertEquals("", created.err());
        assertTrue(created.out().contains("\"is_admin\" : true"), created.out());

        CliRunner.Result login = cli.runWithStdin(PASSWORD, "login", "--email", "root@example.com",
                "--password-stdin", "--server", dead, "--data-dir", dataDir.toString());
        assertEquals(new CliRunner.Result(0, "Logged in to " + dead + " as root (root@example.com)\n", ""), login);

        // The login is kept for the address the user named, and works on the next in-process start too.
        CliRunner.Result whoami = cli.run("whoami", "--server", dead, "--data-dir", dataDir.toString());
        assertEquals(0, whoami.exitCode(), whoami::toString);
        assertTrue(whoami.out().startsWith("USERNAME  EMAIL             ADMIN  ACTIVE  ID\n"
                + "root      root@example.com  true   true    "), whoami.out());

        // Each command released the data dir: a real server can take it now, and sees the same user.
        try (TestServer later = TestServer.startOn(dataDir, c -> c)) {
            later.anonymous().loginWithBearer("root@example.com", PASSWORD);
        }
        assertTrue(Files.exists(dataDir.resolve("secrets/jwt.key")));
    }

    @Test
    void theFallbackRefusesADataDirAnotherServerHolds() {
        try (TestServer running = TestServer.start()) {
            String dead = CliRunner.deadServer();
            CliRunner.Result result = cli.run("whoami", "--server", dead, "--data-dir",
                    running.dataDir().toString());
            assertEquals(new CliRunner.Result(1, "", "error: " + inUse(running.dataDir()) + " (No server answers at "
                    + dead + "; if it listens elsewhere, pass --server URL.)\n"), result);
        }
    }

    @Test
    void serveRefusesADataDirARunningServerHolds() {
        try (TestServer running = TestServer.start()) {
            CliRunner.Result result = cli.run("serve", "--port", "0", "--data-dir", running.dataDir().toString());
            assertEquals(new CliRunner.Result(1, "", "error: " + inUse(running.dataDir()) + "\n"), result);
        }
    }

    @Test
    void serveSaysSoWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Path dataDir = home.resolve("data");
            CliRunner.Result result = cli.run("serve", "--host", "127.0.0.1", "--port",
                    String.valueOf(taken.getLocalPort()), "--data-dir", dataDir.toString());
            assertEquals(new CliRunner.Result(1, "", "error: Port " + taken.getLocalPort() + " on 127.0.0.1 is "
                    + "already in use (is BrainDrive already running?). Choose another with --port or "
                    + "BRAINDRIVE_PORT.\n"), result);
            // The failed start let go of the data dir.
            try (TestServer next = TestServer.startOn(dataDir, c -> c)) {
                next.anonymous().get("/health").expect(200);
            }
        }
    }

    @Test
    void verboseAddsTheStackTrace() {
        String dead = CliRunner.deadServer();
        CliRunner.Result result = cli.run("whoami", "--server", dead, "--verbose");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("\tat ai.braindrive.cli.http.ServerConnector.connect"), result.err());
        assertTrue(result.err().endsWith("error: No BrainDrive server answers at " + dead
                + ". Start one with 'braindrive serve', or pass --server URL or --data-dir DIR.\n"), result.err());
    }

    @Test
    void versionAndHelp() {
        CliRunner.Result version = cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("braindrive 0.1.0\nJava "), version.out());

        CliRunner.Result help = cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: braindrive [-hV] [COMMAND]\n"), help.out());
        for (String command : new String[] {"serve", "login", "logout", "whoami", "users"}) {
            assertTrue(help.out().contains("\n  " + command + " "), command);
        }
        CliRunner.Result leafHelp = cli.run("whoami", "--help");
        assertEquals(0, leafHelp.exitCode());
        assertTrue(leafHelp.out().contains("--output=FORMAT"), leafHelp.out());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(new CliRunner.Result(2, "", "error: Unknown option: '--bogus'\n"
                + "Run 'braindrive whoami --help' for usage.\n"), cli.run("whoami", "--bogus"));
        assertEquals(2, cli.run("no-such-command").exitCode());
        assertEquals(2, cli.run().exitCode());
        assertEquals(new CliRunner.Result(2, "", "error: Missing subcommand: one of create\n"
                + "Run 'braindrive users --help' for usage.\n"), cli.run("users"));
        assertEquals(2, cli.run("whoami", "--output", "yaml").exitCode());
        assertEquals(new CliRunner.Result(2, "", "error: Invalid server URL 'ftp://x': expected http://host:port, "
                + "e.g. http://127.0.0.1:8005\n"), cli.run("whoami", "--server", "ftp://x"));
        assertEquals(new CliRunner.Result(2, "", "error: No terminal to ask for the password: pipe it in with "
                + "--password-stdin\n"), cli.run("login", "--email", "a@example.com", "--data-dir",
                home.resolve("d" + UUID.randomUUID()).toString(), "--server", CliRunner.deadServer()));
    }

    private static String inUse(Path dataDir) {
        return "Another BrainDrive server is already using the data directory " + dataDir.toAbsolutePath().normalize()
                + " (pid " + ProcessHandle.current().pid() + "). Stop it first, or choose another --data-dir.";
    }
}
