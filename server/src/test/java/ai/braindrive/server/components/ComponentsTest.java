package ai.braindrive.server.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComponentsTest {
    private static final String BASE = "/api/v1/components";
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.newUser();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String uniqueId() {
        return "comp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> componentIds(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.path("component_id").asText()));
        return ids;
    }

    @Test
    void systemComponentsExistOnceHoweverManyUsersRegister() {
        server.newUser();
        ApiClient bob = server.newUser();
        ApiClient.Response response = bob.get(BASE).expect(200);
        JsonNode list = response.json();
        assertEquals(String.valueOf(list.size()), response.header("X-Total-Count").orElseThrow());
        List<String> ids = componentIds(list);
        JsonNode firstTwo = bob.get(BASE + "?limit=2").expect(200).json();
        assertEquals(2, firstTwo.size());
        assertEquals(list.path(0), firstTwo.path(0));
        assertEquals(list.path(2), bob.get(BASE + "?skip=2&limit=1").expect(200).json().path(0));
        bob.get(BASE + "?limit=0").expect(422);
        for (String system : List.of("dashboard", "settings", "personas", "plugin-manager", "plugin-studio")) {
            assertEquals(1, ids.stream().filter(system::equals).count(), system);
        }
        JsonNode dashboard = bob.get(BASE + "/dashboard").expect(200).json();
        assertTrue(dashboard.path("is_system").asBoolean());
        assertEquals("Dashboard", dashboard.path("name").asText());
    }

    @Test
    void adminCreatesReadsUpdatesAndDeletesAComponent() {
        String componentId = uniqueId();
        JsonNode created = admin.post(BASE, Map.of("name", "Weather", "component_id", componentId,
                "description", "Shows the weather", "icon", "Cloud")).expect(201).json();
        String id = created.path("id").asText();
        assertEquals("Weather", created.path("name").asText());
        assertEquals(componentId, created.path("component_id").asText());
        assertEquals("Shows the weather", created.path("description").asText());
        assertEquals("Cloud", created.path("icon").asText());
        assertFalse(created.path("is_system").asBoolean());
        assertFalse(created.path("created_at").asText().isEmpty());

        ApiClient reader = server.newUser();
        assertEquals(componentId, reader.get(BASE + "/" + id).expect(200).json().path("component_id").asText());
        assertEquals(id, reader.get(BASE + "/" + componentId).expect(200).json().path("id").asText());
        assertTrue(componentIds(reader.get(BASE).expect(200).json()).contains(componentId));

        JsonNode updated = admin.put(BASE + "/" + componentId, Map.of("name", "Forecast", "icon", "Sun"))
                .expect(200).json();
        assertEquals("Forecast", updated.path("name").asText());
        assertEquals("Sun", updated.path("icon").asText());
        assertEquals("Shows the weather", updated.path("description").asText());
        assertEquals("Forecast", reader.get(BASE + "/" + id).expect(200).json().path("name").asText());

        admin.delete(BASE + "/" + id).expect(204);
        assertEquals("Component not found", reader.get(BASE + "/" + id).expect(404).detail());
        assertFalse(componentIds(reader.get(BASE).expect(200).json()).contains(componentId));
    }

    @Test
    void duplicateComponentIdIsAConflict() {
        String componentId = uniqueId();
        admin.post(BASE, Map.of("name", "One", "component_id", componentId)).expect(201);
        ApiClient.Response again = admin.post(BASE, Map.of("name", "Two", "component_id", componentId)).expect(409);
        assertTrue(again.detail().contains(componentId), again.body());
        admin.post(BASE, Map.of("name", "Three", "component_id", "dashboard")).expect(409);
    }

    @Test
    void onlyAdminsChangeComponents() {
        String componentId = uniqueId();
        admin.post(BASE, Map.of("name", "Shared", "component_id", componentId)).expect(201);
        ApiClient user = server.newUser();
        assertEquals("Admin privileges required",
                user.post(BASE, Map.of("name", "Mine", "component_id", uniqueId())).expect(403).detail());
        user.put(BASE + "/" + componentId, Map.of("name", "Hijacked")).expect(403);
        user.delete(BASE + "/" + componentId).expect(403);
        assertEquals("Shared", user.get(BASE + "/" + componentId).expect(200).json().path("name").asText());
        server.anonymous().get(BASE).expect(401);
    }

    @Test
    void systemComponentsCannotBeDeleted() {
        assertEquals("System components cannot be deleted", admin.delete(BASE + "/settings").expect(403).detail());
        admin.get(BASE + "/settings").expect(200);
    }

    @Test
    void invalidBodiesAreRejectedWith422() {
        JsonNode missing = admin.post(BASE, Map.of()).expect(422).json().path("detail");
        List<String> fields = new ArrayList<>();
        missing.forEach(e -> fields.add(e.path("loc").path(1).asText()));
        assertEquals(List.of("name", "component_id"), fields);

        JsonNode pattern = admin.post(BASE, Map.of("name", "X", "component_id", "has spaces")).expect(422).json();
        assertEquals("component_id", pattern.path("detail").path(0).path("loc").path(1).asText());

        admin.post(BASE, Map.of("name", 42, "component_id", uniqueId())).expect(422);
        admin.post(BASE, "{not json").expect(422);
        admin.post(BASE, Map.of("name", "x".repeat(256), "component_id", uniqueId())).expect(422);

        String componentId = uniqueId();
        admin.post(BASE, Map.of("name", "Fixed", "component_id", componentId)).expect(201);
        admin.put(BASE + "/" + componentId, Map.of("component_id", "renamed")).expect(422);
        admin.put(BASE + "/" + componentId, "{\"name\": null}").expect(422);
    }

    @Test
    void creatingForAnotherUserIsForbidden() {
        ApiClient other = server.newUser();
        admin.post(BASE, Map.of("name", "X", "component_id", uniqueId(), "user_id", other.userId())).expect(403);
        admin.post(BASE, Map.of("name", "X", "component_id", uniqueId(), "user_id", admin.userId())).expect(201);
    }

    @Test
    void unknownComponentIs404() {
        admin.get(BASE + "/no-such-component").expect(404);
        admin.put(BASE + "/no-such-component", Map.of("name", "X")).expect(404);
        admin.delete(BASE + "/no-such-component").expect(404);
    }
}
