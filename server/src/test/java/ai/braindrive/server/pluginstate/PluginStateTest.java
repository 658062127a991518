package ai.braindrive.server.pluginstate;

import static ai.braindrive.server.testing.Bodies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PluginStateTest {
    private static final String BASE = "/api/v1/plugin-state";
    private static final String PAST = "2020-01-01T00:00:00Z";
    private static final String FUTURE = "2999-01-01T00:00:00Z";

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }


    private static JsonNode create(ApiClient client, Object... keyValues) {
        return client.post(BASE + "/", body(keyValues)).expect(201).json();
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new HashSet<>();
        array.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private static List<Object> loc(JsonNode error) {
        List<Object> loc = new ArrayList<>();
        error.path("loc").forEach(part -> loc.add(part.isInt() ? part.asInt() : part.asText()));
        return loc;
    }

    @Test
    void createStoresTheStateWithDefaultsAndReturnsIt() {
        ApiClient alice = server.newUser();
        JsonNode state = create(alice, "plugin_id", "weather", "state_data", Map.of("city", "Zürich", "n", 3));

        assertEquals(36, state.path("id").asText().length());
        assertEquals(alice.userId(), state.path("user_id").asText());
        assertEquals("weather", state.path("plugin_id").asText());
        assertTrue(state.path("page_id").isNull());
        assertTrue(state.path("state_key").isNull());
        assertEquals("persistent", state.path("state_strategy").asText());
        assertEquals("Zürich", state.path("state_data").path("city").asText());
        assertEquals(3, state.path("state_data").path("n").asInt());
        // Bytes of the compact JSON in UTF-8: "ü" is two bytes.
        int expectedSize = "{\"city\":\"Zürich\",\"n\":3}".length() + 1;
        String compact = state.path("state_data").toString();
        assertEquals(compact.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, state.path("state_size").asLong());
        assertEquals(expectedSize, state.path("state_size").asLong());
        assertEquals("synced", state.path("sync_status").asText());
        assertEquals(1, state.path("version").asInt());
        assertTrue(state.path("is_active").asBoolean());
        assertEquals(0, state.path("access_count").asInt());
        assertTrue(state.path("compression_type").isNull());
        assertTrue(state.path("ttl_expires_at").isNull());
        Instant created = Instant.parse(state.path("created_at").asText());
        assertEquals(created, Instant.parse(state.path("updated_at").asText()));
        assertEquals(created, Instant.parse(state.path("last_accessed").asText()));

        // Without the trailing slash too, with every optional field.
        JsonNode full = alice.post(BASE, body("plugin_id", "weather", "page_id", "page-1", "state_key", "layout",
                "state_strategy", "session", "state_data", List.of(1, 2, 3), "ttl_expires_at", "2999-06-01T10:00:00+02:00",
                "device_id", "laptop", "state_schema_version", "1.0", "user_id", "current")).expect(201).json();
        assertEquals("page-1", full.path("page_id").asText());
        assertEquals("layout", full.path("state_key").asText());
        assertEquals("session", full.path("state_strategy").asText());
        assertEquals("[1,2,3]", full.path("state_data").toString());
        assertEquals("2999-06-01T08:00:00Z", full.path("ttl_expires_at").asText());
        assertEquals("laptop", full.path("device_id").asText());
        assertEquals("1.0", full.path("state_schema_version").asText());
    }

    @Test
    void getReturnsTheStateAndCountsTheAccess() {
        ApiClient alice = server.newUser();
        String id = create(alice, "plugin_id", "notes", "state_data", Map.of("text", "hi")).path("id").asText();

        JsonNode first = alice.get(BASE + "/" + id).expect(200).json();
        assertEquals("hi", first.path("state_data").path("text").asText());
        assertEquals(1, first.path("access_count").asInt());
        JsonNode second = alice.get(BASE + "/" + id).expect(200).json();
        assertEquals(2, second.path("access_count").asInt());
        assertEquals(1, second.path("version").asInt());

        assertEquals("Plugin state not found", alice.get(BASE + "/no-such-id").expect(404).detail());
        alice.get(BASE + "/" + java.util.UUID.randomUUID()).expect(404);
    }

    @Test
    void updateChangesGivenFieldsAndBumpsTheVersion() {
        ApiClient alice = server.newUser();
        JsonNode state = create(alice, "plugin_id", "editor", "state_key", "draft", "state_data", Map.of("v", 1),
                "device_id", "phone", "state_schema_version", "1", "ttl_expires_at", FUTURE);
        String id = state.path("id").asText();

        JsonNode updated = alice.put(BASE + "/" + id, body("state_data", Map.of("v", 2, "more", "text"),
                "state_strategy", "session", "sync_status", "pending")).expect(200).json();
        assertEquals(2, updated.path("version").asInt());
        assertEquals(2, updated.path("state_data").path("v").asInt());
        assertEquals(updated.path("state_data").toString().length(), updated.path("state_size").asInt());
        assertEquals("session", updated.path("state_strategy").asText());
        assertEquals("pending", updated.path("sync_status").asText());
        // Fields not given are kept.
        assertEquals("draft", updated.path("state_key").asText());
        assertEquals("phone", updated.path("device_id").asText());
        assertEquals("1", updated.path("state_schema_version").asText());
        assertEquals("2999-01-01T00:00:00Z", updated.path("ttl_expires_at").asText());
        assertEquals(state.path("created_at").asText(), updated.path("created_at").asText());

        // An update without sync_status marks the state synced; an explicit null TTL removes the expiry.
        JsonNode again = alice.put(BASE + "/" + id, body("ttl_expires_at", null, "device_id", "laptop",
                "is_active", false, "user_id", alice.userId())).expect(200).json();
        assertEquals(3, again.path("version").asInt());
        assertEquals("synced", again.path("sync_status").asText());
        assertTrue(again.path("ttl_expires_at").isNull());
        assertEquals("laptop", again.path("device_id").asText());
        assertFalse(again.path("is_active").asBoolean());
        assertEquals(2, again.path("state_data").path("v").asInt());

        JsonNode stored = alice.get(BASE + "/" + id).expect(200).json();
        assertEquals(3, stored.path("version").asInt());
        assertEquals("laptop", stored.path("device_id").asText());

        alice.put(BASE + "/no-such-id", body("state_data", Map.of())).expect(404);
    }

    @Test
    void deleteRemovesTheState() {
        ApiClient alice = server.newUser();
        String id = create(alice, "plugin_id", "p", "state_data", Map.of()).path("id").asText();

        assertEquals("Plugin state deleted successfully",
                alice.delete(BASE + "/" + id).expect(200).json().path("message").asText());
        alice.get(BASE + "/" + id).expect(404);
        alice.delete(BASE + "/" + id).expect(404);
        // The scope is free again.
        create(alice, "plugin_id", "p", "state_data", Map.of());
    }

    @Test
    void duplicateScopeIsAConflictEvenWhenPageAndKeyAreNull() {
        ApiClient alice = server.newUser();
        create(alice, "plugin_id", "dup", "state_data", Map.of("a", 1));
        String detail = alice.post(BASE + "/", body("plugin_id", "dup", "state_data", Map.of("a", 2)))
                .expect(409).detail();
        assertTrue(detail.contains("already exists"), detail);

        create(alice, "plugin_id", "dup", "page_id", "p1", "state_data", Map.of());
        alice.post(BASE + "/", body("plugin_id", "dup", "page_id", "p1", "state_data", Map.of())).expect(409);
        create(alice, "plugin_id", "dup", "state_key", "k", "state_data", Map.of());
        alice.post(BASE + "/", body("plugin_id", "dup", "state_key", "k", "state_data", Map.of())).expect(409);
        create(alice, "plugin_id", "dup", "page_id", "p1", "state_key", "k", "state_data", Map.of());
        alice.post(BASE + "/", body("plugin_id", "dup", "page_id", "p1", "state_key", "k", "state_data", Map.of()))
                .expect(409);
        // Another plugin, or another user, may use the same page and key.
        create(alice, "plugin_id", "other", "page_id", "p1", "state_key", "k", "state_data", Map.of());
        create(server.newUser(), "plugin_id", "dup", "state_data", Map.of());

        ApiClient.Response dups = alice.get(BASE + "/?plugin_id=dup").expect(200);
        assertEquals("4", dups.header("X-Total-Count").orElseThrow());
        assertEquals(4, dups.json().size());
    }

    @Test
    void listFiltersPagesAndCountsTheCallersStates() {
        ApiClient alice = server.newUser();
        String a = create(alice, "plugin_id", "chat", "page_id", "home", "state_key", "scroll", "state_data", 1,
                "device_id", "phone").path("id").asText();
        String b = create(alice, "plugin_id", "chat", "page_id", "work", "state_strategy", "session",
                "state_data", 2, "sync_status", "pending").path("id").asText();
        String c = create(alice, "plugin_id", "clock", "state_data", 3, "is_active", false,
                "sync_status", "conflict").path("id").asText();

        ApiClient.Response all = alice.get(BASE + "/").expect(200);
        assertEquals(Set.of(a, b, c), ids(all.json()));
        assertEquals("3", all.header("X-Total-Count").orElseThrow());
        assertEquals(Set.of(a, b), ids(alice.get(BASE + "?plugin_id=chat").expect(200).json()));
        assertEquals(Set.of(b), ids(alice.get(BASE + "/?page_id=work").expect(200).json()));
        assertEquals(Set.of(a), ids(alice.get(BASE + "/?state_key=scroll").expect(200).json()));
        assertEquals(Set.of(b), ids(alice.get(BASE + "/?state_strategy=session").expect(200).json()));
        assertEquals(Set.of(a, c), ids(alice.get(BASE + "/?state_strategy=persistent").expect(200).json()));
        assertEquals(Set.of(c), ids(alice.get(BASE + "/?sync_status=conflict").expect(200).json()));
        assertEquals(Set.of(c), ids(alice.get(BASE + "/?is_active=false").expect(200).json()));
        assertEquals(Set.of(a, b), ids(alice.get(BASE + "/?is_active=true").expect(200).json()));
        assertEquals(Set.of(a), ids(alice.get(BASE + "/?device_id=phone").expect(200).json()));
        assertEquals(Set.of(a), ids(alice.get(BASE + "/?plugin_id=chat&device_id=phone").expect(200).json()));
        assertEquals(0, alice.get(BASE + "/?plugin_id=nothing").expect(200).json().size());

        // Paging: disjoint pages covering everything, total unaffected by the page.
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < 3; offset++) {
            ApiClient.Response page = alice.get(BASE + "/?limit=1&offset=" + offset).expect(200);
            assertEquals(1, page.json().size());
            assertEquals("3", page.header("X-Total-Count").orElseThrow());
            seen.addAll(ids(page.json()));
        }
        assertEquals(Set.of(a, b, c), seen);
        assertEquals(0, alice.get(BASE + "/?offset=3").expect(200).json().size());
        alice.get(BASE + "/?limit=1000").expect(200);

        alice.get(BASE + "/?limit=1001").expect(422);
        alice.get(BASE + "/?limit=0").expect(422);
        alice.get(BASE + "/?offset=-1").expect(422);
        alice.get(BASE + "/?limit=ten").expect(422);
        JsonNode badStrategy = alice.get(BASE + "/?state_strategy=forever").expect(422).json();
        assertEquals(List.of("query", "state_strategy"), loc(badStrategy.path("detail").get(0)));
        alice.get(BASE + "/?sync_status=lost").expect(422);
        alice.get(BASE + "/?is_active=maybe").expect(422);
    }

    @Test
    void bulkCreateCreatesEveryStateInOneGo() {
        ApiClient alice = server.newUser();
        JsonNode result = alice.post(BASE + "/bulk", Map.of("states", List.of(
                Map.of("plugin_id", "a", "state_data", Map.of("x", 1)),
                Map.of("plugin_id", "a", "state_key", "k", "state_data", Map.of("x", 2), "state_strategy", "none"),
                Map.of("plugin_id", "b", "page_id", "p", "state_data", "text")))).expect(201).json();
        assertEquals(3, result.path("created").size());
        assertEquals(0, result.path("errors").size());
        assertEquals("none", result.path("created").get(1).path("state_strategy").asText());
        assertEquals("text", result.path("created").get(2).path("state_data").asText());
        assertEquals(ids(result.path("created")), ids(alice.get(BASE + "/").json()));

        JsonNode empty = alice.post(BASE + "/bulk", Map.of("states", List.of())).expect(201).json();
        assertEquals(0, empty.path("created").size());
    }

    @Test
    void bulkCreateIsAllOrNothing() {
        ApiClient alice = server.newUser();
        create(alice, "plugin_id", "existing", "state_data", Map.of());

        // An invalid item: 422 naming it, nothing created.
        JsonNode invalid = alice.post(BASE + "/bulk", Map.of("states", List.of(
                Map.of("plugin_id", "ok1", "state_data", 1),
                Map.of("plugin_id", "ok2", "state_data", 2),
                Map.of("state_data", 3),
                Map.of("plugin_id", "ok4", "state_data", 4, "state_strategy", "forever")))).expect(422).json();
        assertEquals(List.of("body", "states", 2, "plugin_id"), loc(invalid.path("detail").get(0)));
        assertEquals(List.of("body", "states", 3, "state_strategy"), loc(invalid.path("detail").get(1)));
        assertEquals(1, alice.get(BASE + "/").json().size());

        // A wrong type inside an item: 422 with the item's index in the location.
        JsonNode wrongType = alice.post(BASE + "/bulk", Map.of("states", List.of(
                Map.of("plugin_id", "ok1", "state_data", 1),
                Map.of("plugin_id", 42, "state_data", 2)))).expect(422).json();
        assertEquals(List.of("body", "states", 1, "plugin_id"), loc(wrongType.path("detail").get(0)));

        // An item that collides with an existing state: 409 naming it, the earlier items rolled back.
        String detail = alice.post(BASE + "/bulk", Map.of("states", List.of(
                Map.of("plugin_id", "new1", "state_data", 1),
                Map.of("plugin_id", "new2", "state_data", 2),
                Map.of("plugin_id", "existing", "state_data", 3)))).expect(409).detail();
        assertTrue(detail.startsWith("states[2]"), detail);
        assertEquals(1, alice.get(BASE + "/").json().size());

        // Two items with the same scope (null page and key): 409 naming both.
        String twice = alice.post(BASE + "/bulk", Map.of("states", List.of(
                Map.of("plugin_id", "same", "state_data", 1),
                Map.of("plugin_id", "other", "state_data", 2),
                Map.of("plugin_id", "same", "state_data", 3)))).expect(409).detail();
        assertTrue(twice.startsWith("states[2] duplicates states[0]"), twice);
        assertEquals(1, alice.get(BASE + "/").json().size());

        // More than 100 items, or no list at all.
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Map.of("plugin_id", "p" + i, "state_data", i));
        }
        assertEquals(List.of("body", "states"),
                loc(alice.post(BASE + "/bulk", Map.of("states", many)).expect(422).json().path("detail").get(0)));
        alice.post(BASE + "/bulk", Map.of()).expect(422);
        alice.post(BASE + "/bulk", Map.of("states", "nope")).expect(422);
        assertEquals(1, alice.get(BASE + "/").json().size());

        // Exactly 100 is fine.
        alice.post(BASE + "/bulk", Map.of("states", many.subList(0, 100))).expect(201);
        assertEquals("101", alice.get(BASE + "/").header("X-Total-Count").orElseThrow());
    }

    @Test
    void statsSumCountsAndSizesPerPluginAndStrategy() {
        ApiClient alice = server.newUser();
        JsonNode empty = alice.get(BASE + "/stats").expect(200).json();
        assertEquals(0, empty.path("total_states").asInt());
        assertEquals(0, empty.path("total_size").asInt());
        assertEquals(0, empty.path("by_plugin").size());

        long a1 = create(alice, "plugin_id", "a", "state_key", "1", "state_data", Map.of("k", "v"))
                .path("state_size").asLong();
        long a2 = create(alice, "plugin_id", "a", "state_key", "2", "state_data", List.of(1, 2, 3),
                "state_strategy", "session").path("state_size").asLong();
        long b1 = create(alice, "plugin_id", "b", "state_data", "a longer string of state", "is_active", false)
                .path("state_size").asLong();
        // Expired states are not counted; another user's states are not counted.
        create(alice, "plugin_id", "c", "state_data", Map.of(), "ttl_expires_at", PAST);
        create(server.newUser(), "plugin_id", "a", "state_data", Map.of("someone", "else"));
        assertEquals(9, a1);
        assertEquals(7, a2);
        assertEquals(26, b1);

        JsonNode stats = alice.get(BASE + "/stats").expect(200).json();
        assertEquals(3, stats.path("total_states").asInt());
        assertEquals(2, stats.path("active_states").asInt());
        assertEquals(a1 + a2 + b1, stats.path("total_size").asLong());
        assertEquals(2, stats.path("plugins_with_state").asInt());
        assertEquals((a1 + a2 + b1) / 3.0, stats.path("average_state_size").asDouble(), 1e-9);
        assertFalse(stats.path("last_activity").isNull());
        assertEquals(2, stats.path("by_plugin").path("a").path("count").asInt());
        assertEquals(a1 + a2, stats.path("by_plugin").path("a").path("size").asLong());
        assertEquals(1, stats.path("by_plugin").path("b").path("count").asInt());
        assertEquals(b1, stats.path("by_plugin").path("b").path("size").asLong());
        assertTrue(stats.path("by_plugin").path("c").isMissingNode());
        assertEquals(2, stats.path("by_strategy").path("persistent").path("count").asInt());
        assertEquals(a1 + b1, stats.path("by_strategy").path("persistent").path("size").asLong());
        assertEquals(1, stats.path("by_strategy").path("session").path("count").asInt());
        assertEquals(a2, stats.path("by_strategy").path("session").path("size").asLong());
    }

    @Test
    void expiredStatesAreInvisibleBeforeCleanup() {
        ApiClient alice = server.newUser();
        String expired = create(alice, "plugin_id", "ttl", "state_strategy", "session", "state_data", 1,
                "ttl_expires_at", PAST).path("id").asText();
        String live = create(alice, "plugin_id", "ttl", "state_key", "live", "state_strategy", "session",
                "state_data", 2, "ttl_expires_at", FUTURE).path("id").asText();

        alice.get(BASE + "/" + expired).expect(404);
        alice.get(BASE + "/" + live).expect(200);
        assertEquals(Set.of(live), ids(alice.get(BASE + "/?plugin_id=ttl").expect(200).json()));
        assertEquals("1", alice.get(BASE + "/?plugin_id=ttl").header("X-Total-Count").orElseThrow());
        alice.put(BASE + "/" + expired, body("state_data", 3)).expect(404);
        alice.delete(BASE + "/" + expired).expect(404);

        // The expired state no longer holds its scope: a new state takes its place.
        String replacement = create(alice, "plugin_id", "ttl", "state_data", 4).path("id").asText();
        assertEquals(4, alice.get(BASE + "/" + replacement).expect(200).json().path("state_data").asInt());

        // An update can expire a state, and the response shows what was stored.
        JsonNode expiring = alice.put(BASE + "/" + live, body("ttl_expires_at", PAST)).expect(200).json();
        assertEquals(PAST, expiring.path("ttl_expires_at").asText());
        alice.get(BASE + "/" + live).expect(404);
    }

    @Test
    void cleanupDeletesExpiredNonPersistentStatesOfTheCallerOnly() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        create(alice, "plugin_id", "c", "state_key", "1", "state_strategy", "session", "state_data", 1,
                "ttl_expires_at", PAST);
        create(alice, "plugin_id", "c", "state_key", "2", "state_strategy", "none", "state_data", 1,
                "ttl_expires_at", "2021-05-05T05:05:05");
        create(alice, "plugin_id", "c", "state_key", "3", "state_strategy", "persistent", "state_data", 1,
                "ttl_expires_at", PAST);
        String future = create(alice, "plugin_id", "c", "state_key", "4", "state_strategy", "session",
                "state_data", 1, "ttl_expires_at", FUTURE).path("id").asText();
        String noTtl = create(alice, "plugin_id", "c", "state_key", "5", "state_strategy", "custom",
                "state_data", 1).path("id").asText();
        create(bob, "plugin_id", "c", "state_strategy", "session", "state_data", 1, "ttl_expires_at", PAST);

        JsonNode cleaned = alice.delete(BASE + "/cleanup").expect(200).json();
        assertEquals(2, cleaned.path("deleted").asInt());
        assertEquals(2, cleaned.path("deleted_count").asInt());
        assertEquals(0, alice.delete(BASE + "/cleanup").expect(200).json().path("deleted").asInt());
        assertEquals(Set.of(future, noTtl), ids(alice.get(BASE + "/?plugin_id=c").json()));
        // Bob's expired state was not touched by Alice's cleanup; his own cleanup removes it.
        assertEquals(1, bob.delete(BASE + "/cleanup").expect(200).json().path("deleted").asInt());
        // The expired persistent state is kept, still invisible, and still holds no scope.
        create(alice, "plugin_id", "c", "state_key", "3", "state_data", 2);
    }

    @Test
    void usersNeverSeeOrChangeEachOthersStates() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = create(alice, "plugin_id", "secret", "state_data", Map.of("pin", 1234)).path("id").asText();

        bob.get(BASE + "/" + id).expect(404);
        bob.put(BASE + "/" + id, body("state_data", Map.of("pin", 0))).expect(404);
        bob.delete(BASE + "/" + id).expect(404);
        assertEquals(0, bob.get(BASE + "/").expect(200).json().size());
        assertEquals(0, bob.get(BASE + "/stats").expect(200).json().path("total_states").asInt());
        assertEquals(1234, alice.get(BASE + "/" + id).expect(200).json().path("state_data").path("pin").asInt());

        // A body naming another user is refused.
        assertEquals("Not allowed to act for another user", bob.post(BASE + "/", body("plugin_id", "x",
                "state_data", 1, "user_id", alice.userId())).expect(403).detail());
        bob.post(BASE + "/bulk", Map.of("states", List.of(Map.of("plugin_id", "x", "state_data", 1,
                "user_id", alice.userId())))).expect(403);
        alice.put(BASE + "/" + id, body("state_data", 1, "user_id", bob.userId())).expect(403);
        assertEquals(0, bob.get(BASE + "/").json().size());
        assertEquals(bob.userId(), create(bob, "plugin_id", "x", "state_data", 1, "user_id", bob.userId())
                .path("user_id").asText());

        server.anonymous().get(BASE + "/").expect(401);
        server.anonymous().post(BASE + "/", body("plugin_id", "x", "state_data", 1)).expect(401);
    }

    @Test
    void invalidBodiesAreRefusedWith422() {
        ApiClient alice = server.newUser();
        JsonNode missing = alice.post(BASE + "/", body()).expect(422).json().path("detail");
        assertEquals(List.of("body", "plugin_id"), loc(missing.get(0)));
        assertEquals("missing", missing.get(0).path("type").asText());
        assertEquals(List.of("body", "state_data"), loc(missing.get(1)));

        assertEquals(List.of("body", "state_strategy"), loc(alice.post(BASE + "/", body("plugin_id", "p",
                "state_data", 1, "state_strategy", "forever")).expect(422).json().path("detail").get(0)));
        assertEquals(List.of("body", "ttl_expires_at"), loc(alice.post(BASE + "/", body("plugin_id", "p",
                "state_data", 1, "ttl_expires_at", "tomorrow")).expect(422).json().path("detail").get(0)));
        alice.post(BASE + "/", body("plugin_id", "p", "state_data", 1, "ttl_expires_at", "2025-13-45T99:00:00"))
                .expect(422);
        alice.post(BASE + "/", body("plugin_id", "p", "state_data", 1, "ttl_expires_at", true)).expect(422);
        alice.post(BASE + "/", body("plugin_id", "p", "state_data", 1, "ttl_expires_at", "+99999-01-01T00:00:00Z"))
                .expect(422);
        assertEquals(List.of("body", "plugin_id"), loc(alice.post(BASE + "/", body("plugin_id", 7,
                "state_data", 1)).expect(422).json().path("detail").get(0)));
        alice.post(BASE + "/", body("plugin_id", "p", "state_data", 1, "is_active", "yes")).expect(422);
        alice.post(BASE + "/", body("plugin_id", "p", "state_data", null)).expect(422);
        alice.post(BASE + "/", body("plugin_id", "", "state_data", 1)).expect(422);
        alice.post(BASE + "/", body("plugin_id", "x".repeat(256), "state_data", 1)).expect(422);
        alice.post(BASE + "/", body("plugin_id", "p", "page_id", "", "state_data", 1)).expect(422);
        alice.post(BASE + "/", body("plugin_id", "p", "state_key", "k".repeat(256), "state_data", 1)).expect(422);
        alice.post(BASE + "/", body("plugin_id", "p", "state_data", 1, "sync_status", "lost")).expect(422);
        alice.post(BASE + "/", "{\"plugin_id\": \"p\", ").expect(422);
        alice.post(BASE + "/", "[1, 2]").expect(422);

        String id = create(alice, "plugin_id", "p", "state_data", 1).path("id").asText();
        alice.put(BASE + "/" + id, body("state_strategy", "forever")).expect(422);
        alice.put(BASE + "/" + id, body("ttl_expires_at", "soon")).expect(422);
        alice.put(BASE + "/" + id, body("state_data", 2, "is_active", 1)).expect(422);
        alice.put(BASE + "/" + id, "not json").expect(422);
        assertEquals(1, alice.get(BASE + "/" + id).expect(200).json().path("version").asInt());
        assertEquals(1, alice.get(BASE + "/").json().size());
    }

    @Test
    void datetimesAreReadInTheUsualIsoForms() {
        ApiClient alice = server.newUser();
        assertEquals("2999-03-04T05:06:07.123Z", create(alice, "plugin_id", "t1", "state_data", 1,
                "ttl_expires_at", "2999-03-04T05:06:07.123456Z").path("ttl_expires_at").asText());
        assertEquals("2999-03-04T05:06:07Z", create(alice, "plugin_id", "t2", "state_data", 1,
                "ttl_expires_at", "2999-03-04T05:06:07").path("ttl_expires_at").asText());
        assertEquals("2999-03-04T05:06:07Z", create(alice, "plugin_id", "t3", "state_data", 1,
                "ttl_expires_at", "2999-03-04 06:06:07+01:00").path("ttl_expires_at").asText());
        assertEquals("2999-03-04T00:00:00Z", create(alice, "plugin_id", "t4", "state_data", 1,
                "ttl_expires_at", "2999-03-04").path("ttl_expires_at").asText());
        assertEquals("2999-01-01T00:00:00Z", create(alice, "plugin_id", "t5", "state_data", 1,
                "ttl_expires_at", Instant.parse("2999-01-01T00:00:00Z").getEpochSecond())
                .path("ttl_expires_at").asText());
    }

    @Test
    void identifiersOfTheMaximumLengthAreStoredAndStillUnique() {
        ApiClient alice = server.newUser();
        String plugin = "p".repeat(255);
        String page = "é".repeat(255);
        String key = "漢".repeat(255);
        JsonNode state = create(alice, "plugin_id", plugin, "page_id", page, "state_key", key, "state_data", 1);
        assertEquals(key, alice.get(BASE + "/" + state.path("id").asText()).expect(200).json()
                .path("state_key").asText());
        alice.post(BASE + "/", body("plugin_id", plugin, "page_id", page, "state_key", key, "state_data", 2))
                .expect(409);
        assertEquals(1, alice.get(BASE + "/?state_key=" + java.net.URLEncoder.encode(key,
                java.nio.charset.StandardCharsets.UTF_8)).expect(200).json().size());
    }

    @Test
    void bulkItemsThatAreNotObjectsAreRefused() {
        ApiClient alice = server.newUser();
        List<Object> items = new ArrayList<>();
        items.add(Map.of("plugin_id", "ok", "state_data", 1));
        items.add(null);
        assertEquals(List.of("body", "states", 1), loc(alice.post(BASE + "/bulk", Map.of("states", items))
                .expect(422).json().path("detail").get(0)));
        alice.post(BASE + "/bulk", Map.of("states", List.of(1, 2))).expect(422);
        assertEquals(0, alice.get(BASE + "/").json().size());
    }

    @Test
    void oversizedStateDataIsRefusedWith413() {
        ApiClient alice = server.newUser();
        String big = "x".repeat((int) PluginStateInput.MAX_STATE_BYTES);
        String detail = alice.post(BASE + "/", body("plugin_id", "big", "state_data", big)).expect(413).detail();
        assertTrue(detail.contains("state_data") && detail.contains("1048576"), detail);

        // Just under the limit is fine (the quotes count): "x...x" of MAX - 2 characters.
        String fits = "x".repeat((int) PluginStateInput.MAX_STATE_BYTES - 2);
        JsonNode state = create(alice, "plugin_id", "big", "state_data", fits);
        assertEquals(PluginStateInput.MAX_STATE_BYTES, state.path("state_size").asLong());
        assertEquals(fits.length(), alice.get(BASE + "/" + state.path("id").asText()).expect(200).json()
                .path("state_data").asText().length());

        alice.put(BASE + "/" + state.path("id").asText(), body("state_data", big)).expect(413);
        String bulk = alice.post(BASE + "/bulk", Map.of("states", List.of(
                Map.of("plugin_id", "small", "state_data", 1),
                Map.of("plugin_id", "huge", "state_data", big)))).expect(413).detail();
        assertTrue(bulk.startsWith("states[1].state_data"), bulk);
        assertEquals(1, alice.get(BASE + "/").json().size());
    }
}
