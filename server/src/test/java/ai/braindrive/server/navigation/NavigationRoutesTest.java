package ai.braindrive.server.navigation;

import static ai.braindrive.server.testing.Bodies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class NavigationRoutesTest {
    private static final String BASE = "/api/v1/navigation-routes";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }


    private static String create(ApiClient client, String name, String route, Object... more) {
        Map<String, Object> b = body("name", name, "route", route);
        b.putAll(body(more));
        return client.post(BASE, b).expect(201).json().path("id").asText();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).asText()));
        return values;
    }

    private static JsonNode node(JsonNode tree, String name) {
        for (JsonNode n : tree) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
            JsonNode found = node(n.path("children"), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void aFreshUserHasTheSystemRoutes() {
        ApiClient alice = server.newUser();
        ApiClient.Response response = alice.get(BASE).expect(200);
        assertEquals("5", response.header("X-Total-Count").orElseThrow());
        JsonNode list = response.json();
        assertEquals(List.of("dashboard", "plugin-studio", "personas", "plugin-manager", "settings"),
                texts(list, "route"));
        for (JsonNode route : list) {
            assertTrue(route.path("is_system_route").asBoolean(), route.toString());
            assertEquals(alice.userId(), route.path("creator_id").asText());
            assertEquals(route.path("display_order").asInt(), route.path("order").asInt());
        }
        assertEquals("dashboard", list.path(0).path("default_component_id").asText());
        JsonNode tree = alice.get(BASE + "/tree").expect(200).json();
        assertEquals(5, tree.size());
        tree.forEach(root -> assertEquals(0, root.path("children").size()));
    }

    @Test
    void createsReadsUpdatesAndDeletesARoute() {
        ApiClient alice = server.newUser();
        JsonNode created = alice.post(BASE, body("name", "Projects", "route", "/projects", "icon", "Folder",
                "description", "My projects", "order", 7, "is_expanded", false)).expect(201).json();
        String id = created.path("id").asText();
        assertEquals("projects", created.path("route").asText());
        assertEquals(7, created.path("display_order").asInt());
        assertEquals(7, created.path("order").asInt());
        assertEquals(false, created.path("is_expanded").asBoolean());
        assertEquals(true, created.path("is_visible").asBoolean());
        assertEquals(false, created.path("is_system_route").asBoolean());
        assertTrue(created.path("parent_id").isNull());

        JsonNode fetched = alice.get(BASE + "/" + id).expect(200).json();
        assertEquals("Projects", fetched.path("name").asText());
        assertEquals("My projects", fetched.path("description").asText());

        JsonNode updated = alice.put(BASE + "/" + id, body("name", "Work", "display_order", 3, "description", null))
                .expect(200).json();
        assertEquals("Work", updated.path("name").asText());
        assertEquals(3, updated.path("order").asInt());
        assertTrue(updated.path("description").isNull());
        assertEquals("Folder", updated.path("icon").asText());
        assertEquals("projects", updated.path("route").asText());

        alice.delete(BASE + "/" + id).expect(204);
        assertEquals("Navigation route not found", alice.get(BASE + "/" + id).expect(404).detail());
        alice.delete(BASE + "/" + id).expect(404);
    }

    @Test
    void routePathsAreUniquePerUser() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        create(alice, "Notes", "notes");
        assertTrue(alice.post(BASE, body("name", "Again", "route", "/notes/")).expect(409).detail().contains("notes"));
        alice.post(BASE, body("name", "Dash", "route", "dashboard")).expect(409);
        create(bob, "Notes", "notes");
        String other = create(alice, "Other", "other");
        alice.put(BASE + "/" + other, body("route", "notes")).expect(409);
        assertEquals("other", alice.get(BASE + "/" + other).expect(200).json().path("route").asText());
    }

    @Test
    void anotherUsersRoutesAreInvisible() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = create(alice, "Private", "private");
        bob.get(BASE + "/" + id).expect(404);
        bob.put(BASE + "/" + id, body("name", "Mine")).expect(404);
        bob.put(BASE + "/" + id + "/move", body("parent_id", null, "display_order", 1)).expect(404);
        bob.delete(BASE + "/" + id).expect(404);
        bob.post(BASE + "/batch-update", List.of(body("id", id, "display_order", 9))).expect(404);
        bob.post(BASE, body("name", "Child", "route", "child", "parent_id", id)).expect(404);
        String bobs = create(bob, "Bobs", "bobs");
        bob.put(BASE + "/" + bobs + "/move", body("parent_id", id)).expect(404);
        assertTrue(texts(bob.get(BASE).expect(200).json(), "id").stream().noneMatch(id::equals));
        JsonNode still = alice.get(BASE + "/" + id).expect(200).json();
        assertEquals("Private", still.path("name").asText());
        assertEquals(0, still.path("display_order").asInt());
    }

    @Test
    void treeNestsChildrenSortedByDisplayOrder() {
        ApiClient alice = server.newUser();
        String parent = create(alice, "Parent", "parent", "display_order", 10);
        create(alice, "Second", "second", "parent_id", parent, "display_order", 2);
        String first = create(alice, "First", "first", "parent_id", parent, "order", 1);
        create(alice, "Grandchild", "grandchild", "parent_id", first);
        JsonNode tree = alice.get(BASE + "/tree").expect(200).json();
        assertEquals(List.of("Dashboard", "Page Builder", "Personas", "Plugin Manager", "Settings", "Parent"),
                texts(tree, "name"));
        JsonNode parentNode = node(tree, "Parent");
        assertEquals(List.of("First", "Second"), texts(parentNode.path("children"), "name"));
        assertEquals(1, parentNode.path("children").path(0).path("depth_level").asInt());
        assertEquals(List.of("Grandchild"), texts(node(tree, "First").path("children"), "name"));
        assertEquals(parent, node(tree, "First").path("parent_id").asText());
    }

    @Test
    void movingARouteReparentsItAndRefusesCycles() {
        ApiClient alice = server.newUser();
        String a = create(alice, "A", "a");
        String b = create(alice, "B", "b", "parent_id", a);
        String c = create(alice, "C", "c", "parent_id", b);

        assertEquals("A navigation route cannot be placed under itself or one of its descendants",
                alice.put(BASE + "/" + a + "/move", body("parent_id", c)).expect(400).detail());
        alice.put(BASE + "/" + a + "/move", body("parent_id", a)).expect(400);
        alice.put(BASE + "/" + a, body("parent_id", b)).expect(400);
        alice.put(BASE + "/" + a + "/move", body("parent_id", "no-such-id")).expect(404);
        assertTrue(alice.get(BASE + "/" + a).expect(200).json().path("parent_id").isNull());

        JsonNode moved = alice.put(BASE + "/" + c + "/move", body("parent_id", a, "display_order", 5))
                .expect(200).json();
        assertEquals(a, moved.path("parent_id").asText());
        assertEquals(5, moved.path("display_order").asInt());
        JsonNode root = alice.put(BASE + "/" + b + "/move", body("parent_id", null, "display_order", 99))
                .expect(200).json();
        assertTrue(root.path("parent_id").isNull());
        JsonNode tree = alice.get(BASE + "/tree").expect(200).json();
        assertEquals(List.of("C"), texts(node(tree, "A").path("children"), "name"));
        assertEquals("B", tree.path(tree.size() - 1).path("name").asText());

        alice.put(BASE + "/" + c + "/move", body("display_order", -1)).expect(422);
    }

    @Test
    void batchUpdateAppliesEverythingOrNothing() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String a = create(alice, "A", "a");
        String b = create(alice, "B", "b");
        String c = create(alice, "C", "c", "parent_id", a);
        String bobs = create(bob, "Bobs", "bobs");

        JsonNode done = alice.post(BASE + "/batch-update", List.of(
                body("id", b, "parent_id", a, "display_order", 1, "is_expanded", false),
                body("id", c, "display_order", 2))).expect(200).json();
        assertEquals(2, done.size());
        assertEquals(a, done.path(0).path("parent_id").asText());
        assertEquals(false, done.path(0).path("is_expanded").asBoolean());
        assertEquals(a, done.path(1).path("parent_id").asText());
        JsonNode before = alice.get(BASE + "/tree").expect(200).json();
        assertEquals(List.of("B", "C"), texts(node(before, "A").path("children"), "name"));

        // One bad item (unknown, foreign, cyclic or invalid) and nothing changes.
        alice.post(BASE + "/batch-update", List.of(body("id", b, "parent_id", null, "display_order", 50),
                body("id", "missing", "display_order", 1))).expect(404);
        alice.post(BASE + "/batch-update", List.of(body("id", b, "parent_id", null, "display_order", 50),
                body("id", bobs, "display_order", 1))).expect(404);
        alice.post(BASE + "/batch-update", List.of(body("id", b, "parent_id", null, "display_order", 50),
                body("id", c, "parent_id", bobs))).expect(404);
        alice.post(BASE + "/batch-update", List.of(body("id", b, "parent_id", null, "display_order", 50),
                body("id", a, "parent_id", c))).expect(400);
        alice.post(BASE + "/batch-update", List.of(body("id", b, "parent_id", null, "display_order", 50),
                body("id", c, "display_order", "first"))).expect(422);
        alice.post(BASE + "/batch-update", List.of(body("id", b, "parent_id", null),
                body("display_order", 1))).expect(422);
        alice.post(BASE + "/batch-update", List.of(body("id", b), body("id", b))).expect(422);
        alice.post(BASE + "/batch-update", body("id", b)).expect(422);
        assertEquals(before, alice.get(BASE + "/tree").expect(200).json());
        assertEquals("bobs", bob.get(BASE + "/" + bobs).expect(200).json().path("route").asText());

        // A swap that is only valid as a whole goes through.
        alice.post(BASE + "/batch-update", List.of(body("id", a, "parent_id", b), body("id", b, "parent_id", null)))
                .expect(200);
        assertEquals(b, alice.get(BASE + "/" + a).expect(200).json().path("parent_id").asText());
    }

    @Test
    void systemRoutesCannotBeDeletedOrRenamed() {
        ApiClient alice = server.newUser();
        JsonNode settings = alice.get(BASE).expect(200).json().path(4);
        String id = settings.path("id").asText();
        assertEquals("System navigation routes cannot be deleted", alice.delete(BASE + "/" + id).expect(403).detail());
        alice.put(BASE + "/" + id, body("name", "Prefs")).expect(400);
        alice.put(BASE + "/" + id, body("route", "prefs")).expect(400);
        alice.put(BASE + "/" + id, body("is_system_route", false)).expect(400);
        alice.put(BASE + "/" + id, body("default_component_id", "other")).expect(400);
        JsonNode updated = alice.put(BASE + "/" + id, body("icon", "Tune", "is_visible", false)).expect(200).json();
        assertEquals("Tune", updated.path("icon").asText());
        assertEquals(false, updated.path("is_visible").asBoolean());
        assertEquals(List.of("dashboard", "plugin-studio", "personas", "plugin-manager"),
                texts(alice.get(BASE + "?visible_only=true").expect(200).json(), "route"));
        alice.get(BASE + "/" + id).expect(200);
    }

    @Test
    void deletingARouteLiftsItsChildrenToItsParent() {
        ApiClient alice = server.newUser();
        String top = create(alice, "Top", "top");
        String middle = create(alice, "Middle", "middle", "parent_id", top);
        String leaf = create(alice, "Leaf", "leaf", "parent_id", middle);
        alice.delete(BASE + "/" + middle).expect(204);
        assertEquals(top, alice.get(BASE + "/" + leaf).expect(200).json().path("parent_id").asText());
        alice.delete(BASE + "/" + top).expect(204);
        assertTrue(alice.get(BASE + "/" + leaf).expect(200).json().path("parent_id").isNull());
    }

    @Test
    void defaultPageMustBeOneOfTheUsersPagesAndIsClearedWhenItIsDeleted() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String page = alice.post("/api/v1/pages", body("name", "Target", "route", "target",
                "content", Map.of())).expect(201).json().path("id").asText();
        String bobsPage = bob.get("/api/v1/pages").expect(200).json().path("pages").path(0).path("id").asText();
        alice.post(BASE, body("name", "X", "route", "x", "default_page_id", bobsPage)).expect(422);
        String id = create(alice, "Linked", "linked", "default_page_id", page);
        assertEquals(page, alice.get(BASE + "/" + id).expect(200).json().path("default_page_id").asText());
        alice.delete("/api/v1/pages/" + page).expect(204);
        assertTrue(alice.get(BASE + "/" + id).expect(200).json().path("default_page_id").isNull());
    }

    @Test
    void invalidInputIsRejected() {
        ApiClient alice = server.newUser();
        JsonNode missing = alice.post(BASE, body()).expect(422).json().path("detail");
        assertEquals(List.of("name", "route"), List.of(missing.path(0).path("loc").path(1).asText(),
                missing.path(1).path("loc").path(1).asText()));
        alice.post(BASE, body("name", "Bad", "route", "has space")).expect(422);
        alice.post(BASE, body("name", "Bad", "route", "a/../b")).expect(422);
        alice.post(BASE, body("name", "Bad", "route", "/")).expect(422);
        alice.post(BASE, body("name", "Bad", "route", "bad", "order", -1)).expect(422);
        alice.post(BASE, body("name", 5, "route", "bad")).expect(422);
        alice.post(BASE, body("name", "Bad", "route", "bad", "is_visible", "yes")).expect(422);
        alice.post(BASE, "[1,").expect(422);
        String id = create(alice, "Good", "good");
        alice.put(BASE + "/" + id, body("name", null)).expect(422);
        alice.put(BASE + "/" + id, body("route", "")).expect(422);
        ApiClient bob = server.newUser();
        alice.post(BASE, body("name", "For bob", "route", "forbob", "creator_id", bob.userId())).expect(403);
        alice.get(BASE + "/not-a-uuid").expect(404);
    }
}
