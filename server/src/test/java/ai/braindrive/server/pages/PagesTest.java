package ai.braindrive.server.pages;

import static ai.braindrive.server.testing.Bodies.body;
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

class PagesTest {
    private static final String BASE = "/api/v1/pages";
    private static final Map<String, Object> CONTENT = Map.of("layout", Map.of("lg", List.of(Map.of("i", "a"))),
            "components", List.of(Map.of("id", "a", "plugin", "weather")));
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }


    private static JsonNode create(ApiClient client, String name, String route, Object... more) {
        Map<String, Object> b = body("name", name, "route", route, "content", CONTENT);
        b.putAll(body(more));
        return client.post(BASE, b).expect(201).json();
    }

    private static String routeOf(ApiClient client, String id) {
        return client.get(BASE + "/" + id).expect(200).json().path("route").asText();
    }

    private static List<String> routes(JsonNode list) {
        List<String> routes = new ArrayList<>();
        list.path("pages").forEach(p -> routes.add(p.path("route").asText()));
        return routes;
    }

    @Test
    void aFreshUserHasAHomePage() {
        ApiClient alice = server.newUser();
        JsonNode list = alice.get(BASE).expect(200).json();
        assertEquals(1, list.path("total").asInt());
        JsonNode home = list.path("pages").path(0);
        assertEquals("home", home.path("route").asText());
        assertEquals("Home", home.path("name").asText());
        assertFalse(home.has("content"), "lists leave content out by default");
        JsonNode full = alice.get(BASE + "/route/home").expect(200).json();
        assertEquals(Map.of("layout", Map.of(), "components", List.of()),
                ai.braindrive.server.http.Json.MAPPER.convertValue(full.path("content"), Map.class));
    }

    @Test
    void createsReadsUpdatesAndDeletesAPage() {
        ApiClient alice = server.newUser();
        JsonNode created = alice.post(BASE, body("name", "My Page", "route", "/my-page", "description", "Mine",
                "icon", "Star", "content", CONTENT)).expect(201).json();
        String id = created.path("id").asText();
        assertEquals("my-page", created.path("route").asText());
        assertEquals("my-page", created.path("route_segment").asText());
        assertTrue(created.path("parent_route").isNull());
        assertEquals("page", created.path("parent_type").asText());
        assertEquals(false, created.path("is_parent_page").asBoolean());
        assertEquals(alice.userId(), created.path("creator_id").asText());
        assertEquals(false, created.path("is_published").asBoolean());
        assertTrue(created.path("publish_date").isNull());
        assertEquals("weather", created.path("content").path("components").path(0).path("plugin").asText());

        JsonNode fetched = alice.get(BASE + "/" + id).expect(200).json();
        assertEquals(created, fetched);

        JsonNode updated = alice.put(BASE + "/" + id, body("name", "Renamed", "icon", null,
                "content", Map.of("layout", Map.of(), "components", List.of(), "theme", "dark"))).expect(200).json();
        assertEquals("Renamed", updated.path("name").asText());
        assertTrue(updated.path("icon").isNull());
        assertEquals("Mine", updated.path("description").asText());
        assertEquals("dark", updated.path("content").path("theme").asText());
        assertEquals("dark", alice.get(BASE + "/" + id).expect(200).json().path("content").path("theme").asText());

        alice.delete(BASE + "/" + id).expect(204);
        assertEquals("Page not found", alice.get(BASE + "/" + id).expect(404).detail());
        alice.delete(BASE + "/" + id).expect(404);
    }

    @Test
    void pagesAreFoundByPlainAndNestedRoutes() {
        ApiClient alice = server.newUser();
        String parent = create(alice, "Parent", "parent").path("id").asText();
        JsonNode child = create(alice, "Child", "parent/child", "parent_route", "/parent");
        assertEquals("parent", child.path("parent_route").asText());
        assertEquals("child", child.path("route_segment").asText());
        assertEquals(parent, alice.get(BASE + "/route/parent").expect(200).json().path("id").asText());
        assertEquals(child.path("id"), alice.get(BASE + "/route/parent/child").expect(200).json().path("id"));
        assertEquals(child.path("id"), alice.get(BASE + "/route/parent/child/").expect(200).json().path("id"));
        alice.get(BASE + "/route/parent/missing").expect(404);
        alice.get(BASE + "/route/no-such-page").expect(404);
    }

    @Test
    void routesAreUniquePerUser() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        create(alice, "One", "dup");
        assertEquals("A page with route 'dup' already exists",
                alice.post(BASE, body("name", "Two", "route", "/dup", "content", CONTENT)).expect(409).detail());
        create(bob, "Bob's", "dup");
        String other = create(alice, "Other", "other").path("id").asText();
        alice.put(BASE + "/" + other, body("route", "dup")).expect(409);
        assertEquals("other", routeOf(alice, other));
    }

    @Test
    void listPagesWithPagingAndFilters() {
        ApiClient alice = server.newUser();
        String nav = alice.post("/api/v1/navigation-routes", body("name", "Docs", "route", "docs-nav"))
                .expect(201).json().path("id").asText();
        create(alice, "A", "a", "navigation_route_id", nav, "parent_type", "navigation");
        String b = create(alice, "B", "a/b").path("id").asText();
        create(alice, "C", "c");
        alice.post(BASE + "/" + b + "/publish", body("publish", true)).expect(200);

        JsonNode all = alice.get(BASE).expect(200).json();
        assertEquals(4, all.path("total").asInt());
        assertEquals(List.of("home", "a", "a/b", "c"), routes(all));
        all.path("pages").forEach(p -> assertFalse(p.has("content")));

        JsonNode page = alice.get(BASE + "?skip=1&limit=2").expect(200).json();
        assertEquals(List.of("a", "a/b"), routes(page));
        assertEquals(4, page.path("total").asInt());

        assertEquals(List.of("a/b"), routes(alice.get(BASE + "?published_only=true").expect(200).json()));
        assertEquals(List.of("a/b"), routes(alice.get(BASE + "?parent_route=/a").expect(200).json()));
        JsonNode byNav = alice.get(BASE + "?navigation_route_id=" + nav).expect(200).json();
        assertEquals(List.of("a"), routes(byNav));
        assertEquals(1, byNav.path("total").asInt());

        JsonNode withContent = alice.get(BASE + "?include_content=true&limit=2").expect(200).json();
        assertEquals(2, withContent.path("pages").size());
        assertTrue(withContent.path("pages").path(1).path("content").has("components"));

        alice.get(BASE + "?limit=101").expect(422);
        alice.get(BASE + "?limit=0").expect(422);
        alice.get(BASE + "?skip=-1").expect(422);
        alice.get(BASE + "?published_only=maybe").expect(422);
    }

    @Test
    void anotherUsersPrivatePageIsInvisible() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = create(alice, "Secret", "secret").path("id").asText();
        bob.get(BASE + "/" + id).expect(404);
        bob.get(BASE + "/route/secret").expect(404);
        bob.put(BASE + "/" + id, body("name", "Mine")).expect(404);
        bob.put(BASE + "/" + id + "/hierarchy", body("route_segment", "x")).expect(404);
        bob.post(BASE + "/" + id + "/publish", body("publish", true)).expect(404);
        bob.post(BASE + "/" + id + "/backup", body("create_backup", true)).expect(404);
        bob.get(BASE + "/" + id + "/backups").expect(404);
        bob.delete(BASE + "/" + id).expect(404);
        assertFalse(routes(bob.get(BASE).expect(200).json()).contains("secret"));
        assertEquals("Secret", alice.get(BASE + "/" + id).expect(200).json().path("name").asText());
    }

    @Test
    void aPublishedPageIsReadableButNotWritableByOthers() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = create(alice, "Shared", "shared-page").path("id").asText();
        JsonNode published = alice.post(BASE + "/" + id + "/publish", body("publish", true)).expect(200).json();
        assertTrue(published.path("is_published").asBoolean());
        assertFalse(published.path("publish_date").isNull());

        JsonNode seen = bob.get(BASE + "/" + id).expect(200).json();
        assertEquals("weather", seen.path("content").path("components").path(0).path("plugin").asText());
        assertEquals(id, bob.get(BASE + "/route/shared-page").expect(200).json().path("id").asText());
        assertEquals("Only the creator of a page can change it",
                bob.put(BASE + "/" + id, body("name", "Defaced")).expect(403).detail());
        bob.put(BASE + "/" + id + "/hierarchy", body("route_segment", "stolen")).expect(403);
        bob.post(BASE + "/" + id + "/publish", body("publish", false)).expect(403);
        bob.post(BASE + "/" + id + "/backup", body()).expect(403);
        bob.delete(BASE + "/" + id).expect(403);
        assertFalse(routes(bob.get(BASE).expect(200).json()).contains("shared-page"));

        // The reader's own page at the same route wins over the published one.
        String bobs = create(bob, "Bob's", "shared-page").path("id").asText();
        assertEquals(bobs, bob.get(BASE + "/route/shared-page").expect(200).json().path("id").asText());

        JsonNode unpublished = alice.post(BASE + "/" + id + "/publish", body("publish", false)).expect(200).json();
        assertFalse(unpublished.path("is_published").asBoolean());
        assertTrue(unpublished.path("publish_date").isNull());
        bob.get(BASE + "/" + id).expect(404);
        assertEquals("Shared", alice.get(BASE + "/" + id).expect(200).json().path("name").asText());
    }

    @Test
    void movingAPageCarriesItsChildrenAlong() {
        ApiClient alice = server.newUser();
        String docs = create(alice, "Docs", "docs", "is_parent_page", true).path("id").asText();
        String intro = create(alice, "Intro", "docs/intro").path("id").asText();
        String deep = create(alice, "Deep", "docs/intro/deep").path("id").asText();
        String sibling = create(alice, "Docs2", "docs2").path("id").asText();
        create(alice, "Guides", "guides");

        JsonNode moved = alice.put(BASE + "/" + docs + "/hierarchy", body("parent_route", "/guides",
                "parent_type", "page", "route_segment", "manual", "is_parent_page", true)).expect(200).json();
        assertEquals("guides/manual", moved.path("route").asText());
        assertEquals("guides", moved.path("parent_route").asText());
        assertEquals("manual", moved.path("route_segment").asText());
        assertEquals("guides/manual/intro", routeOf(alice, intro));
        assertEquals("guides/manual/intro/deep", routeOf(alice, deep));
        assertEquals("guides/manual", alice.get(BASE + "/" + intro).expect(200).json().path("parent_route").asText());
        assertEquals("docs2", routeOf(alice, sibling), "a page sharing only a name prefix stays put");
        assertEquals(deep, alice.get(BASE + "/route/guides/manual/intro/deep").expect(200).json().path("id").asText());

        JsonNode top = alice.put(BASE + "/" + docs + "/hierarchy", body("parent_route", null)).expect(200).json();
        assertEquals("manual", top.path("route").asText());
        assertTrue(top.path("parent_route").isNull());
        assertEquals("manual/intro/deep", routeOf(alice, deep));

        // A route change through PUT moves the subtree too.
        alice.put(BASE + "/" + docs, body("route", "handbook")).expect(200);
        assertEquals("handbook/intro", routeOf(alice, intro));
        assertEquals("handbook/intro/deep", routeOf(alice, deep));
    }

    @Test
    void aMoveThatClashesChangesNothing() {
        ApiClient alice = server.newUser();
        String docs = create(alice, "Docs", "docs").path("id").asText();
        String intro = create(alice, "Intro", "docs/intro").path("id").asText();
        create(alice, "Archive", "archive");
        create(alice, "Old intro", "archive/docs/intro");

        ApiClient.Response clash = alice.put(BASE + "/" + docs + "/hierarchy", body("parent_route", "archive"))
                .expect(409);
        assertEquals("A page with route 'archive/docs/intro' already exists", clash.detail());
        assertEquals("docs", routeOf(alice, docs));
        assertEquals("docs/intro", routeOf(alice, intro));
        assertTrue(alice.get(BASE + "/" + docs).expect(200).json().path("parent_route").isNull());
    }

    @Test
    void aPageCannotMoveUnderItself() {
        ApiClient alice = server.newUser();
        String docs = create(alice, "Docs", "docs").path("id").asText();
        create(alice, "Intro", "docs/intro");
        assertEquals("A page cannot be moved under itself or one of its descendants",
                alice.put(BASE + "/" + docs + "/hierarchy", body("parent_route", "docs/intro")).expect(400).detail());
        alice.put(BASE + "/" + docs + "/hierarchy", body("parent_route", "docs")).expect(400);
        alice.put(BASE + "/" + docs, body("route", "docs/sub")).expect(400);
        alice.put(BASE + "/" + docs + "/hierarchy", body("parent_type", "folder")).expect(422);
        alice.put(BASE + "/" + docs + "/hierarchy", body("route_segment", "a/b")).expect(422);
        assertEquals("docs", routeOf(alice, docs));
    }

    @Test
    void backupsKeepAndRestoreContent() {
        ApiClient alice = server.newUser();
        String id = create(alice, "Edited", "edited").path("id").asText();
        JsonNode backup = alice.post(BASE + "/" + id + "/backup", body("create_backup", true)).expect(201).json();
        assertEquals(id, backup.path("page_id").asText());
        alice.put(BASE + "/" + id, body("content", Map.of("layout", Map.of(), "components", List.of()))).expect(200);

        JsonNode list = alice.get(BASE + "/" + id + "/backups").expect(200).json();
        assertEquals(1, list.path("total").asInt());
        assertEquals(backup.path("id"), list.path("backups").path(0).path("id"));

        JsonNode restored = alice.post(BASE + "/" + id + "/backups/" + backup.path("id").asText() + "/restore",
                body()).expect(200).json();
        assertEquals("weather", restored.path("content").path("components").path(0).path("plugin").asText());
        assertEquals("weather", alice.get(BASE + "/" + id).expect(200).json()
                .path("content").path("components").path(0).path("plugin").asText());
        assertEquals(2, alice.get(BASE + "/" + id + "/backups").expect(200).json().path("total").asInt(),
                "the replaced content is kept as a backup too");

        alice.post(BASE + "/" + id + "/backups/no-such-backup/restore", body()).expect(404);
        alice.post(BASE + "/" + id + "/backup", body("create_backup", false)).expect(422);
        alice.post(BASE + "/" + id + "/backup", body("create_backup", "yes")).expect(422);
        String other = create(alice, "Other", "other-page").path("id").asText();
        alice.post(BASE + "/" + other + "/backups/" + backup.path("id").asText() + "/restore", body()).expect(404);
    }

    @Test
    void invalidInputIsRejected() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        JsonNode missing = alice.post(BASE, body()).expect(422).json().path("detail");
        List<String> fields = new ArrayList<>();
        missing.forEach(e -> fields.add(e.path("loc").path(1).asText()));
        assertEquals(List.of("name", "route", "content"), fields);
        alice.post(BASE, body("name", "X", "route", "x", "content", CONTENT, "parent_type", "folder")).expect(422);
        alice.post(BASE, body("name", "X", "route", "x", "content", List.of())).expect(422);
        alice.post(BASE, body("name", "X", "route", "x y", "content", CONTENT)).expect(422);
        alice.post(BASE, body("name", "X", "route", "x/../y", "content", CONTENT)).expect(422);
        alice.post(BASE, body("name", "X", "route", "x".repeat(256), "content", CONTENT)).expect(422);
        alice.post(BASE, body("name", 1, "route", "x", "content", CONTENT)).expect(422);
        alice.post(BASE, body("name", "X", "route", "x", "content", CONTENT, "is_parent_page", "no")).expect(422);
        alice.post(BASE, "{\"name\": ").expect(422);
        alice.post(BASE, body("name", "X", "route", "x", "content", CONTENT, "creator_id", bob.userId()))
                .expect(403);
        String bobsRoute = bob.get("/api/v1/navigation-routes").expect(200).json().path(0).path("id").asText();
        alice.post(BASE, body("name", "X", "route", "x", "content", CONTENT, "navigation_route_id", bobsRoute))
                .expect(422);
        String id = create(alice, "Valid", "valid").path("id").asText();
        alice.put(BASE + "/" + id, body("content", null)).expect(422);
        alice.put(BASE + "/" + id, body("name", "")).expect(422);
        alice.post(BASE + "/" + id + "/publish", body()).expect(422);
        alice.get(BASE + "/not-an-id").expect(404);
    }

    @Test
    void deletingANavigationRouteUnlinksItsPages() {
        ApiClient alice = server.newUser();
        String nav = alice.post("/api/v1/navigation-routes", body("name", "Section", "route", "section"))
                .expect(201).json().path("id").asText();
        String id = create(alice, "Linked", "linked", "navigation_route_id", nav).path("id").asText();
        assertEquals(nav, alice.get(BASE + "/" + id).expect(200).json().path("navigation_route_id").asText());
        alice.delete("/api/v1/navigation-routes/" + nav).expect(204);
        assertTrue(alice.get(BASE + "/" + id).expect(200).json().path("navigation_route_id").isNull());
    }
}
