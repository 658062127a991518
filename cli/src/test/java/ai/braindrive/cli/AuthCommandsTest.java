package ai.braindrive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import ai.braindrive.cli.http.CredentialStore;
import ai.braindrive.cli.http.RestClient;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** login, logout, whoami and users create against a real server, run in-process like a user would. */
@Timeout(120)
class AuthCommandsTest {
    private static final String PASSWORD = "correct horse battery";
    private static TestServer server;
    private Path home;
    private CliRunner cli;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.newUser("admin_" + UUID.randomUUID().toString().substring(0, 6));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

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
    void theFirstUserCreatedBecomesAdminAndTheNextDoesNot() {
        try (TestServer fresh = TestServer.start()) {
            CliRunner.Result first = cli.runWithStdin(PASSWORD + "\n", "users", "create", "--username", "alice",
                    "--email", "alice@example.com", "--password-stdin", "--server", fresh.baseUrl());
            String aliceId = fresh.anonymous().loginWithBearer("alice@example.com", PASSWORD).userId();
            assertEquals(new CliRunner.Result(0, """
                    USERNAME  EMAIL              ADMIN  ACTIVE  ID
                    alice     alice@example.com  true   true    %s
                    """.formatted(aliceId), ""), first);

            CliRunner.Result second = cli.runWithStdin(PASSWORD, "users", "create", "--username", "bob",
                    "--email", "bob@example.com", "--password-stdin", "--server", fresh.baseUrl(), "-o", "json");
            assertEquals(0, second.exitCode(), second::toString);
            JsonNode bob = Json.parseStored(second.out());
            assertEquals("bob", bob.path("username").asText());
            assertFalse(bob.path("is_admin").asBoolean());
            assertEquals(bob, fresh.anonymous().loginWithBearer("bob@example.com", PASSWORD).get("/api/v1/auth/me")
                    .expect(200).json());
        }
    }

    @Test
    void usersCreateReportsValidationErrorsInOneLine() {
        CliRunner.Result result = cli.runWithStdin("short", "users", "create", "--username", "carol",
                "--email", "carol@example.com", "--password-stdin", "--server", server.baseUrl());
        assertEquals(new CliRunner.Result(1, "",
                "error: password: String should have between 8 and 1024 characters\n"), result);
    }

    @Test
    void loginWithPasswordStdinThenWhoamiAsTableAndJson() {
        ApiClient user = server.newUser();
        JsonNode me = user.get("/api/v1/auth/me").expect(200).json();
        String email = me.path("email").asText();
        String username = me.path("username").asText();

        CliRunner.Result login = cli.runWithStdin(PASSWORD + "\n", "login", "--email", email, "--password-stdin",
                "--server", server.baseUrl());
        assertEquals(new CliRunner.Result(0, "Logged in to " + server.baseUrl() + " as " + username + " (" + email
                + ")\n", ""), login);

        CliRunner.Result table = cli.run("whoami", "--server", server.baseUrl());
        String header = "USERNAME" + " ".repeat(username.length() - 6) + "EMAIL" + " ".repeat(email.length() - 3)
                + "ADMIN  ACTIVE  ID\n";
        String row = username + "  " + email + "  false  true    " + me.path("id").asText() + "\n";
        assertEquals(new CliRunner.Result(0, header + row, ""), table);

        CliRunner.Result json = cli.run("whoami", "--server", server.baseUrl(), "--output", "json");
        assertEquals(0, json.exitCode(), json::toString);
        assertEquals(me, Json.parseStored(json.out()));
        assertTrue(json.out().startsWith("{\n") && json.out().endsWith("}\n"), json.out());
        assertEquals("", json.err());
    }

    @Test
    void wrongPasswordExitsThreeWithOneLine() {
        ApiClient user = server.newUser();
        String email = user.get("/api/v1/auth/me").expect(200).json().path("email").asText();
        CliRunner.Result result = cli.runWithStdin("not the password\n", "login", "--email", email,
                "--password-stdin", "--server", server.baseUrl());
        assertEquals(new CliRunner.Result(3, "", "error: Invalid email or password\n"), result);
        assertFalse(Files.exists(cli.credentialsFile()));

        CliRunner.Result unknown = cli.runWithStdin(PASSWORD, "login", "--email", "nobody@example.com",
                "--password-stdin", "--server", server.baseUrl());
        assertEquals(new CliRunner.Result(3, "", "error: Invalid email or password\n"), unknown);
    }

    @Test
    void whoamiWithoutLoginExitsThree() {
        assertEquals(new CliRunner.Result(3, "", "error: Not logged in to " + server.baseUrl()
                + ". Run 'braindrive login'.\n"), cli.run("whoami", "--server", server.baseUrl()));
    }

