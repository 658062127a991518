package ai.braindrive.server.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.braindrive.server.testing.ApiClient;
import ai.braindrive.server.testing.TestServer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConversationsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode conversation(ApiClient client, Object... fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("user_id", client.userId());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return client.post("/api/v1/conversations", body).expect(201).json();
    }

    private static String conversationId(ApiClient client, String title) {
        return conversation(client, "title", title).path("id").asText();
    }

    private static JsonNode message(ApiClient client, String conversationId, String sender, String text) {
        return client.post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("sender", sender, "message", text)).expect(201).json();
    }

    private static String tagId(ApiClient client, String name) {
        return client.post("/api/v1/tags", Map.of("name", name, "color", "#336699", "user_id", client.userId()))
                .expect(201).json().path("id").asText();
    }

    private static String personaId(ApiClient client, String name) {
        return client.post("/api/v1/personas", Map.of("name", name, "system_prompt", "Be " + name))
                .expect(201).json().path("id").asText();
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    @Test
    void aCreatedConversationHasDefaultsAndIsReadBack() {
        ApiClient alice = server.newUser();
        JsonNode created = conversation(alice, "title", "Hello", "page_context", "chat-page", "page_id", "p1",
                "model", "llama3", "server", "ollama-local");
        assertEquals("Hello", created.path("title").asText());
        assertEquals(alice.userId(), created.path("user_id").asText());
        assertEquals("chat", created.path("conversation_type").asText());
        assertEquals("chat-page", created.path("page_context").asText());
        assertEquals("p1", created.path("page_id").asText());
        assertEquals("llama3", created.path("model").asText());
        assertEquals("ollama-local", created.path("server").asText());
        assertTrue(created.path("persona_id").isNull());
        assertEquals(0, created.path("message_count").asInt());
        assertTrue(created.path("last_message_at").isNull());
        assertTrue(created.path("tags").isArray() && created.path("tags").isEmpty());
        assertFalse(created.path("created_at").asText().isEmpty());

        String id = created.path("id").asText();
        assertEquals(created, alice.get("/api/v1/conversations/" + id).expect(200).json());
        JsonNode minimal = alice.post("/api/v1/conversations", Map.of()).expect(201).json();
        assertEquals(alice.userId(), minimal.path("user_id").asText());
        assertEquals("notes", conversation(alice, "user_id", "current", "conversation_type", "notes")
                .path("conversation_type").asText());
    }

    @Test
    void invalidConversationsAreRejected() {
        ApiClient alice = server.newUser();
        JsonNode error = alice.post("/api/v1/conversations", Map.of("title", "t".repeat(501))).expect(422).json();
        assertEquals("title", error.path("detail").get(0).path("loc").get(1).asText());
        alice.post("/api/v1/conversations", Map.of("conversation_type", " ")).expect(422);
        alice.post("/api/v1/conversations", Map.of("title", 12)).expect(422);
        alice.post("/api/v1/conversations", "{\"title\":").expect(422);
        assertEquals("Persona not found",
                alice.post("/api/v1/conversations", Map.of("persona_id", "missing")).expect(404).detail());
        assertEquals("0", alice.get("/api/v1/users/current/conversations").expect(200)
                .header("X-Total-Count").orElseThrow());
    }

    @Test
    void updatesChangeOnlyTheGivenFields() {
        ApiClient alice = server.newUser();
        String id = conversation(alice, "title", "Before", "model", "m1").path("id").asText();
        JsonNode updated = alice.put("/api/v1/conversations/" + id, Map.of("title", "After", "server", "s2"))
                .expect(200).json();
        assertEquals("After", updated.path("title").asText());
        assertEquals("m1", updated.path("model").asText());
        assertEquals("s2", updated.path("server").asText());
        assertEquals(updated, alice.get("/api/v1/conversations/" + id).expect(200).json());
        alice.put("/api/v1/conversations/" + id, Map.of("model", "m".repeat(256))).expect(422);
        alice.put("/api/v1/conversations/" + id, Map.of("persona_id", "nope")).expect(404);
        alice.put("/api/v1/conversations/missing", Map.of("title", "x")).expect(404);
    }

    @Test
    void messagesAreKeptInOrderAndBumpTheConversation() {
        ApiClient alice = server.newUser();
        JsonNode created = conversation(alice, "title", "Chat");
        String id = created.path("id").asText();
        JsonNode first = message(alice, id, "user", "Hi");
        assertEquals(1, first.path("sequence").asInt());
        assertEquals("user", first.path("sender").asText());
        assertEquals("Hi", first.path("message").asText());
        assertEquals(id, first.path("conversation_id").asText());
        assertTrue(first.path("message_metadata").isNull());
        JsonNode second = alice.post("/api/v1/conversations/" + id + "/messages", Map.of("sender", "assistant",
                "message", "Hello!", "message_metadata", Map.of("model", "llama3", "tokens", 12))).expect(201).json();
        assertEquals(2, second.path("sequence").asInt());
        assertEquals(12, second.path("message_metadata").path("tokens").asInt());
        message(alice, id, "system", "");

        ApiClient.Response list = alice.get("/api/v1/conversations/" + id + "/messages").expect(200);
        assertEquals(List.of("Hi", "Hello!", ""), values(list.json(), "message"));
        assertEquals(List.of("1", "2", "3"), values(list.json(), "sequence"));
        assertEquals("3", list.header("X-Total-Count").orElseThrow());
        assertEquals(List.of("Hello!"),
                values(alice.get("/api/v1/conversations/" + id + "/messages?skip=1&limit=1").expect(200).json(),
                        "message"));

        JsonNode after = alice.get("/api/v1/conversations/" + id).expect(200).json();
        assertEquals(3, after.path("message_count").asInt());
        assertFalse(after.path("last_message_at").isNull());
        assertTrue(after.path("updated_at").asText().compareTo(created.path("updated_at").asText()) >= 0);

        JsonNode with = alice.get("/api/v1/conversations/" + id + "/with-messages").expect(200).json();
        assertEquals("Chat", with.path("title").asText());
        assertEquals(List.of("Hi", "Hello!", ""), values(with.path("messages"), "message"));
        assertEquals(List.of("Hello!", ""), values(alice.get("/api/v1/conversations/" + id
                + "/with-messages?skip=1").expect(200).json().path("messages"), "message"));
    }

    @Test
    void invalidMessagesAreRejected() {
        ApiClient alice = server.newUser();
        String id = conversationId(alice, "Chat");
        String path = "/api/v1/conversations/" + id + "/messages";
        JsonNode badSender = alice.post(path, Map.of("sender", "robot", "message", "x")).expect(422).json();
        assertEquals("sender", badSender.path("detail").get(0).path("loc").get(1).asText());
        JsonNode missing = alice.post(path, Map.of()).expect(422).json();
        assertEquals(List.of("sender", "message"), List.of(
                missing.path("detail").get(0).path("loc").get(1).asText(),
                missing.path("detail").get(1).path("loc").get(1).asText()));
        alice.post(path, Map.of("sender", "user", "message", "x", "message_metadata", List.of(1))).expect(422);
        alice.post(path, Map.of("sender", "user", "message", 5)).expect(422);
        alice.get(path + "?limit=101").expect(422);
        alice.get(path + "?skip=-1").expect(422);
        assertEquals("Conversation not found",
                alice.post("/api/v1/conversations/missing/messages", Map.of("sender", "user", "message", "x"))
                        .expect(404).detail());
        assertEquals(0, alice.get("/api/v1/conversations/" + id).expect(200).json().path("message_count").asInt());
    }

    @Test
    void concurrentWritersGetUniqueConsecutiveSequences() throws Exception {
        ApiClient alice = server.newUser();
        String id = conversationId(alice, "Busy");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Integer>>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    List<Integer> sequences = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        sequences.add(message(alice, id, "user", writer + ":" + i).path("sequence").asInt());
                    }
                    return sequences;
                }));
            }
            Set<Integer> seen = new TreeSet<>();
            for (Future<List<Integer>> writer : writers) {
                List<Integer> sequences = writer.get();
                for (int i = 1; i < sequences.size(); i++) {
                    assertTrue(sequences.get(i) > sequences.get(i - 1), "one writer's messages stay in order");
                }
                seen.addAll(sequences);
            }
            assertEquals(200, seen.size());
            assertEquals(1, seen.iterator().next());
            assertEquals(200, ((TreeSet<Integer>) seen).last());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, alice.get("/api/v1/conversations/" + id).expect(200).json().path("message_count").asInt());
        List<String> stored = new ArrayList<>();
        for (int skip = 0; skip < 200; skip += 100) {
            stored.addAll(values(alice.get("/api/v1/conversations/" + id + "/messages?skip=" + skip)
                    .expect(200).json(), "sequence"));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, stored);
        JsonNode all = alice.get("/api/v1/conversations/" + id + "/messages?skip=100").expect(200).json();
        for (int i = 1; i < all.size(); i++) {
            assertTrue(Instant.parse(all.get(i).path("created_at").asText())
                    .compareTo(Instant.parse(all.get(i - 1).path("created_at").asText())) >= 0,
                    "created_at follows the sequence");
        }
        JsonNode conversation = alice.get("/api/v1/conversations/" + id).expect(200).json();
        assertEquals(all.get(all.size() - 1).path("created_at").asText(),
                conversation.path("last_message_at").asText());
    }

    @Test
    void userListsArePagedMostRecentFirstWithATotal() {
        ApiClient alice = server.newUser();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(conversationId(alice, "C" + i));
        }
        message(alice, ids.get(1), "user", "bump");

        ApiClient.Response all = alice.get("/api/v1/users/" + alice.userId() + "/conversations").expect(200);
        assertEquals(List.of("C1", "C4", "C3", "C2", "C0"), values(all.json(), "title"));
        assertEquals("5", all.header("X-Total-Count").orElseThrow());
        assertEquals(1, all.json().get(0).path("message_count").asInt());
        assertTrue(all.json().get(0).path("messages").isMissingNode());

        ApiClient.Response page = alice.get("/api/v1/users/current/conversations?skip=2&limit=2").expect(200);
        assertEquals(List.of("C3", "C2"), values(page.json(), "title"));
        assertEquals("5", page.header("X-Total-Count").orElseThrow());
        assertTrue(alice.get("/api/v1/users/current/conversations?skip=10").expect(200).json().isEmpty());
        alice.delete("/api/v1/conversations/" + ids.get(3)).expect(204);
        alice.delete("/api/v1/conversations/" + ids.get(3)).expect(404);
        ApiClient.Response afterDelete = alice.get("/api/v1/users/current/conversations").expect(200);
        assertEquals(List.of("C1", "C4", "C2", "C0"), values(afterDelete.json(), "title"));
        assertEquals("4", afterDelete.header("X-Total-Count").orElseThrow());
        assertEquals("4", alice.get("/api/v1/users/current/conversations?conversation_type=chat").expect(200)
                .header("X-Total-Count").orElseThrow());
        alice.get("/api/v1/users/current/conversations?limit=0").expect(422);
        alice.get("/api/v1/users/current/conversations?limit=abc").expect(422);
    }

    @Test
    void userListsFilterByTypePageTagAndPersona() {
        ApiClient alice = server.newUser();
        String persona = personaId(alice, "Guide");
        String tag = tagId(alice, "starred");
        conversation(alice, "title", "Chat A", "page_id", "page-1");
        conversation(alice, "title", "Notes", "conversation_type", "notes", "page_id", "page-2");
        String tagged = conversation(alice, "title", "Chat B", "persona_id", persona).path("id").asText();
        alice.post("/api/v1/conversations/" + tagged + "/tags", Map.of("tag_id", tag)).expect(200);
        String base = "/api/v1/users/current/conversations";

        assertEquals(List.of("Notes"), values(alice.get(base + "?conversation_type=notes").expect(200).json(), "title"));
        assertEquals(List.of("Chat A"), values(alice.get(base + "?page_id=page-1").expect(200).json(), "title"));
        ApiClient.Response byTag = alice.get(base + "?tag_id=" + tag).expect(200);
        assertEquals(List.of("Chat B"), values(byTag.json(), "title"));
        assertEquals("1", byTag.header("X-Total-Count").orElseThrow());
        assertEquals(List.of("Chat B"), values(alice.get(base + "?persona_id=" + persona).expect(200).json(),
                "title"));
        assertEquals(List.of("Chat B"), values(alice.get("/api/v1/conversations/by-persona/" + persona)
                .expect(200).json(), "title"));
        ApiClient.Response tagList = alice.get("/api/v1/tags/" + tag + "/conversations").expect(200);
        assertEquals(List.of("Chat B"), values(tagList.json(), "title"));
        assertEquals("starred", tagList.json().get(0).path("tags").get(0).path("name").asText());
        assertEquals("#336699", tagList.json().get(0).path("tags").get(0).path("color").asText());
        alice.get("/api/v1/conversations/by-persona/missing").expect(404);
        alice.get("/api/v1/tags/missing/conversations").expect(404);
    }

    @Test
    void tagsAreAttachedAndDetached() {
        ApiClient alice = server.newUser();
        String id = conversationId(alice, "Tagged");
        String work = tagId(alice, "work");
        String home = tagId(alice, "home");
        String urgent = tagId(alice, "urgent");

        JsonNode one = alice.post("/api/v1/conversations/" + id + "/tags", Map.of("tag_id", work)).expect(200).json();
        assertEquals(List.of("work"), values(one.path("tags"), "name"));
        JsonNode many = alice.post("/api/v1/conversations/" + id + "/tags",
                Map.of("tag_ids", List.of(home, urgent, work))).expect(200).json();
        assertEquals(List.of("home", "urgent", "work"), values(many.path("tags"), "name"));
        assertEquals(List.of("home", "urgent", "work"),
                values(alice.get("/api/v1/conversations/" + id).expect(200).json().path("tags"), "name"));

        JsonNode detached = alice.delete("/api/v1/conversations/" + id + "/tags/" + urgent).expect(200).json();
        assertEquals(List.of("home", "work"), values(detached.path("tags"), "name"));
        alice.delete("/api/v1/conversations/" + id + "/tags/" + urgent).expect(200);

        alice.post("/api/v1/conversations/" + id + "/tags", Map.of()).expect(422);
        alice.post("/api/v1/conversations/" + id + "/tags", Map.of("tag_ids", List.of())).expect(422);
        assertEquals("Tag not found", alice.post("/api/v1/conversations/" + id + "/tags",
                Map.of("tag_ids", List.of(home, "missing"))).expect(404).detail());
        alice.delete("/api/v1/conversations/" + id + "/tags/missing").expect(404);
        alice.post("/api/v1/conversations/missing/tags", Map.of("tag_id", home)).expect(404);
    }

    @Test
    void deletingATagUnlinksItFromConversations() {
        ApiClient alice = server.newUser();
        String id = conversationId(alice, "Tagged");
        String keep = tagId(alice, "keep");
        String drop = tagId(alice, "drop");
        alice.post("/api/v1/conversations/" + id + "/tags", Map.of("tag_ids", List.of(keep, drop))).expect(200);
        alice.delete("/api/v1/tags/" + drop).expect(204);
        assertEquals(List.of("keep"),
                values(alice.get("/api/v1/conversations/" + id).expect(200).json().path("tags"), "name"));
        assertEquals("0", alice.get("/api/v1/users/current/conversations?tag_id=" + drop).expect(200)
                .header("X-Total-Count").orElseThrow());
    }

    @Test
    void deletingAConversationDeletesItsMessagesAndTagLinks() {
        ApiClient alice = server.newUser();
        String id = conversationId(alice, "Doomed");
        String tag = tagId(alice, "t");
        message(alice, id, "user", "one");
        message(alice, id, "assistant", "two");
        alice.post("/api/v1/conversations/" + id + "/tags", Map.of("tag_id", tag)).expect(200);

        alice.delete("/api/v1/conversations/" + id).expect(204);
        assertEquals("Conversation not found", alice.get("/api/v1/conversations/" + id).expect(404).detail());
        alice.get("/api/v1/conversations/" + id + "/messages").expect(404);
        alice.get("/api/v1/conversations/" + id + "/with-messages").expect(404);
        alice.delete("/api/v1/conversations/" + id).expect(404);
        assertTrue(alice.get("/api/v1/tags/" + tag + "/conversations").expect(200).json().isEmpty());
        alice.delete("/api/v1/tags/" + tag).expect(204);
    }

    @Test
    void personasAreLinkedAndClearedWhenDeleted() {
        ApiClient alice = server.newUser();
        String persona = personaId(alice, "Mentor");
        String id = conversationId(alice, "Lesson");
        JsonNode bare = alice.get("/api/v1/conversations/" + id + "/with-persona").expect(200).json();
        assertTrue(bare.path("persona").isNull());

        JsonNode linked = alice.put("/api/v1/conversations/" + id + "/persona", Map.of("persona_id", persona))
                .expect(200).json();
        assertEquals(persona, linked.path("persona_id").asText());
        JsonNode with = alice.get("/api/v1/conversations/" + id + "/with-persona").expect(200).json();
        assertEquals("Lesson", with.path("title").asText());
        assertEquals("Mentor", with.path("persona").path("name").asText());
        assertEquals("Be Mentor", with.path("persona").path("system_prompt").asText());

        alice.put("/api/v1/conversations/" + id + "/persona", Map.of()).expect(422);
        alice.put("/api/v1/conversations/" + id + "/persona", Map.of("persona_id", "missing")).expect(404);
        alice.delete("/api/v1/personas/" + persona).expect(204);
        JsonNode after = alice.get("/api/v1/conversations/" + id).expect(200).json();
        assertTrue(after.path("persona_id").isNull());
        assertEquals("Lesson", after.path("title").asText());

        String other = personaId(alice, "Other");
        alice.put("/api/v1/conversations/" + id + "/persona", Map.of("persona_id", other)).expect(200);
        Map<String, Object> clear = new HashMap<>();
        clear.put("persona_id", null);
        assertTrue(alice.put("/api/v1/conversations/" + id + "/persona", clear).expect(200).json()
                .path("persona_id").isNull());
    }

    @Test
    void anotherUsersConversationsAreOutOfReach() {
        ApiClient alice = server.newUser();
        ApiClient bob = server.newUser();
        String id = conversationId(alice, "Secret");
        message(alice, id, "user", "private words");
        String aliceTag = tagId(alice, "mine");
        String alicePersona = personaId(alice, "Hers");
        String bobs = conversationId(bob, "Bob's");
        String c = "/api/v1/conversations/" + id;

        assertEquals("Not allowed to act for another user",
                bob.get("/api/v1/users/" + alice.userId() + "/conversations").expect(403).detail());
        assertEquals("Conversation not found", bob.get(c).expect(404).detail());
        bob.get(c + "/with-messages").expect(404);
        bob.get(c + "/with-persona").expect(404);
        bob.get(c + "/messages").expect(404);
        bob.post(c + "/messages", Map.of("sender", "user", "message", "intrusion")).expect(404);
        bob.put(c, Map.of("title", "Hacked")).expect(404);
        bob.put(c + "/persona", Map.of("persona_id", alicePersona)).expect(404);
        bob.post(c + "/tags", Map.of("tag_id", tagId(bob, "b"))).expect(404);
        bob.delete(c + "/tags/" + aliceTag).expect(404);
        bob.delete(c).expect(404);

        bob.post("/api/v1/conversations", Map.of("user_id", alice.userId(), "title", "Forged")).expect(403);
        bob.put("/api/v1/conversations/" + bobs, Map.of("user_id", alice.userId())).expect(403);
        assertEquals("Tag not found", bob.post("/api/v1/conversations/" + bobs + "/tags",
                Map.of("tag_id", aliceTag)).expect(404).detail());
        bob.post("/api/v1/conversations", Map.of("persona_id", alicePersona)).expect(404);
        bob.put("/api/v1/conversations/" + bobs + "/persona", Map.of("persona_id", alicePersona)).expect(404);
        bob.get("/api/v1/conversations/by-persona/" + alicePersona).expect(404);
        assertEquals(List.of("Bob's"), values(bob.get("/api/v1/users/current/conversations").expect(200).json(),
                "title"));

        JsonNode still = alice.get(c + "/with-messages").expect(200).json();
        assertEquals("Secret", still.path("title").asText());
        assertEquals(List.of("private words"), values(still.path("messages"), "message"));
        assertTrue(still.path("tags").isEmpty());
    }
}
