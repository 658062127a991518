package ai.braindrive.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.ApiClient.Response;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {
    private static final String PASSWORD = "correct horse battery";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.newUser("first_admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Response register(ApiClient client, String username, String email, String password) {
        return client.post("/api/v1/auth/register", Map.of("username", username, "email", email,
                "password", password));
    }

    /** Registers a user and returns the email. */
    private static String registered() {
        String name = unique("u");
        register(server.anonymous(), name, name + "@example.com", PASSWORD).expect(200);
        return name + "@example.com";
    }

    @Test
    void firstRegisteredUserIsAdminAndLaterOnesAreNot() {
        try (TestServer fresh = TestServer.start()) {
            JsonNode first = register(fresh.anonymous(), "alice", "Alice@Example.com", PASSWORD).expect(200).json();
            assertTrue(first.path("is_admin").asBoolean());
            assertEquals("alice@example.com", first.path("email").asText());
            assertTrue(first.path("is_active").asBoolean());
            assertFalse(first.path("is_verified").asBoolean());
            assertEquals(36, first.path("id").asText().length());
            assertTrue(first.path("created_at").asText().endsWith("Z"));
            assertFalse(first.has("password_hash"));
            JsonNode second = register(fresh.anonymous(), "bob", "bob@example.com", PASSWORD).expect(200).json();
            assertFalse(second.path("is_admin").asBoolean());
        }
    }

    @Test
    void registrationValidatesUsernameEmailAndPassword() {
        ApiClient anon = server.anonymous();
        Response shortName = register(anon, "ab", "ab@example.com", PASSWORD).expect(422);
        assertEquals("username", shortName.json().path("detail").get(0).path("loc").get(1).asText());
        register(anon, "bad name!", "bad@example.com", PASSWORD).expect(422);
        register(anon, "x".repeat(51), "long@example.com", PASSWORD).expect(422);
        register(anon, unique("ok"), "not-an-email", PASSWORD).expect(422);
        Response shortPassword = register(anon, unique("ok"), unique("p") + "@example.com", "short").expect(422);
        assertEquals("password", shortPassword.json().path("detail").get(0).path("loc").get(1).asText());
        Response missing = anon.post("/api/v1/auth/register", Map.of("username", unique("ok"))).expect(422);
        assertEquals(2, missing.json().path("detail").size());
        assertEquals("missing", missing.json().path("detail").get(0).path("type").asText());
    }

    @Test
    void registrationCreatesTheUserAndAllDefaultsOrNothing() {
        try (TestServer fresh = TestServer.start()) {
            ApiClient first = fresh.newUser("complete");
            assertTrue(first.get("/api/v1/navigation-routes").expect(200).json().size() >= 5);
            assertEquals(1, fresh.server().database().count(
                    "SELECT COUNT(*) AS c FROM settings_instances WHERE user_id = ? AND definition_id = ?",
                    first.userId(), "theme_settings"));
            // Break the last feature's defaults: the user and every default made before must roll back.
            fresh.server().database().update("DROP TABLE conversation_totals");
            register(fresh.anonymous(), "halfway", "halfway@example.com", PASSWORD).expect(500);
            assertEquals(0, fresh.server().database().count("SELECT COUNT(*) AS c FROM users WHERE email = ?",
                    "halfway@example.com"));
            assertEquals(1, fresh.server().database().count("SELECT COUNT(*) AS c FROM users"));
            assertEquals(0, fresh.server().database().count(
                    "SELECT COUNT(*) AS c FROM navigation_routes WHERE user_id NOT IN (SELECT id FROM users)"));
            assertEquals(0, fresh.server().database().count(
                    "SELECT COUNT(*) AS c FROM settings_instances WHERE user_id IS NOT NULL AND user_id <> ?",
                    first.userId()));
            assertEquals(0, fresh.server().database().count(
                    "SELECT COUNT(*) AS c FROM pages WHERE user_id <> ?", first.userId()));
        }
    }

    @Test
    void duplicateEmailOrUsernameIsAConflict() {
        String name = unique("dup");
        register(server.anonymous(), name, name + "@example.com", PASSWORD).expect(200);
        assertEquals("Email already registered",
                register(server.anonymous(), unique("other"), name.toUpperCase() + "@example.com", PASSWORD)
                        .expect(409).detail());
        assertEquals("Username already taken",
                register(server.anonymous(), name.toUpperCase(), unique("e") + "@example.com", PASSWORD)
                        .expect(409).detail());
    }

    @Test
    void loginSetsHttpOnlyCookiesAndReturnsNoBody() {
        String email = registered();
        Response login = server.anonymous().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD))
                .expect(204);
        assertEquals("", login.body());
        List<String> cookies = login.setCookies();
        String access = cookies.stream().filter(c -> c.startsWith("access_token=")).findFirst().orElseThrow();
        String refresh = cookies.stream().filter(c -> c.startsWith("refresh_token=")).findFirst().orElseThrow();
        for (String cookie : List.of(access, refresh)) {
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
            assertTrue(cookie.contains("Path=/"), cookie);
            assertFalse(cookie.contains("Secure"), "plain http must not set Secure: " + cookie);
        }
        assertTrue(access.contains("Max-Age=900"), access);
        assertTrue(refresh.contains("Max-Age=2592000"), refresh);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        String email = registered();
        Response wrong = server.anonymous().post("/api/v1/auth/login", Map.of("email", email, "password", "nope-nope"))
                .expect(401);
        Response unknown = server.anonymous().post("/api/v1/auth/login",
                Map.of("email", unique("ghost") + "@example.com", "password", PASSWORD)).expect(401);
        assertEquals("Invalid email or password", wrong.detail());
        assertEquals(wrong.body(), unknown.body());
    }

    @Test
    void meWorksWithCookieAndWithBearer() {
        String email = registered();
        ApiClient browser = server.anonymous().loginWithCookies(email, PASSWORD);
        assertEquals(email, browser.get("/api/v1/auth/me").expect(200).json().path("email").asText());
        ApiClient script = server.anonymous().loginWithBearer(email, PASSWORD);
        assertEquals(email, script.get("/api/v1/auth/me").expect(200).json().path("email").asText());
    }

    @Test
    void missingTamperedOrWrongTypeTokensAre401() {
        assertEquals("Not authenticated", server.anonymous().get("/api/v1/auth/me").expect(401).detail());
        String email = registered();
        Response login = server.anonymous().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        String access = ApiClient.cookieValue(login, "access_token").orElseThrow();
        String refresh = ApiClient.cookieValue(login, "refresh_token").orElseThrow();

        String[] parts = access.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"access\"", "\"accesz\"").getBytes());
        server.anonymous().withBearer(parts[0] + "." + forged + "." + parts[2]).get("/api/v1/auth/me").expect(401);
        String flippedSignature = parts[2].substring(0, parts[2].length() - 2)
                + (parts[2].endsWith("AA") ? "BB" : "AA");
        server.anonymous().withBearer(parts[0] + "." + parts[1] + "." + flippedSignature)
                .get("/api/v1/auth/me").expect(401);
        server.anonymous().withBearer("not-a-jwt").get("/api/v1/auth/me").expect(401);
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + parts[1] + ".";
        server.anonymous().withBearer(unsigned).get("/api/v1/auth/me").expect(401);
        server.anonymous().withBearer(refresh).get("/api/v1/auth/me").expect(401);
        server.anonymous().withBearer(access).get("/api/v1/auth/me").expect(200);
    }

    @Test
    void expiredAccessTokenIs401AndRefreshIssuesANewOne() throws InterruptedException {
        try (TestServer shortLived = TestServer.start(c -> c.withTokenTtls(Duration.ofSeconds(1), Duration.ofDays(1)))) {
            ApiClient user = shortLived.newUser("shorty");
            String expired = user.bearerToken();
            Thread.sleep(2100);
            user.get("/api/v1/auth/me").expect(401);
            // The browser flow: the refresh cookie kept by the client rotates both cookies.
            ApiClient browser = shortLived.anonymous().withBearer(null);
            Response login = browser.post("/api/v1/auth/login",
                    Map.of("email", "shorty@example.com", "password", PASSWORD)).expect(204);
            Thread.sleep(2100);
            browser.get("/api/v1/auth/me").expect(401);
            Response refreshed = browser.post("/api/v1/auth/refresh", null).expect(204);
            String fresh = ApiClient.cookieValue(refreshed, "access_token").orElseThrow();
            assertNotEquals(expired, fresh);
            assertNotEquals(ApiClient.cookieValue(login, "refresh_token"), ApiClient.cookieValue(refreshed,
                    "refresh_token"));
            browser.get("/api/v1/auth/me").expect(200);
        }
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        String email = registered();
        Response login = server.anonymous().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        String first = ApiClient.cookieValue(login, "refresh_token").orElseThrow();
        ApiClient anon = server.anonymous();

        Response rotated = anon.post("/api/v1/auth/refresh", Map.of("refresh_token", first)).expect(204);
        String second = ApiClient.cookieValue(rotated, "refresh_token").orElseThrow();
        String secondAccess = ApiClient.cookieValue(rotated, "access_token").orElseThrow();
        assertNotEquals(first, second);
        server.anonymous().withBearer(secondAccess).get("/api/v1/auth/me").expect(200);

        // Presenting the already-used token again: reuse detected, the family ends.
        server.anonymous().post("/api/v1/auth/refresh", Map.of("refresh_token", first)).expect(401);
        server.anonymous().post("/api/v1/auth/refresh", Map.of("refresh_token", second)).expect(401);
        server.anonymous().withBearer(secondAccess).get("/api/v1/auth/me").expect(401);
        // Another login is a new family and works.
        server.anonymous().loginWithBearer(email, PASSWORD).get("/api/v1/auth/me").expect(200);
    }

    @Test
    void refreshWithoutTokenOrWithAccessTokenIs401() {
        assertEquals("Refresh token missing", server.anonymous().post("/api/v1/auth/refresh", null)
                .expect(401).detail());
        String email = registered();
        Response login = server.anonymous().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        String access = ApiClient.cookieValue(login, "access_token").orElseThrow();
        server.anonymous().post("/api/v1/auth/refresh", Map.of("refresh_token", access)).expect(401);
    }

    @Test
    void logoutRevokesTheSessionAndClearsCookies() {
        String email = registered();
        ApiClient browser = server.anonymous().loginWithCookies(email, PASSWORD);
        Response logout = browser.post("/api/v1/auth/logout", null).expect(204);
        for (String name : List.of("access_token", "refresh_token")) {
            String cookie = logout.setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst()
                    .orElseThrow();
            assertTrue(cookie.contains("Max-Age=0"), cookie);
        }
        browser.get("/api/v1/auth/me").expect(401);

        ApiClient script = server.anonymous().loginWithBearer(email, PASSWORD);
        script.post("/api/v1/auth/logout", null).expect(204);
        script.get("/api/v1/auth/me").expect(401);
    }

    @Test
    void usernameCanBeChangedButNotToATakenOne() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String bobName = bob.get("/api/v1/auth/me").json().path("username").asText();
        String newName = unique("renamed");
        assertEquals(newName, alice.put("/api/v1/auth/profile/username", Map.of("username", newName))
                .expect(200).json().path("username").asText());
        assertEquals(newName, alice.get("/api/v1/auth/me").json().path("username").asText());
        alice.put("/api/v1/auth/profile/username", Map.of("username", bobName)).expect(409);
        alice.put("/api/v1/auth/profile/username", Map.of("username", "no spaces")).expect(422);
        alice.put("/api/v1/auth/profile/username", Map.of("username", newName.toUpperCase())).expect(200);
    }

    @Test
    void passwordChangeChecksTheCurrentPasswordAndEndsOtherSessions() {
        String email = registered();
        ApiClient here = server.anonymous().loginWithBearer(email, PASSWORD);
        Response otherLogin = server.anonymous().post("/api/v1/auth/login",
                Map.of("email", email, "password", PASSWORD));
        String otherAccess = ApiClient.cookieValue(otherLogin, "access_token").orElseThrow();
        String otherRefresh = ApiClient.cookieValue(otherLogin, "refresh_token").orElseThrow();

        assertEquals("Current password is incorrect", here.put("/api/v1/auth/profile/password",
                Map.of("current_password", "wrong-password", "new_password", "another long one")).expect(400)
                .detail());
        here.put("/api/v1/auth/profile/password",
                Map.of("current_password", PASSWORD, "new_password", "short")).expect(400);
        here.put("/api/v1/auth/profile/password",
                Map.of("current_password", PASSWORD, "new_password", "another long one")).expect(200);

        here.get("/api/v1/auth/me").expect(200);
        server.anonymous().withBearer(otherAccess).get("/api/v1/auth/me").expect(401);
        server.anonymous().post("/api/v1/auth/refresh", Map.of("refresh_token", otherRefresh)).expect(401);
        server.anonymous().post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).expect(401);
        server.anonymous().loginWithBearer(email, "another long one").get("/api/v1/auth/me").expect(200);
    }

    @Test
    void rateLimitedRequestsGet429WithRetryAfter() {
        try (TestServer limited = TestServer.start(c -> c.withRateLimits(new ai.braindrive.server.http.RateLimiter
                .Limit(5), new ai.braindrive.server.http.RateLimiter.Limit(3)))) {
            ApiClient anon = limited.anonymous();
            for (int i = 0; i < 3; i++) {
                anon.post("/api/v1/auth/login", Map.of("email", "x@example.com", "password", "whatever1")).expect(401);
            }
            Response limitedLogin = anon.post("/api/v1/auth/login",
                    Map.of("email", "x@example.com", "password", "whatever1")).expect(429);
            assertEquals("Rate limit exceeded", limitedLogin.detail());
            long retryAfter = Long.parseLong(limitedLogin.header("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        }
        try (TestServer limited = TestServer.start(c -> c.withRateLimits(new ai.braindrive.server.http.RateLimiter
                .Limit(5), null))) {
            ApiClient user = limited.newUser("limited");
            int ok = 0;
            Response last = null;
            for (int i = 0; i < 6; i++) {
                last = user.get("/api/v1/auth/me");
                ok += last.status() == 200 ? 1 : 0;
            }
            // newUser's own /me call used one token.
            assertEquals(4, ok);
            assertEquals(429, last.status());
            assertTrue(last.header("Retry-After").isPresent());
        }
    }

    @Test
    void tenFailedLoginsLockTheAccountFor15Minutes() {
        String email = registered();
        ApiClient anon = server.anonymous();
        for (int i = 0; i < 10; i++) {
            anon.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong-" + i)).expect(401);
        }
        Response locked = anon.post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD)).expect(429);
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 800 && retryAfter <= 901, "Retry-After " + retryAfter);
    }
}
