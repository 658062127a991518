package ai.braindrive.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import ai.braindrive.server.config.ServerConfig;
import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.ApiClient.Response;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The error model, request ids, body limits and the browser guards, over real sockets. */
class HttpBehaviourTest {
    private static TestServer server;
    private static ApiClient user;

    @BeforeAll
    static void start() {
        server = TestServer.start(config -> new ServerConfig(config.host(), config.port(), config.dataDir(),
                64 * 1024, config.apiRateLimit(), config.authRateLimit(), java.util.List.of("braindrive.local"),
                config.corsOrigins(), config.accessTokenTtl(), config.refreshTokenTtl(), config.dbPoolSize(),
                config.config()));
        user = server.newUser("http_user");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthChecksTheDatabase() {
        Response health = server.anonymous().get("/health").expect(200);
        assertEquals("{\"status\":\"healthy\"}", health.body());
        assertTrue(health.header("content-type").orElseThrow().startsWith("application/json"));
    }

    @Test
    void healthIs503WhenTheDatabaseCannotAnswer() {
        try (TestServer broken = TestServer.start()) {
            broken.anonymous().get("/health").expect(200);
            broken.server().database().close();
            Response health = broken.anonymous().get("/health").expect(503);
            assertEquals("unhealthy", health.json().path("status").asText());
        }
    }

    @Test
    void everyResponseCarriesARequestId() {
        assertEquals(36, server.anonymous().get("/health").header("X-Request-ID").orElseThrow().length());
        assertEquals(36, server.anonymous().get("/api/v1/nope").header("X-Request-ID").orElseThrow().length());
        Response echoed = server.anonymous().send("GET", "/health", null, "X-Request-ID", "trace-123");
        assertEquals("trace-123", echoed.header("X-Request-ID").orElseThrow());
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertEquals("Not Found", server.anonymous().get("/api/v1/does-not-exist").expect(404).detail());
        assertEquals("Not Found", server.anonymous().get("/nothing/here").expect(404).detail());
        Response wrongMethod = server.anonymous().send("DELETE", "/api/v1/auth/me", null).expect(405);
        assertEquals("Method Not Allowed", wrongMethod.detail());
        assertTrue(wrongMethod.header("Allow").orElseThrow().contains("GET"));
    }

    @Test
    void malformedJsonIs422WithAFastApiStyleDetail() {
        Response bad = server.anonymous().post("/api/v1/auth/login", "{\"email\": ").expect(422);
        JsonNode detail = bad.json().path("detail").get(0);
        assertEquals("body", detail.path("loc").get(0).asText());
        assertEquals("json_invalid", detail.path("type").asText());
        assertFalse(detail.path("msg").asText().isEmpty());
    }

    @Test
    void wrongJsonTypesAre422NotCoerced() {
        Response wrongType = server.anonymous().post("/api/v1/auth/register",
                Map.of("username", 12345, "email", "t@example.com", "password", "long enough")).expect(422);
        JsonNode detail = wrongType.json().path("detail").get(0);
        assertEquals("username", detail.path("loc").get(1).asText());
        assertEquals("type_error", detail.path("type").asText());
        server.anonymous().post("/api/v1/auth/login", "[1, 2, 3]").expect(422);
        server.anonymous().post("/api/v1/auth/login", "\"just a string\"").expect(422);
    }

    @Test
    void wrongContentTypeIs415() {
        Response response = server.anonymous().send("POST", "/api/v1/auth/login", "email=a&password=b",
                "Content-Type", "application/x-www-form-urlencoded").expect(415);
        assertEquals("Content-Type must be application/json", response.detail());
    }

    @Test
    void bodiesOverTheLimitAre413() {
        String huge = "{\"email\": \"" + "a".repeat(70 * 1024) + "\", \"password\": \"x\"}";
        Response tooLarge = server.anonymous().post("/api/v1/auth/login", huge);
        assertEquals(413, tooLarge.status());
        assertEquals("Request body too large", tooLarge.detail());
        assertEquals(36, tooLarge.header("X-Request-ID").orElseThrow().length());
    }

    @Test
    void foreignHostHeadersAreRefused() {
        Response rebinding = server.anonymous().send("GET", "/health", null, "Host", "evil.example:8005")
                .expect(403);
        assertEquals("Host not allowed", rebinding.detail());
        server.anonymous().send("GET", "/health", null, "Host", "localhost:8005").expect(200);
        server.anonymous().send("GET", "/health", null, "Host", "braindrive.local").expect(200);
    }

    @Test
    void cookieWritesFromForeignOriginsAreRefusedButBearerWritesAreNot() {
        String email = "csrf_" + System.nanoTime() + "@example.com";
        server.anonymous().post("/api/v1/auth/register", Map.of("username", "csrf_" + System.nanoTime(),
                "email", email, "password", "correct horse battery")).expect(200);
        ApiClient browser = server.anonymous().loginWithCookies(email, "correct horse battery");
        Response forged = browser.send("PUT", "/api/v1/auth/profile/username", Map.of("username", "hijacked"),
                "Origin", "http://evil.example").expect(403);
        assertEquals("Origin not allowed", forged.detail());
        browser.send("GET", "/api/v1/auth/me", null, "Origin", "http://evil.example").expect(200);
        browser.send("PUT", "/api/v1/auth/profile/username", Map.of("username", "csrf_ok_" + System.nanoTime()),
                "Origin", "http://localhost:5173").expect(200);
        user.send("GET", "/api/v1/auth/me", null, "Origin", "http://evil.example").expect(200);
        user.send("PUT", "/api/v1/auth/profile/username", Map.of("username", "http_user"),
                "Origin", "http://evil.example").expect(200);
    }

    @Test
    void corsAllowsLocalOriginsWithCredentials() {
        Response preflight = server.anonymous().send("OPTIONS", "/api/v1/auth/me", null,
                "Origin", "http://localhost:5173", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "content-type").expect(204);
        assertEquals("http://localhost:5173", preflight.header("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("true", preflight.header("Access-Control-Allow-Credentials").orElseThrow());
        assertTrue(preflight.header("Access-Control-Allow-Methods").orElseThrow().contains("PUT"));
        Response simple = server.anonymous().send("GET", "/health", null, "Origin", "http://127.0.0.1:3000");
        assertEquals("http://127.0.0.1:3000", simple.header("Access-Control-Allow-Origin").orElseThrow());
        server.anonymous().send("OPTIONS", "/api/v1/auth/me", null, "Origin", "http://evil.example",
                "Access-Control-Request-Method", "GET").expect(403);
        assertTrue(server.anonymous().send("GET", "/health", null, "Origin", "http://evil.example")
                .header("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void aMalformedRequestLineGetsAJsonError() throws IOException {
        URI uri = URI.create(server.baseUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /health?x=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 4"), response);
            assertTrue(response.contains("{\"detail\":"), response);
        }
    }
}
