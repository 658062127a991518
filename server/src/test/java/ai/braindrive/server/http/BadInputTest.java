package ai.braindrive.server.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.ApiClient.Response;
import ai.braindrive.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "A 500 on user input is a bug": every registered route, on real and on unknown ids, gets malformed JSON, the
 * wrong JSON shapes, wrong types for every common field, huge strings and junk query parameters. None may answer
 * 5xx, and every error must be a JSON {@code detail}.
 */
class BadInputTest {
    private static final Pattern PARAM = Pattern.compile("\\{\\+?([A-Za-z_]+)}");
    private static TestServer server;
    private static ApiClient admin;
    private static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start();
        admin = server.newUser("fuzz_admin");
        ids.put("user", admin.userId());
        ids.put("pages", admin.post("/api/v1/pages", Map.of("name", "Fuzz", "route", "fuzz",
                "content", Map.of("layout", Map.of()))).expect(201).json().path("id").asText());
        ids.put("conversations", admin.post("/api/v1/conversations", Map.of("title", "Fuzz", "user_id", "current"))
                .expect(201).json().path("id").asText());
        admin.post("/api/v1/conversations/" + ids.get("conversations") + "/messages",
                Map.of("sender", "user", "message", "hello")).expect(201);
        ids.put("personas", admin.post("/api/v1/personas", Map.of("name", "Fuzz", "system_prompt", "Be brief."))
                .expect(201).json().path("id").asText());
        ids.put("tags", admin.post("/api/v1/tags", Map.of("name", "fuzz", "color", "#112233"))
                .expect(201).json().path("id").asText());
        ids.put("plugin-state", admin.post("/api/v1/plugin-state/", Map.of("plugin_id", "fuzz",
                "state_data", Map.of("a", 1))).expect(201).json().path("id").asText());
        ids.put("navigation-routes", admin.post("/api/v1/navigation-routes", Map.of("name", "Fuzz",
                "route", "fuzz-nav")).expect(201).json().path("id").asText());
        ids.put("components", admin.post("/api/v1/components", Map.of("name", "Fuzz", "component_id", "fuzz"))
                .expect(201).json().path("id").asText());
        ids.put("instances", admin.get("/api/v1/settings/instances?definition_id=theme_settings").expect(200)
                .json().get(0).path("id").asText());
        ids.put("jobs", admin.post("/api/v1/jobs", Map.of("job_type", "system.sleep",
                "payload", Map.of("seconds", 0))).expect(201).json().path("id").asText());
        for (int i = 0; i < 200 && !admin.get("/api/v1/jobs/" + ids.get("jobs")).json().path("status").asText()
                .equals("completed"); i++) {
            Thread.sleep(25);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A real id for a path parameter, chosen by its name and the resource the path is under. */
    private static String realId(String path, String param) {
        String resource = path.replaceFirst("^/api/v1/", "").split("/")[0];
        return switch (param) {
            case "user_id" -> ids.get("user");
            case "tag_id" -> ids.get("tags");
            case "persona_id" -> ids.get("personas");
            case "conversation_id" -> ids.get("conversations");
            case "page_id" -> ids.get("pages");
            case "job_id" -> ids.get("jobs");
            case "state_id" -> ids.get("plugin-state");
            case "route_id" -> ids.get("navigation-routes");
            case "component_id" -> ids.get("components");
            case "instance_id" -> ids.get("instances");
            case "definition_id" -> "theme_settings";
            case "route" -> "fuzz";
            default -> resource.equals("settings") ? ids.get("instances") : ids.getOrDefault(resource, "x");
        };
    }

    private static String fill(String pattern, boolean real) {
        Matcher m = PARAM.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = real ? realId(pattern, m.group(1)) : m.group(0).startsWith("{+") ? "no/such/route"
                    : "00000000-0000-0000-0000-000000000000";
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final List<String> BODIES = List.of(
            "{\"a\": ",
            "[]",
            "\"text\"",
            "null",
            "12",
            "{}",
            "[{\"id\": 1}, \"x\", null, {\"id\": \"00000000-0000-0000-0000-000000000000\", \"parent_id\": []}]",
            wrongTypes(),
            "{\"name\": \"" + "x".repeat(100_000) + "\", \"title\": \"" + "y".repeat(100_000) + "\"}");

    private static String wrongTypes() {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String key : List.of("name", "title", "route", "route_segment", "content", "state_data", "payload",
                "value", "parent_id", "display_order", "order", "sender", "message", "message_metadata", "color",
                "tags", "model_settings", "job_type", "priority", "scheduled_for", "ttl_expires_at", "scope", "type",
                "definition_id", "states", "publish", "create_backup", "parent_route", "parent_type",
                "refresh_token", "email", "password", "username", "current_password", "new_password", "tag_id",
                "tag_ids", "persona_id", "is_active", "allowed_scopes", "validation", "default_value", "plugin_id",
                "state_key", "state_strategy", "page_id", "is_expanded", "component_id", "is_system", "description",
                "system_prompt", "conversation_type", "idempotency_key", "user_id", "is_multiple", "category")) {
            body.put(key, key.length() % 3 == 0 ? Map.of("nested", List.of(1, 2)) : key.length() % 3 == 1
                    ? List.of(Map.of()) : (Object) 1.5e308);
        }
        return Json.write(body);
    }

    private static final String JUNK_QUERY = "?skip=-1&limit=abc&offset=x&page=0&page_size=x&status=bogus&after=x"
            + "&scope=x&include_content=maybe&published_only=2&is_active=x&tags=%00&search=%25%27&force=x";

    @Test
    void noRouteAnswers5xxToBadInput() {
        List<RouteCatalog.Route> routes = new ArrayList<>(server.server().application().routes().routes());
        // Deletes last, so the other routes still meet existing rows; logout would end the admin's session.
        routes.sort(Comparator.comparing(route -> route.method().equals("DELETE")));
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (RouteCatalog.Route route : routes) {
            if (route.pattern().equals("/api/v1/auth/logout")) {
                continue;
            }
            for (boolean real : new boolean[] {true, false}) {
                String path = fill(route.pattern(), real);
                List<Response> responses = new ArrayList<>();
                if (route.method().equals("GET") || route.method().equals("DELETE")) {
                    responses.add(admin.send(route.method(), path + JUNK_QUERY, null));
                } else {
                    for (String body : BODIES) {
                        responses.add(admin.send(route.method(), path + JUNK_QUERY, body));
                    }
                }
                for (Response response : responses) {
                    requests++;
                    boolean jsonError = response.status() < 400 || response.body().startsWith("{\"detail\":");
                    if (response.status() >= 500 || !jsonError) {
                        failures.add(route.method() + " " + path + " -> " + response.status() + " "
                                + response.body().substring(0, Math.min(200, response.body().length())));
                    }
                }
            }
        }
        assertTrue(requests > 500, "only " + requests + " requests were made");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers:\n" + String.join("\n", failures));
    }
}