    @Test
    void logoutEndsTheSessionOnTheServerAndForgetsIt() throws IOException {
        login();
        String refreshToken = stored().path("refresh_token").asText();

        assertEquals(new CliRunner.Result(0, "Logged out of " + server.baseUrl() + "\n", ""),
                cli.run("logout", "--server", server.baseUrl()));
        assertTrue(stored().isMissingNode(), "credentials for the server are gone");
        server.anonymous().post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken)).expect(401);
        assertEquals(3, cli.run("whoami", "--server", server.baseUrl()).exitCode());

        assertEquals(new CliRunner.Result(0, "", "warning: Not logged in to " + server.baseUrl() + "\n"),
                cli.run("logout", "--server", server.baseUrl()));
    }

    @Test
    void credentialsFileIsReadableByItsOwnerOnly() throws IOException {
        login();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.credentialsFile())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configDir())));
    }

    @Test
    void loginsAreKeptPerServer() throws IOException {
        login();
        try (TestServer other = TestServer.start()) {
            assertEquals(3, cli.run("whoami", "--server", other.baseUrl()).exitCode());
        }
        assertEquals(0, cli.run("whoami", "--server", server.baseUrl() + "/").exitCode(),
                "a trailing slash names the same server");
    }

    @Test
    void aRejectedAccessTokenIsRefreshedAndTheRequestRetried() throws IOException {
        login();
        ObjectNode credentials = (ObjectNode) Json.MAPPER.readTree(cli.credentialsFile().toFile());
        ObjectNode entry = (ObjectNode) credentials.path("servers").path(server.baseUrl());
        String oldRefresh = entry.path("refresh_token").asText();
        entry.put("access_token", "not-a-valid-token");
        Files.writeString(cli.credentialsFile(), Json.write(credentials));

        CliRunner.Result result = cli.run("whoami", "--server", server.baseUrl(), "-o", "json");
        assertEquals(0, result.exitCode(), result::toString);
        assertNotEquals(oldRefresh, stored().path("refresh_token").asText(), "the rotated token was stored");
        server.anonymous().post("/api/v1/auth/refresh", Map.of("refresh_token", oldRefresh)).expect(401);
    }

    @Test
    void aRevokedLoginExitsThreeAndIsForgotten() throws IOException {
        login();
        String refresh = stored().path("refresh_token").asText();
        // Someone logs the session out elsewhere: both tokens die.
        server.anonymous().send("POST", "/api/v1/auth/logout", null, "Cookie", "refresh_token=" + refresh)
                .expect(204);

        CliRunner.Result result = cli.run("whoami", "--server", server.baseUrl());
        assertEquals(new CliRunner.Result(3, "", "error: Your login at " + server.baseUrl()
                + " expired or was revoked. Run 'braindrive login'.\n"), result);
        assertTrue(stored().isMissingNode());
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAutomatically() throws Exception {
        try (TestServer shortLived = TestServer.start(c -> c.withTokenTtls(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofDays(1)))) {
            ApiClient user = shortLived.newUser();
            JsonNode me = user.get("/api/v1/auth/me").expect(200).json();
            assertEquals(0, cli.runWithStdin(PASSWORD, "login", "--email", me.path("email").asText(),
                    "--password-stdin", "--server", shortLived.baseUrl()).exitCode());
            JsonNode before = stored(shortLived.baseUrl());

            Thread.sleep(2_100); // Past the access token's expiry (JWT exp has second resolution).
            shortLived.anonymous().withBearer(before.path("access_token").asText()).get("/api/v1/auth/me")
                    .expect(401);

            CliRunner.Result result = cli.run("whoami", "--server", shortLived.baseUrl(), "-o", "json");
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(me, Json.parseStored(result.out()));
            JsonNode after = stored(shortLived.baseUrl());
            assertNotEquals(before.path("access_token").asText(), after.path("access_token").asText());
            assertNotEquals(before.path("refresh_token").asText(), after.path("refresh_token").asText());
            shortLived.anonymous().post("/api/v1/auth/refresh",
                    Map.of("refresh_token", before.path("refresh_token").asText())).expect(401);
        }
    }

    @Test
    void notFoundMapsToExitFour() {
        login();
        RestClient client = new RestClient(server.baseUrl(), server.baseUrl(), new CredentialStore(cli.configDir()));
        CliException e = assertThrows(CliException.class,
                () -> client.get("/api/v1/no-such-thing"));
        assertEquals(ExitCodes.NOT_FOUND, e.exitCode());
        assertEquals("Not Found", e.getMessage());
    }

    /** Registers a fresh user and logs the CLI in as them; returns the email. */
    private String login() {
        ApiClient user = server.newUser();
        String email = user.get("/api/v1/auth/me").expect(200).json().path("email").asText();
        CliRunner.Result result = cli.runWithStdin(PASSWORD, "login", "--email", email, "--password-stdin",
                "--server", server.baseUrl());
        assertEquals(0, result.exitCode(), result::toString);
        return email;
    }

    private JsonNode stored() throws IOException {
        return stored(server.baseUrl());
    }

    private JsonNode stored(String url) throws IOException {
        return Json.MAPPER.readTree(cli.credentialsFile().toFile()).path("servers").path(url);
    }
}
