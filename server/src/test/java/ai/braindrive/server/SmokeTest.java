package ai.braindrive.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void healthAndRegistration() {
        try (TestServer server = TestServer.start()) {
            ApiClient.Response health = server.anonymous().get("/health").expect(200);
            assertEquals("healthy", health.json().path("status").asText());
            ApiClient alice = server.newUser("alice");
            ApiClient.Response me = alice.get("/api/v1/auth/me").expect(200);
            assertEquals("alice", me.json().path("username").asText());
            assertEquals(true, me.json().path("is_admin").asBoolean());
            assertEquals("Not Found", server.anonymous().get("/api/v1/nothing").expect(404).detail());
            server.anonymous().get("/api/v1/auth/login").expect(405);
            server.anonymous().get("/api/v1/auth/me").expect(401);
        }
    }
}
