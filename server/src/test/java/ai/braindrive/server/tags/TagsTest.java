package ai.braindrive.server.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TagsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode createTag(ApiClient client, String name, String color) {
        return client.post("/api/v1/tags", Map.of("name", name, "color", color, "user_id", client.userId()))
                .expect(201).json();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(tag -> names.add(tag.path("name").asText()));
        return names;
    }

    @Test
    void createdTagsAreListedByNameForTheirOwner() {
        ApiClient alice = server.newUser();
        JsonNode work = createTag(alice, "work", "#00ff00");
        assertEquals("work", work.path("name").asText());
        assertEquals("#00ff00", work.path("color").asText());
        assertEquals(alice.userId(), work.path("user_id").asText());
        assertFalse(work.path("id").asText().isEmpty());
        assertFalse(work.path("created_at").asText().isEmpty());
        alice.post("/api/v1/tags", Map.of("name", "Alpha", "color", "#ABCDEF", "user_id", "current")).expect(201);

        ApiClient.Response list = alice.get("/api/v1/users/" + alice.userId() + "/tags").expect(200);
        assertEquals(List.of("Alpha", "work"), names(list.json()));
        assertEquals("2", list.header("X-Total-Count").orElseThrow());
        assertEquals(List.of("Alpha", "work"), names(alice.get("/api/v1/users/current/tags").expect(200).json()));
    }

    @Test
    void tagNamesAreUniquePerUserIgnoringCase() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        createTag(alice, "Work", "#ff0000");
        ApiClient.Response duplicate = alice.post("/api/v1/tags",
                Map.of("name", "work", "color", "#00ff00", "user_id", alice.userId())).expect(409);
        assertEquals("A tag with this name already exists", duplicate.detail());
        createTag(bob, "Work", "#ff0000");

        JsonNode other = createTag(alice, "home", "#0000ff");
        alice.put("/api/v1/tags/" + other.path("id").asText(), Map.of("name", "WORK")).expect(409);
    }

    @Test
    void invalidTagsAreRejected() {
        ApiClient alice = server.newUser();
        JsonNode badColor = alice.post("/api/v1/tags", Map.of("name", "x", "color", "red", "user_id", alice.userId()))
                .expect(422).json();
        assertEquals("color", badColor.path("detail").get(0).path("loc").get(1).asText());
        alice.post("/api/v1/tags", Map.of("name", "x", "color", "#12345", "user_id", alice.userId())).expect(422);
        JsonNode noName = alice.post("/api/v1/tags", Map.of("color", "#123456", "user_id", alice.userId()))
                .expect(422).json();
        assertEquals("name", noName.path("detail").get(0).path("loc").get(1).asText());
        alice.post("/api/v1/tags", Map.of("name", "n".repeat(51), "color", "#123456")).expect(422);
        alice.post("/api/v1/tags", Map.of("name", 42, "color", "#123456")).expect(422);
        alice.post("/api/v1/tags", "{not json").expect(422);
    }

    @Test
    void tagsAreUpdatedPartially() {
        ApiClient alice = server.newUser();
        String id = createTag(alice, "todo", "#111111").path("id").asText();
        JsonNode renamed = alice.put("/api/v1/tags/" + id, Map.of("name", "done")).expect(200).json();
        assertEquals("done", renamed.path("name").asText());
        assertEquals("#111111", renamed.path("color").asText());
        JsonNode recolored = alice.put("/api/v1/tags/" + id, Map.of("color", "#222222")).expect(200).json();
        assertEquals("done", recolored.path("name").asText());
        assertEquals("#222222", recolored.path("color").asText());
        alice.put("/api/v1/tags/" + id, Map.of("color", "blue")).expect(422);
        assertEquals(List.of("done"), names(alice.get("/api/v1/users/current/tags").expect(200).json()));
    }

    @Test
    void deletedTagsAreGone() {
        ApiClient alice = server.newUser();
        String id = createTag(alice, "temp", "#111111").path("id").asText();
        alice.delete("/api/v1/tags/" + id).expect(204);
        assertEquals("Tag not found", alice.delete("/api/v1/tags/" + id).expect(404).detail());
        assertTrue(alice.get("/api/v1/users/current/tags").expect(200).json().isEmpty());
        alice.put("/api/v1/tags/no-such-tag", Map.of("name", "x")).expect(404);
    }

    @Test
    void anotherUsersTagsAreOutOfReach() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = createTag(alice, "private", "#111111").path("id").asText();

        assertEquals("Not allowed to act for another user",
                bob.get("/api/v1/users/" + alice.userId() + "/tags").expect(403).detail());
        bob.post("/api/v1/tags", Map.of("name", "x", "color", "#111111", "user_id", alice.userId())).expect(403);
        assertEquals("Tag not found", bob.put("/api/v1/tags/" + id, Map.of("name", "mine")).expect(404).detail());
        bob.delete("/api/v1/tags/" + id).expect(404);
        bob.get("/api/v1/tags/" + id + "/conversations").expect(404);
        bob.put("/api/v1/tags/" + id, Map.of("user_id", alice.userId())).expect(403);

        assertEquals(List.of("private"), names(alice.get("/api/v1/users/current/tags").expect(200).json()));
        assertTrue(bob.get("/api/v1/users/current/tags").expect(200).json().isEmpty());
    }
}
