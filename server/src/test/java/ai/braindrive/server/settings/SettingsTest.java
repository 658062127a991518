package ai.braindrive.server.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final String BASE = "/api/v1/settings";
    private static TestServer server;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.newUser(); // the first user is the admin
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String uniqueId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a definition as admin: a user-and-page scoped number unless {@code overrides} say otherwise. */
    private static JsonNode define(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("id", uniqueId("def"), "name", "A setting",
                "category", "testing", "type", "number", "allowed_scopes", List.of("system", "user", "page")));
        body.putAll(overrides);
        return admin.post(BASE + "/definitions", body).expect(201).json();
    }

    private static Map<String, Object> instance(String definitionId, Object value, String scope) {
        Map<String, Object> body = new HashMap<>();
        body.put("definition_id", definitionId);
        body.put("name", "value of " + definitionId);
        body.put("value", value);
        body.put("scope", scope);
        return body;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private static String rawValue(String instanceId) {
        return server.server().database().one("SELECT value_json FROM settings_instances WHERE id = ?",
                row -> row.string("value_json"), instanceId).orElseThrow();
    }

    private static String firstError(ApiClient.Response response) {
        return response.json().path("detail").path(0).path("msg").asText();
    }

    // Defaults

    @Test
    void aFreshUserHasThemeGeneralAndOllamaSettings() {
        ApiClient bob = server.newUser();
        server.newUser(); // a later registration finds the definitions present and still succeeds

        JsonNode theme = bob.get(BASE + "/instances?definition_id=theme_settings&scope=user&user_id=current")
                .expect(200).json();
        assertEquals(1, theme.size());
        assertEquals("light", theme.path(0).path("value").path("theme").asText());
        assertEquals(bob.userId(), theme.path(0).path("user_id").asText());
        assertEquals("user", theme.path(0).path("scope").asText());

        JsonNode general = bob.get(BASE + "/instances?definition_id=general_settings&scope=USER&user_id=current")
                .expect(200).json();
        assertEquals("default_page",
                general.path(0).path("value").path("settings").path(0).path("Setting_Name").asText());
        assertEquals("Dashboard", general.path(0).path("value").path("settings").path(0).path("Setting_Data")
                .asText());

        JsonNode ollama = bob.get(BASE + "/instances?definition_id=ollama_servers_settings&user_id=current")
                .expect(200).json();
        JsonNode servers = ollama.path(0).path("value").path("servers");
        assertEquals(1, servers.size());
        assertEquals("http://localhost:11434", servers.path(0).path("serverAddress").asText());
        assertEquals("Default Ollama Server", servers.path(0).path("serverName").asText());

        List<String> definitions = ids(bob.get(BASE + "/definitions").expect(200).json());
        assertTrue(definitions.containsAll(List.of("theme_settings", "general_settings",
                "ollama_servers_settings", "openai_api_keys_settings")), definitions.toString());
        JsonNode openai = bob.get(BASE + "/definitions/openai_api_keys_settings").expect(200).json();
        assertTrue(openai.path("is_secret").asBoolean());
    }

    // Definitions

    @Test
    void adminCreatesListsUpdatesAndDeletesDefinitions() {
        String category = uniqueId("cat");
        JsonNode created = define(Map.of("category", category, "description", "Maximum tokens",
                "default_value", 512, "validation", Map.of("min", 1, "max", 4096), "tags", List.of("llm"),
                "allowed_scopes", List.of("user")));
        String id = created.path("id").asText();
        assertEquals("number", created.path("type").asText());
        assertEquals(512, created.path("default_value").asInt());
        assertEquals(List.of("user"), List.of(created.path("allowed_scopes").path(0).asText()));
        assertEquals(4096, created.path("validation").path("max").asInt());
        assertEquals("llm", created.path("tags").path(0).asText());
        assertFalse(created.path("is_multiple").asBoolean());
        assertFalse(created.path("is_secret").asBoolean());
        assertTrue(created.hasNonNull("created_at"));

        assertEquals("Setting definition " + id + " already exists",
                admin.post(BASE + "/definitions", Map.of("id", id, "name", "x", "category", "c", "type", "string",
                        "allowed_scopes", List.of("user"))).expect(409).detail());

        define(Map.of("category", category, "type", "string", "allowed_scopes", List.of("system")));
        ApiClient.Response byCategory = admin.get(BASE + "/definitions?category=" + category).expect(200);
        assertEquals(2, byCategory.json().size());
        assertEquals("2", byCategory.header("X-Total-Count").orElseThrow());
        JsonNode userScoped = admin.get(BASE + "/definitions?category=" + category + "&scope=user").expect(200)
                .json();
        assertEquals(List.of(id), ids(userScoped));
        ApiClient.Response firstPage = admin.get(BASE + "/definitions?category=" + category + "&limit=1").expect(200);
        assertEquals(1, firstPage.json().size());
        assertEquals("2", firstPage.header("X-Total-Count").orElseThrow());

        JsonNode patched = admin.patch(BASE + "/definitions/" + id, Map.of("name", "Max tokens")).expect(200).json();
        assertEquals("Max tokens", patched.path("name").asText());
        assertEquals("Maximum tokens", patched.path("description").asText());
        assertEquals(512, patched.path("default_value").asInt());

        JsonNode put = admin.put(BASE + "/definitions/" + id, Map.of("name", "Tokens", "category", category,
                "type", "number", "allowed_scopes", List.of("user", "page"))).expect(200).json();
        assertEquals("Tokens", put.path("name").asText());
        assertTrue(put.path("description").isNull(), "PUT replaces the fields it does not send");
        assertTrue(put.path("default_value").isNull());
        assertEquals(2, put.path("allowed_scopes").size());
        admin.put(BASE + "/definitions/" + id, Map.of("category", category, "type", "number",
                "allowed_scopes", List.of("user"))).expect(422);
        admin.put(BASE + "/definitions/" + id, Map.of("id", "other", "name", "n", "category", category,
                "type", "number", "allowed_scopes", List.of("user"))).expect(400);
        assertEquals("Tokens", admin.get(BASE + "/definitions/" + id).expect(200).json().path("name").asText());

        assertEquals("Setting definition " + id + " deleted successfully",
                admin.delete(BASE + "/definitions/" + id).expect(200).json().path("message").asText());
        admin.get(BASE + "/definitions/" + id).expect(404);
        admin.delete(BASE + "/definitions/" + id).expect(404);
        admin.patch(BASE + "/definitions/" + id, Map.of("name", "x")).expect(404);
    }

    @Test
    void onlyAdminsChangeDefinitionsButEveryoneReadsThem() {
        String id = define(Map.of()).path("id").asText();
        ApiClient bob = server.newUser();
        bob.post(BASE + "/definitions", Map.of("id", uniqueId("bob"), "name", "n", "category", "c",
                "type", "string", "allowed_scopes", List.of("user"))).expect(403);
        bob.patch(BASE + "/definitions/" + id, Map.of("name", "mine")).expect(403);
        bob.put(BASE + "/definitions/" + id, Map.of("name", "mine", "category", "c", "type", "number",
                "allowed_scopes", List.of("user"))).expect(403);
        assertEquals("Admin privileges required", bob.delete(BASE + "/definitions/" + id).expect(403).detail());
        assertEquals("A setting", bob.get(BASE + "/definitions/" + id).expect(200).json().path("name").asText());
        assertTrue(ids(bob.get(BASE + "/definitions?category=testing").expect(200).json()).contains(id));
        server.anonymous().get(BASE + "/definitions").expect(401);
    }

    @Test
    void invalidDefinitionsAreRefusedWith422() {
        Map<String, Object> valid = Map.of("id", uniqueId("bad"), "name", "n", "category", "c", "type", "string",
                "allowed_scopes", List.of("user"));
        record Case(String field, Object value) {
        }
        List<Case> cases = List.of(new Case("type", "integer"), new Case("allowed_scopes", List.of("tenant")),
                new Case("allowed_scopes", List.of()), new Case("id", "has spaces"), new Case("name", ""),
                new Case("name", "x".repeat(201)), new Case("validation", Map.of("min", 5, "max", 1)),
                new Case("validation", Map.of("pattern", "([a-z")), new Case("validation", Map.of("enum", "a")),
                new Case("validation", "strict"), new Case("default_value", 42), new Case("tags", List.of(1, 2)),
                new Case("is_multiple", "yes"));
        for (Case c : cases) {
            Map<String, Object> body = new HashMap<>(valid);
            body.put(c.field(), c.value());
            ApiClient.Response response = admin.post(BASE + "/definitions", body);
            assertEquals(422, response.status(), c + " -> " + response.body());
            assertTrue(response.json().path("detail").isArray(), response.body());
        }
        Map<String, Object> missing = new HashMap<>(valid);
        missing.remove("category");
        assertEquals("category", admin.post(BASE + "/definitions", missing).expect(422).json()
                .path("detail").path(0).path("loc").path(1).asText());
        admin.post(BASE + "/definitions", "[1, 2]").expect(422);
        admin.post(BASE + "/definitions", "{\"id\": ").expect(422);
        admin.get(BASE + "/definitions?scope=everywhere").expect(422);
        admin.get(BASE + "/definitions?limit=101").expect(422);
        admin.get(BASE + "/definitions/unknown_definition").expect(404);
    }

    @Test
    void deletingADefinitionWithInstancesNeedsForce() {
        String id = define(Map.of()).path("id").asText();
        ApiClient bob = server.newUser();
        String instanceId = bob.post(BASE + "/instances", instance(id, 3, "user")).expect(201).json()
                .path("id").asText();
        String detail = admin.delete(BASE + "/definitions/" + id).expect(409).detail();
        assertTrue(detail.contains("1 instance") && detail.contains("force=true"), detail);
        bob.get(BASE + "/instances/" + instanceId).expect(200);
        admin.delete(BASE + "/definitions/" + id + "?force=true").expect(200);
        bob.get(BASE + "/instances/" + instanceId).expect(404);
        admin.get(BASE + "/definitions/" + id).expect(404);
    }

    @Test
    void definitionChangesThatWouldBreakInstancesAreRefused() {
        String id = define(Map.of("is_multiple", true)).path("id").asText();
        ApiClient bob = server.newUser();
        bob.post(BASE + "/instances", instance(id, 50, "user")).expect(201);
        bob.post(BASE + "/instances", instance(id, 60, "user")).expect(201);

        assertTrue(admin.patch(BASE + "/definitions/" + id, Map.of("allowed_scopes", List.of("system")))
                .expect(409).detail().contains("scope 'user'"));
        assertTrue(admin.patch(BASE + "/definitions/" + id, Map.of("type", "string")).expect(409).detail()
                .contains("does not match"));
        admin.patch(BASE + "/definitions/" + id, Map.of("validation", Map.of("max", 10))).expect(409);
        assertTrue(admin.patch(BASE + "/definitions/" + id, Map.of("is_multiple", false)).expect(409).detail()
                .contains("several instances"));
        admin.patch(BASE + "/definitions/" + id, Map.of("validation", Map.of("max", 100))).expect(200);
    }

    // Instances

    @Test
    void userCreatesReadsUpdatesListsAndDeletesInstances() {
        String id = define(Map.of("type", "object", "is_multiple", true)).path("id").asText();
        ApiClient bob = server.newUser();
        JsonNode created = bob.post(BASE + "/instances", instance(id, Map.of("model", "llama3"), "user"))
                .expect(201).json();
        String instanceId = created.path("id").asText();
        assertEquals(id, created.path("definition_id").asText());
        assertEquals("llama3", created.path("value").path("model").asText());
        assertEquals("user", created.path("scope").asText());
        assertEquals(bob.userId(), created.path("user_id").asText());
        assertTrue(created.path("page_id").isNull());

        assertEquals("llama3", bob.get(BASE + "/instances/" + instanceId).expect(200).json()
                .path("value").path("model").asText());

        JsonNode renamed = bob.patch(BASE + "/instances/" + instanceId, Map.of("name", "Chat model")).expect(200)
                .json();
        assertEquals("Chat model", renamed.path("name").asText());
        assertEquals("llama3", renamed.path("value").path("model").asText());

        JsonNode replaced = bob.put(BASE + "/instances/" + instanceId, Map.of("value", Map.of("model", "qwen")))
                .expect(200).json();
        assertEquals("qwen", replaced.path("value").path("model").asText());
        assertEquals("Chat model", replaced.path("name").asText());
        bob.put(BASE + "/instances/" + instanceId, Map.of("name", "no value")).expect(422);

        String pageInstance = bob.post(BASE + "/instances", new HashMap<>(Map.of("definition_id", id,
                "name", "page", "value", Map.of("model", "phi"), "scope", "page", "page_id", "page-1")))
                .expect(201).json().path("id").asText();
        ApiClient.Response all = bob.get(BASE + "/instances?definition_id=" + id).expect(200);
        assertEquals(List.of(instanceId, pageInstance), ids(all.json()));
        assertEquals("2", all.header("X-Total-Count").orElseThrow());
        assertEquals(List.of(pageInstance), ids(bob.get(BASE + "/instances?definition_id=" + id + "&page_id=page-1")
                .expect(200).json()));
        assertEquals(List.of(instanceId), ids(bob.get(BASE + "/instances?definition_id=" + id + "&scope=user")
                .expect(200).json()));
        assertEquals(List.of(pageInstance), ids(bob.get(BASE + "/instances?definition_id=" + id + "&skip=1")
                .expect(200).json()));

        assertEquals(instanceId, bob.delete(BASE + "/instances/" + instanceId).expect(200).json().path("id")
                .asText());
        bob.get(BASE + "/instances/" + instanceId).expect(404);
        bob.delete(BASE + "/instances/" + instanceId).expect(404);
        bob.get(BASE + "/instances/not-an-id").expect(404);
    }

    @Test
    void savingASingleValuedSettingAgainUpdatesIt() {
        String single = define(Map.of("type", "string")).path("id").asText();
        ApiClient bob = server.newUser();
        JsonNode first = bob.post(BASE + "/instances", instance(single, "dark", "user")).expect(201).json();
        JsonNode second = bob.post(BASE + "/instances", instance(single, "light", "user")).expect(200).json();
        assertEquals(first.path("id").asText(), second.path("id").asText());
        assertEquals("light", second.path("value").asText());
        assertEquals(1, bob.get(BASE + "/instances?definition_id=" + single).expect(200).json().size());

        // Another page is another context: a new instance.
        Map<String, Object> onPage = instance(single, "blue", "page");
        onPage.put("page_id", "p1");
        assertNotEquals(first.path("id").asText(), bob.post(BASE + "/instances", onPage).expect(201).json()
                .path("id").asText());

        String multiple = define(Map.of("type", "string", "is_multiple", true)).path("id").asText();
        bob.post(BASE + "/instances", instance(multiple, "a", "user")).expect(201);
        bob.post(BASE + "/instances", instance(multiple, "b", "user")).expect(201);
        assertEquals(2, bob.get(BASE + "/instances?definition_id=" + multiple).expect(200).json().size());
    }

    @Test
    void postingWithAnIdUpdatesAndActionDeleteDeletes() {
        String id = define(Map.of("type", "string")).path("id").asText();
        ApiClient bob = server.newUser();
        String instanceId = bob.post(BASE + "/instances", instance(id, "one", "user")).expect(201).json()
                .path("id").asText();
        Map<String, Object> update = instance(id, "two", "user");
        update.put("id", instanceId);
        assertEquals("two", bob.post(BASE + "/instances", update).expect(200).json().path("value").asText());
        assertEquals("two", bob.get(BASE + "/instances/" + instanceId).expect(200).json().path("value").asText());
        bob.post(BASE + "/instances", Map.of("action", "delete", "id", instanceId)).expect(200);
        bob.get(BASE + "/instances/" + instanceId).expect(404);
        bob.post(BASE + "/instances", Map.of("action", "explode", "id", instanceId)).expect(422);
    }

    @Test
    void invalidInstancesAreRefusedWithAClearDetail() {
        String number = define(Map.of("validation", Map.of("min", 0, "max", 100), "allowed_scopes",
                List.of("user"))).path("id").asText();
        String color = define(Map.of("type", "string", "validation", Map.of("enum", List.of("red", "green"))))
                .path("id").asText();
        String code = define(Map.of("type", "string", "validation", Map.of("pattern", "^[A-Z]{3}$", "min", 3)))
                .path("id").asText();
        String pageOnly = define(Map.of("allowed_scopes", List.of("page"))).path("id").asText();
        ApiClient bob = server.newUser();

        assertEquals("Input should be 'system', 'user' or 'page'",
                firstError(bob.post(BASE + "/instances", instance(number, 5, "tenant")).expect(422)));
        assertEquals("Value must be a number, not a string",
                firstError(bob.post(BASE + "/instances", instance(number, "five", "user")).expect(422)));
        assertEquals("Value must be at most 100",
                firstError(bob.post(BASE + "/instances", instance(number, 101, "user")).expect(422)));
        assertEquals("Value must be at least 0",
                firstError(bob.post(BASE + "/instances", instance(number, -1, "user")).expect(422)));
        assertEquals("Value must be one of [\"red\",\"green\"]",
                firstError(bob.post(BASE + "/instances", instance(color, "blue", "user")).expect(422)));
        assertEquals("Value must match the pattern ^[A-Z]{3}$",
                firstError(bob.post(BASE + "/instances", instance(code, "abc", "user")).expect(422)));
        assertEquals("String length must be at least 3",
                firstError(bob.post(BASE + "/instances", instance(code, "AB", "user")).expect(422)));
        assertEquals("page_id is required when scope is 'page'",
                firstError(bob.post(BASE + "/instances", instance(pageOnly, 1, "page")).expect(422)));
        assertTrue(firstError(bob.post(BASE + "/instances", instance(pageOnly, 1, "user")).expect(422))
                .startsWith("Scope 'user' is not allowed for " + pageOnly));
        Map<String, Object> noValue = instance(number, 1, "user");
        noValue.remove("value");
        assertEquals("value", bob.post(BASE + "/instances", noValue).expect(422).json().path("detail").path(0)
                .path("loc").path(1).asText());
        Map<String, Object> noName = instance(number, 1, "user");
        noName.remove("name");
        bob.post(BASE + "/instances", noName).expect(422);
        bob.post(BASE + "/instances", "{\"definition_id\": 5, \"name\": \"n\"}").expect(422);
        bob.post(BASE + "/instances", "not json").expect(422);

        assertEquals("Setting definition no_such_definition not found",
                bob.post(BASE + "/instances", instance("no_such_definition", 1, "user")).expect(404).detail());
        admin.get(BASE + "/definitions/no_such_definition").expect(404); // never created on the fly

        String ok = bob.post(BASE + "/instances", instance(code, "ABC", "user")).expect(201).json().path("id")
                .asText();
        assertEquals("Value must match the pattern ^[A-Z]{3}$",
                firstError(bob.patch(BASE + "/instances/" + ok, Map.of("value", "abcd")).expect(422)));
        bob.get(BASE + "/instances?scope=tenant").expect(422);
        bob.get(BASE + "/instances?limit=0").expect(422);
    }

    @Test
    void objectValuesSentAsJsonTextAreDecoded() {
        String id = define(Map.of("type", "object")).path("id").asText();
        ApiClient bob = server.newUser();
        JsonNode created = bob.post(BASE + "/instances", instance(id, "{\"theme\":\"dark\"}", "user")).expect(201)
                .json();
        assertEquals("dark", created.path("value").path("theme").asText());
        bob.post(BASE + "/instances", instance(id, "not an object", "user")).expect(422);
    }

    @Test
    void usersNeverSeeOrChangeEachOthersInstances() {
        String id = define(Map.of("is_multiple", true)).path("id").asText();
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String aliceInstance = alice.post(BASE + "/instances", instance(id, 7, "user")).expect(201).json()
                .path("id").asText();

        assertEquals("Setting instance not found", bob.get(BASE + "/instances/" + aliceInstance).expect(404)
                .detail());
        bob.patch(BASE + "/instances/" + aliceInstance, Map.of("value", 8)).expect(404);
        bob.put(BASE + "/instances/" + aliceInstance, Map.of("value", 8)).expect(404);
        bob.delete(BASE + "/instances/" + aliceInstance).expect(404);
        Map<String, Object> hijack = instance(id, 9, "user");
        hijack.put("id", aliceInstance);
        bob.post(BASE + "/instances", hijack).expect(404);
        bob.post(BASE + "/instances", Map.of("action", "delete", "id", aliceInstance)).expect(404);
        assertEquals(List.of(), ids(bob.get(BASE + "/instances?definition_id=" + id).expect(200).json()));
        bob.get(BASE + "/instances?user_id=" + alice.userId()).expect(403);
        Map<String, Object> forAlice = instance(id, 1, "user");
        forAlice.put("user_id", alice.userId());
        assertEquals("Not allowed to act for another user", bob.post(BASE + "/instances", forAlice).expect(403)
                .detail());

        assertEquals(7, alice.get(BASE + "/instances/" + aliceInstance).expect(200).json().path("value").asInt());
        assertEquals(List.of(aliceInstance), ids(alice.get(BASE + "/instances?definition_id=" + id + "&user_id="
                + alice.userId()).expect(200).json()));
        Map<String, Object> explicitSelf = instance(id, 2, "user");
        explicitSelf.put("user_id", alice.userId());
        alice.post(BASE + "/instances", explicitSelf).expect(201);
    }

    @Test
    void systemValuesAreReadByAllAndWrittenByAdmins() {
        String id = define(Map.of()).path("id").asText();
        ApiClient bob = server.newUser();
        assertEquals("Admin privileges required for system settings",
                bob.post(BASE + "/instances", instance(id, 1, "system")).expect(403).detail());
        JsonNode system = admin.post(BASE + "/instances", instance(id, 10, "system")).expect(201).json();
        String systemId = system.path("id").asText();
        assertTrue(system.path("user_id").isNull());

        assertEquals(10, bob.get(BASE + "/instances/" + systemId).expect(200).json().path("value").asInt());
        assertEquals(List.of(systemId), ids(bob.get(BASE + "/instances?definition_id=" + id).expect(200).json()));
        assertEquals(List.of(), ids(bob.get(BASE + "/instances?definition_id=" + id + "&user_id=current")
                .expect(200).json()), "user_id filters to the caller's own instances");
        bob.patch(BASE + "/instances/" + systemId, Map.of("value", 11)).expect(403);
        bob.delete(BASE + "/instances/" + systemId).expect(403);
        assertEquals(12, admin.patch(BASE + "/instances/" + systemId, Map.of("value", 12)).expect(200).json()
                .path("value").asInt());
    }

    @Test
    void resolvePrefersPageOverUserOverSystemOverDefault() {
        String id = define(Map.of("default_value", 1)).path("id").asText();
        ApiClient bob = server.newUser();
        ApiClient carol = server.newUser();
        String path = BASE + "/resolve/" + id;

        JsonNode resolved = bob.get(path).expect(200).json();
        assertEquals(id, resolved.path("definition_id").asText());
        assertEquals(1, resolved.path("value").asInt());
        assertEquals("default", resolved.path("source").asText());
        assertTrue(resolved.path("instance_id").isNull());

        String systemId = admin.post(BASE + "/instances", instance(id, 2, "system")).expect(201).json().path("id")
                .asText();
        resolved = bob.get(path).expect(200).json();
        assertEquals(2, resolved.path("value").asInt());
        assertEquals("system", resolved.path("source").asText());
        assertEquals(systemId, resolved.path("instance_id").asText());

        String userId = bob.post(BASE + "/instances", instance(id, 3, "user")).expect(201).json().path("id")
                .asText();
        resolved = bob.get(path + "?page_id=p1").expect(200).json();
        assertEquals(3, resolved.path("value").asInt());
        assertEquals("user", resolved.path("source").asText());
        assertEquals(userId, resolved.path("instance_id").asText());
        assertEquals("system", carol.get(path).expect(200).json().path("source").asText(),
                "another user's value does not apply to carol");

        Map<String, Object> page = instance(id, 4, "page");
        page.put("page_id", "p1");
        String pageId = bob.post(BASE + "/instances", page).expect(201).json().path("id").asText();
        resolved = bob.get(path + "?page_id=p1").expect(200).json();
        assertEquals(4, resolved.path("value").asInt());
        assertEquals("page", resolved.path("source").asText());
        assertEquals(pageId, resolved.path("instance_id").asText());
        assertEquals("user", bob.get(path + "?page_id=p2").expect(200).json().path("source").asText());
        assertEquals("user", bob.get(path).expect(200).json().path("source").asText());

        bob.delete(BASE + "/instances/" + userId).expect(200);
        assertEquals("system", bob.get(path).expect(200).json().path("source").asText());
        bob.get(BASE + "/resolve/no_such_definition").expect(404);
        bob.get(path + "?page_id=bad%7Cid").expect(422);
    }

    // Secrets

    @Test
    void secretValuesAreEncryptedAtRestAndMaskedInResponses() {
        String id = define(Map.of("type", "object", "is_secret", true, "default_value",
                Map.of("api_key", ""))).path("id").asText();
        ApiClient bob = server.newUser();
        String secret = "sk-live-" + UUID.randomUUID();
        JsonNode created = bob.post(BASE + "/instances", instance(id, Map.of("api_key", secret,
                "base_url", "https://api.example.com"), "user")).expect(201).json();
        String instanceId = created.path("id").asText();
        assertEquals(SecretMask.MASK, created.path("value").path("api_key").asText());
        assertEquals("https://api.example.com", created.path("value").path("base_url").asText());

        String raw = rawValue(instanceId);
        assertTrue(raw.startsWith("enc:v1:"), raw);
        assertFalse(raw.contains(secret), "plaintext key in the database: " + raw);
        assertFalse(raw.contains("api.example.com"), "the whole value is encrypted: " + raw);

        assertEquals(SecretMask.MASK, bob.get(BASE + "/instances/" + instanceId).expect(200).json()
                .path("value").path("api_key").asText());
        assertEquals(SecretMask.MASK, bob.get(BASE + "/instances?definition_id=" + id).expect(200).json()
                .path(0).path("value").path("api_key").asText());
        JsonNode resolved = bob.get(BASE + "/resolve/" + id).expect(200).json();
        assertEquals(SecretMask.MASK, resolved.path("value").path("api_key").asText());
        assertEquals("user", resolved.path("source").asText());
        assertFalse(bob.get(BASE + "/resolve/" + id).body().contains(secret));

        // Sending the mask back (as a settings form does) keeps the stored key; other fields change.
        bob.put(BASE + "/instances/" + instanceId, Map.of("value", Map.of("api_key", SecretMask.MASK,
                "base_url", "https://other.example.com"))).expect(200);
        bob.patch(BASE + "/instances/" + instanceId, Map.of("value", Map.of("api_key", SecretMask.MASK,
                "base_url", "https://third.example.com"))).expect(200);
        bob.post(BASE + "/instances", instance(id, Map.of("api_key", SecretMask.MASK,
                "base_url", "https://fourth.example.com"), "user")).expect(200);
        String rawAfter = rawValue(instanceId);
        assertNotEquals(raw, rawAfter, "a fresh nonce per write");
        assertFalse(rawAfter.contains(SecretMask.MASK));

        // A PUT of the definition written for the original API (no is_secret) leaves it secret.
        JsonNode put = admin.put(BASE + "/definitions/" + id, Map.of("name", "Provider keys", "category", "testing",
                "type", "object", "allowed_scopes", List.of("user"))).expect(200).json();
        assertTrue(put.path("is_secret").asBoolean());
        assertTrue(rawValue(instanceId).startsWith("enc:v1:"));

        // Making the definition non-secret decrypts the stored values: the original key survived the round trips.
        admin.patch(BASE + "/definitions/" + id, Map.of("is_secret", false)).expect(200);
        JsonNode plain = bob.get(BASE + "/instances/" + instanceId).expect(200).json().path("value");
        assertEquals(secret, plain.path("api_key").asText());
        assertEquals("https://fourth.example.com", plain.path("base_url").asText());
        assertTrue(rawValue(instanceId).contains(secret));

        admin.patch(BASE + "/definitions/" + id, Map.of("is_secret", true)).expect(200);
        assertFalse(rawValue(instanceId).contains(secret));
        bob.put(BASE + "/instances/" + instanceId, Map.of("value", Map.of("api_key", "sk-new"))).expect(200);
        admin.patch(BASE + "/definitions/" + id, Map.of("is_secret", false)).expect(200);
        assertEquals("sk-new", bob.get(BASE + "/instances/" + instanceId).expect(200).json().path("value")
                .path("api_key").asText());
    }

    @Test
    void secretStringsAndServerListsKeepEachKeyThroughMaskRoundTrips() {
        String token = define(Map.of("type", "string", "is_secret", true)).path("id").asText();
        ApiClient bob = server.newUser();
        String tokenId = bob.post(BASE + "/instances", instance(token, "hunter2-token", "user")).expect(201)
                .json().path("id").asText();
        assertEquals(SecretMask.MASK, bob.get(BASE + "/instances/" + tokenId).expect(200).json().path("value")
                .asText());
        assertFalse(rawValue(tokenId).contains("hunter2"));
        bob.patch(BASE + "/instances/" + tokenId, Map.of("value", SecretMask.MASK, "name", "renamed"))
                .expect(200);

        String servers = define(Map.of("type", "object", "is_secret", true)).path("id").asText();
        Map<String, Object> value = Map.of("servers", List.of(
                Map.of("id", "a", "serverName", "A", "apiKey", "key-a"),
                Map.of("id", "b", "serverName", "B", "apiKey", "key-b")));
        String serversId = bob.post(BASE + "/instances", instance(servers, value, "user")).expect(201).json()
                .path("id").asText();
        JsonNode masked = bob.get(BASE + "/instances/" + serversId).expect(200).json().path("value");
        assertEquals("A", masked.path("servers").path(0).path("serverName").asText());
        assertEquals(SecretMask.MASK, masked.path("servers").path(1).path("apiKey").asText());
        // The client removes server "a" and sends the rest back masked: "b" keeps its own key.
        bob.put(BASE + "/instances/" + serversId, Map.of("value", Map.of("servers", List.of(
                Map.of("id", "b", "serverName", "B", "apiKey", SecretMask.MASK))))).expect(200);

        admin.patch(BASE + "/definitions/" + token, Map.of("is_secret", false)).expect(200);
        admin.patch(BASE + "/definitions/" + servers, Map.of("is_secret", false)).expect(200);
        JsonNode renamed = bob.get(BASE + "/instances/" + tokenId).expect(200).json();
        assertEquals("hunter2-token", renamed.path("value").asText());
        assertEquals("renamed", renamed.path("name").asText());
        JsonNode remaining = bob.get(BASE + "/instances/" + serversId).expect(200).json().path("value")
                .path("servers");
        assertEquals(1, remaining.size());
        assertEquals("key-b", remaining.path(0).path("apiKey").asText());
    }
}
