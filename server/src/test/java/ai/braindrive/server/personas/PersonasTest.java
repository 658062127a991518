package ai.braindrive.server.personas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PersonasTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> persona(String name, Object... extra) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("system_prompt", "You are " + name + ".");
        for (int i = 0; i + 1 < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return body;
    }

    private static JsonNode create(ApiClient client, Map<String, Object> body) {
        return client.post("/api/v1/personas", body).expect(201).json();
    }

    private static List<String> names(JsonNode personas) {
        List<String> names = new ArrayList<>();
        personas.forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void aCreatedPersonaIsReturnedWithAllItsFields() {
        ApiClient alice = server.newUser();
        JsonNode created = create(alice, persona("Helper", "description", "A friendly AI helper",
                "model_settings", Map.of("temperature", 0.7, "max_tokens", 2000, "custom", "kept"),
                "avatar", "robot", "tags", List.of("general", "assistant", "general"),
                "sample_greeting", "Hello!"));
        assertEquals("Helper", created.path("name").asText());
        assertEquals("You are Helper.", created.path("system_prompt").asText());
        assertEquals("A friendly AI helper", created.path("description").asText());
        assertEquals(0.7, created.path("model_settings").path("temperature").asDouble());
        assertEquals(2000, created.path("model_settings").path("max_tokens").asInt());
        assertEquals("kept", created.path("model_settings").path("custom").asText());
        assertEquals("robot", created.path("avatar").asText());
        assertEquals(List.of("general", "assistant"), texts(created.path("tags")));
        assertEquals("Hello!", created.path("sample_greeting").asText());
        assertTrue(created.path("is_active").asBoolean());
        assertEquals(alice.userId(), created.path("user_id").asText());
        assertFalse(created.path("created_at").asText().isEmpty());

        JsonNode fetched = alice.get("/api/v1/personas/" + created.path("id").asText()).expect(200).json();
        assertEquals(created, fetched);
    }

    @Test
    void missingOrInvalidFieldsAreRejected() {
        ApiClient alice = server.newUser();
        JsonNode missing = alice.post("/api/v1/personas", Map.of()).expect(422).json();
        List<String> fields = new ArrayList<>();
        missing.path("detail").forEach(e -> fields.add(e.path("loc").get(1).asText()));
        assertEquals(List.of("name", "system_prompt"), fields);
        alice.post("/api/v1/personas", persona("n".repeat(101))).expect(422);
        alice.post("/api/v1/personas", persona("ok", "system_prompt", "  ")).expect(422);
        alice.post("/api/v1/personas", persona("ok", "tags", List.of(""))).expect(422);
        alice.post("/api/v1/personas", persona("ok", "tags", List.of("t".repeat(51)))).expect(422);
        alice.post("/api/v1/personas", persona("ok", "tags", "not-a-list")).expect(422);
        alice.post("/api/v1/personas", persona("ok", "is_active", "yes")).expect(422);
        alice.post("/api/v1/personas", persona("ok", "model_settings", List.of(1))).expect(422);
        alice.post("/api/v1/personas", "[1, 2").expect(422);
        assertEquals(0, alice.get("/api/v1/personas").expect(200).json().path("total_items").asInt());
    }

    @Test
    void modelSettingsOutOfRangeAreRejected() {
        ApiClient alice = server.newUser();
        for (Map<String, Object> settings : List.<Map<String, Object>>of(
                Map.of("temperature", 2.1), Map.of("temperature", -0.1), Map.of("temperature", "hot"),
                Map.of("top_p", 1.5), Map.of("top_p", -1), Map.of("max_tokens", 0), Map.of("max_tokens", -5),
                Map.of("max_tokens", 1.5), Map.of("frequency_penalty", 3), Map.of("context_window", 0),
                Map.of("stop_sequences", List.of(1)))) {
            JsonNode error = alice.post("/api/v1/personas", persona("p", "model_settings", settings)).expect(422)
                    .json();
            assertEquals("model_settings", error.path("detail").get(0).path("loc").get(1).asText(),
                    settings.toString());
        }
        create(alice, persona("edges", "model_settings", Map.of("temperature", 0, "top_p", 1, "max_tokens", 1)));
        create(alice, persona("max", "model_settings", Map.of("temperature", 2.0, "top_p", 0.0)));
    }

    @Test
    void updatesApplyOnlyTheFieldsGiven() {
        ApiClient alice = server.newUser();
        String id = create(alice, persona("Old", "description", "desc", "tags", List.of("a", "b"),
                "model_settings", Map.of("temperature", 1))).path("id").asText();
        JsonNode updated = alice.put("/api/v1/personas/" + id, Map.of("name", "New", "tags", List.of("c"),
                "is_active", false)).expect(200).json();
        assertEquals("New", updated.path("name").asText());
        assertEquals("desc", updated.path("description").asText());
        assertEquals("You are Old.", updated.path("system_prompt").asText());
        assertEquals(List.of("c"), texts(updated.path("tags")));
        assertFalse(updated.path("is_active").asBoolean());
        assertEquals(1, updated.path("model_settings").path("temperature").asInt());
        assertEquals(updated, alice.get("/api/v1/personas/" + id).expect(200).json());

        alice.put("/api/v1/personas/" + id, Map.of("model_settings", Map.of("top_p", 2))).expect(422);
        alice.put("/api/v1/personas/" + id, Map.of("name", "")).expect(422);
        alice.put("/api/v1/personas/" + id, "[]").expect(422);
        HashMap<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        alice.put("/api/v1/personas/" + id, nullName).expect(422);
        HashMap<String, Object> nullActive = new HashMap<>();
        nullActive.put("is_active", null);
        alice.put("/api/v1/personas/" + id, nullActive).expect(422);
        assertEquals("New", alice.get("/api/v1/personas/" + id).expect(200).json().path("name").asText());
    }

    @Test
    void deletedPersonasAreGone() {
        ApiClient alice = server.newUser();
        String id = create(alice, persona("Temp", "tags", List.of("temp"))).path("id").asText();
        alice.delete("/api/v1/personas/" + id).expect(204);
        assertEquals("Persona not found", alice.get("/api/v1/personas/" + id).expect(404).detail());
        alice.delete("/api/v1/personas/" + id).expect(404);
        assertTrue(alice.get("/api/v1/personas/tags").expect(200).json().isEmpty());
    }

    @Test
    void availableTagsAreTheDistinctTagsOfTheCallersPersonas() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        create(alice, persona("One", "tags", List.of("writing", "general")));
        create(alice, persona("Two", "tags", List.of("general", "code")));
        create(alice, persona("Three"));
        create(bob, persona("Bobs", "tags", List.of("secret")));
        assertEquals(List.of("code", "general", "writing"),
                texts(alice.get("/api/v1/personas/tags").expect(200).json()));
        assertEquals(List.of("secret"), texts(bob.get("/api/v1/personas/tags").expect(200).json()));
    }

    @Test
    void listsArePagedWithTotals() {
        ApiClient alice = server.newUser();
        for (int i = 1; i <= 5; i++) {
            create(alice, persona("P" + i));
        }
        JsonNode first = alice.get("/api/v1/personas?page=1&page_size=2").expect(200).json();
        assertEquals(List.of("P5", "P4"), names(first.path("personas")));
        assertEquals(5, first.path("total_items").asInt());
        assertEquals(1, first.path("page").asInt());
        assertEquals(2, first.path("page_size").asInt());
        assertEquals(3, first.path("total_pages").asInt());
        JsonNode last = alice.get("/api/v1/personas?page=3&page_size=2").expect(200).json();
        assertEquals(List.of("P1"), names(last.path("personas")));
        assertEquals(3, last.path("page").asInt());
        assertTrue(alice.get("/api/v1/personas?page=9&page_size=2").expect(200).json().path("personas").isEmpty());
        JsonNode legacy = alice.get("/api/v1/personas?skip=2&limit=2").expect(200).json();
        assertEquals(List.of("P3", "P2"), names(legacy.path("personas")));
        assertEquals(2, legacy.path("page").asInt());
        JsonNode defaults = alice.get("/api/v1/personas").expect(200).json();
        assertEquals(20, defaults.path("page_size").asInt());
        assertEquals(1, defaults.path("total_pages").asInt());

        alice.get("/api/v1/personas?page=0").expect(422);
        alice.get("/api/v1/personas?page_size=101").expect(422);
        alice.get("/api/v1/personas?page=abc").expect(422);
        alice.get("/api/v1/personas?is_active=maybe").expect(422);
    }

    @Test
    void listsFilterBySearchTagsAndActiveFlag() {
        ApiClient alice = server.newUser();
        create(alice, persona("Coder", "tags", List.of("code"), "description", "Writes Java"));
        create(alice, persona("Poet", "tags", List.of("writing"), "is_active", false));
        create(alice, persona("Editor", "tags", List.of("writing", "review"), "system_prompt", "Fix 100% of typos"));

        assertEquals(List.of("Editor", "Poet"),
                names(alice.get("/api/v1/personas?tags=writing").expect(200).json().path("personas")));
        assertEquals(List.of("Editor", "Coder"),
                names(alice.get("/api/v1/personas?tags=code,review").expect(200).json().path("personas")));
        JsonNode active = alice.get("/api/v1/personas?is_active=false").expect(200).json();
        assertEquals(List.of("Poet"), names(active.path("personas")));
        assertEquals(1, active.path("total_items").asInt());
        assertEquals(List.of("Coder"), names(alice.get("/api/v1/personas?search=JAVA").expect(200).json()
                .path("personas")));
        assertEquals(List.of("Poet"), names(alice.get("/api/v1/personas?search=poe").expect(200).json()
                .path("personas")));
        assertEquals(List.of("Editor"), names(alice.get("/api/v1/personas?search=100%25").expect(200).json()
                .path("personas")));
        assertEquals(0, alice.get("/api/v1/personas?search=_").expect(200).json().path("total_items").asInt());
        assertEquals(List.of("Editor"), names(alice.get("/api/v1/personas?tags=writing&is_active=true")
                .expect(200).json().path("personas")));
    }

    @Test
    void anotherUsersPersonasAreOutOfReach() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = create(alice, persona("Private")).path("id").asText();

        assertEquals("Persona not found", bob.get("/api/v1/personas/" + id).expect(404).detail());
        bob.put("/api/v1/personas/" + id, Map.of("name", "Stolen")).expect(404);
        bob.delete("/api/v1/personas/" + id).expect(404);
        assertEquals(0, bob.get("/api/v1/personas").expect(200).json().path("total_items").asInt());
        bob.post("/api/v1/personas", persona("Fake", "user_id", alice.userId())).expect(403);
        create(bob, persona("Own", "user_id", "current"));

        JsonNode still = alice.get("/api/v1/personas/" + id).expect(200).json();
        assertEquals("Private", still.path("name").asText());
        alice.get("/api/v1/personas/not-a-uuid").expect(404);
    }
}
