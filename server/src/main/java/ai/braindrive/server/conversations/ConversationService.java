package ai.braindrive.server.conversations;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ai.braindrive.server.conversations.ConversationRecords.ConversationBody;
import ai.braindrive.server.conversations.ConversationRecords.ConversationFilter;
import ai.braindrive.server.conversations.ConversationRecords.PersonaLink;
import ai.braindrive.server.conversations.ConversationRecords.TagLink;
import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.Checks;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;
import ai.braindrive.server.http.ValidationException;
import ai.braindrive.server.personas.PersonaRepository;
import ai.braindrive.server.tags.TagRepository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Conversations of the caller: lists (plain JSON arrays, the total in {@code X-Total-Count}), CRUD, the persona
 * and the tags of a conversation. Someone else's conversation, persona or tag is answered 404.
 */
public final class ConversationService {
    static final String TOTAL_COUNT = "X-Total-Count";
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final Database database;
    private final ConversationRepository conversations;
    private final PersonaRepository personas;
    private final TagRepository tags;

    public ConversationService(Database database, ConversationRepository conversations, PersonaRepository personas,
                               TagRepository tags) {
        this.database = database;
        this.conversations = conversations;
        this.personas = personas;
        this.tags = tags;
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/users/{user_id}/conversations").get("", this::listForUser);
        routes.under("/api/v1/tags/{tag_id}/conversations").get("", this::listForTag);
        routes.under("/api/v1/conversations")
                .post("", this::create)
                .get("/by-persona/{persona_id}", this::listForPersona)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete)
                .get("/{id}/with-persona", this::withPersona)
                .put("/{id}/persona", this::updatePersona)
                .post("/{id}/tags", this::attachTags)
                .delete("/{id}/tags/{tag_id}", this::detachTag);
    }

    private void listForUser(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).requireSelf(Params.path(req, "user_id"));
        sendPage(req, res, userId, new ConversationFilter(Params.query(req, "conversation_type").orElse(null),
                Params.query(req, "page_id").orElse(null), Params.query(req, "tag_id").orElse(null),
                Params.query(req, "persona_id").orElse(null)));
    }

    private void listForPersona(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).id();
        String personaId = Params.path(req, "persona_id");
        if (!personas.exists(database, userId, personaId)) {
            throw ApiException.notFound("Persona not found");
        }
        sendPage(req, res, userId, new ConversationFilter(null, null, null, personaId));
    }

    private void listForTag(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).id();
        String tagId = Params.path(req, "tag_id");
        if (tags.find(userId, tagId).isEmpty()) {
            throw ApiException.notFound("Tag not found");
        }
        sendPage(req, res, userId, new ConversationFilter(null, null, tagId, null));
    }

    private void sendPage(ServerRequest req, ServerResponse res, String userId, ConversationFilter filter) {
        Params.PageRequest paging = Params.paging(req, DEFAULT_LIMIT, MAX_LIMIT);
        long total = conversations.count(userId, filter);
        List<Conversation> page = paging.skip() >= total ? List.of()
                : conversations.page(userId, filter, paging.skip(), paging.limit());
        res.header(HeaderNames.create(TOTAL_COUNT), Long.toString(total));
        Json.send(res, page);
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        ConversationBody body = Json.read(req, ConversationBody.class);
        String userId = caller.requireSelf(body.userId());
        String type = body.conversationType() == null ? "chat" : body.conversationType().strip();
        validate(body, type);
        var now = Ids.now();
        Conversation created = new Conversation(Ids.newId(), body.title(), userId, body.pageContext(), body.pageId(),
                body.model(), body.server(), type, body.personaId(), 0, null, now, now, List.of());
        database.runInTransaction(tx -> {
            requirePersona(tx, userId, body.personaId());
            conversations.insert(tx, created);
        });
        Json.send(res, Status.CREATED_201, created);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, owned(req));
    }

    private void update(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        ConversationBody body = Json.read(req, ConversationBody.class);
        caller.requireSelf(body.userId());
        String type = body.conversationType() == null ? null : body.conversationType().strip();
        validate(body, type);
        String id = Params.path(req, "id");
        Conversation updated = database.inTransaction(tx -> {
            Conversation old = conversations.find(tx, caller.id(), id)
                    .orElseThrow(() -> ApiException.notFound("Conversation not found"));
            requirePersona(tx, caller.id(), body.personaId());
            Conversation next = new Conversation(old.id(), or(body.title(), old.title()), old.userId(),
                    or(body.pageContext(), old.pageContext()), or(body.pageId(), old.pageId()),
                    or(body.model(), old.model()), or(body.server(), old.server()), or(type, old.conversationType()),
                    or(body.personaId(), old.personaId()), old.messageCount(), old.lastMessageAt(), old.createdAt(),
                    Ids.now(), old.tags());
            if (!conversations.update(tx, next)) {
                throw ApiException.notFound("Conversation not found");
            }
            return next;
        });
        Json.send(res, updated);
    }

    private void updatePersona(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        JsonNode tree = Json.readTree(req);
        if (!tree.isObject() || !tree.has("persona_id")) {
            throw ValidationException.of(FieldError.body("persona_id", "Field required", "missing"));
        }
        String personaId = Json.convert(tree, PersonaLink.class).personaId();
        String id = Params.path(req, "id");
        Conversation updated = database.inTransaction(tx -> {
            Conversation old = conversations.find(tx, caller.id(), id)
                    .orElseThrow(() -> ApiException.notFound("Conversation not found"));
            requirePersona(tx, caller.id(), personaId);
            Conversation next = new Conversation(old.id(), old.title(), old.userId(), old.pageContext(),
                    old.pageId(), old.model(), old.server(), old.conversationType(), personaId, old.messageCount(),
                    old.lastMessageAt(), old.createdAt(), Ids.now(), old.tags());
            if (!conversations.update(tx, next)) {
                throw ApiException.notFound("Conversation not found");
            }
            return next;
        });
        Json.send(res, updated);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).id();
        String id = Params.path(req, "id");
        database.runInTransaction(tx -> {
            if (!conversations.delete(tx, userId, id)) {
                throw ApiException.notFound("Conversation not found");
            }
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The conversation plus {@code persona}: the full persona, or null when it has none. */
    private void withPersona(ServerRequest req, ServerResponse res) {
        Conversation conversation = owned(req);
        ObjectNode body = Json.MAPPER.valueToTree(conversation);
        body.set("persona", conversation.personaId() == null ? Json.MAPPER.nullNode()
                : Json.MAPPER.valueToTree(personas.find(conversation.userId(), conversation.personaId())
                        .orElse(null)));
        Json.send(res, body);
    }

    private void attachTags(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        TagLink body = Json.read(req, TagLink.class);
        Set<String> tagIds = new LinkedHashSet<>();
        if (body.tagId() != null) {
            tagIds.add(body.tagId());
        }
        if (body.tagIds() != null) {
            for (String tagId : body.tagIds()) {
                new Checks().required("tag_ids", tagId).validate();
                tagIds.add(tagId);
            }
        }
        if (tagIds.isEmpty()) {
            throw ValidationException.of(FieldError.body("tag_id", "Field required", "missing"));
        }
        String id = Params.path(req, "id");
        Json.send(res, database.inTransaction(tx -> {
            requireConversation(tx, caller.id(), id);
            var now = Ids.now();
            for (String tagId : tagIds) {
                if (tags.find(tx, caller.id(), tagId).isEmpty()) {
                    throw ApiException.notFound("Tag not found");
                }
                conversations.attachTag(tx, id, tagId, now);
            }
            return conversations.find(tx, caller.id(), id).orElseThrow();
        }));
    }

    private void detachTag(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        String id = Params.path(req, "id");
        String tagId = Params.path(req, "tag_id");
        Json.send(res, database.inTransaction(tx -> {
            requireConversation(tx, caller.id(), id);
            if (tags.find(tx, caller.id(), tagId).isEmpty()) {
                throw ApiException.notFound("Tag not found");
            }
            conversations.detachTag(tx, id, tagId);
            return conversations.find(tx, caller.id(), id).orElseThrow();
        }));
    }

    private Conversation owned(ServerRequest req) {
        return conversations.find(CurrentUser.of(req).id(), Params.path(req, "id"))
                .orElseThrow(() -> ApiException.notFound("Conversation not found"));
    }

    private void requireConversation(Sql tx, String userId, String id) {
        if (!conversations.exists(tx, userId, id)) {
            throw ApiException.notFound("Conversation not found");
        }
    }

    /** A conversation may only name one of the caller's own personas. */
    private void requirePersona(Sql tx, String userId, String personaId) {
        if (personaId != null && !personas.exists(tx, userId, personaId)) {
            throw ApiException.notFound("Persona not found");
        }
    }

    private static void validate(ConversationBody body, String type) {
        new Checks()
                .length("title", body.title(), 0, 500)
                .length("page_context", body.pageContext(), 0, 4000)
                .length("page_id", body.pageId(), 0, 255)
                .length("model", body.model(), 0, 255)
                .length("server", body.server(), 0, 255)
                .length("conversation_type", type, 1, 50)
                .validate();
    }

    private static <T> T or(T given, T old) {
        return given != null ? given : old;
    }
}
