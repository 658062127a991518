package ai.braindrive.server.personas;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.Checks;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;
import ai.braindrive.server.personas.PersonaRecords.PersonaBody;
import ai.braindrive.server.personas.PersonaRecords.PersonaFilter;
import ai.braindrive.server.personas.PersonaRecords.PersonaPage;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/personas}: the caller's personas, paged and filtered, with their distinct tags. */
public final class PersonaService {
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 50;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;

    /** Lets other features drop their references to a persona, inside the transaction that deletes it. */
    @FunctionalInterface
    public interface DeletionHook {
        void personaDeleted(Sql tx, String userId, String personaId);
    }

    private final Database database;
    private final PersonaRepository personas;
    private final List<DeletionHook> deletionHooks;

    public PersonaService(Database database, PersonaRepository personas, List<DeletionHook> deletionHooks) {
        this.database = database;
        this.personas = personas;
        this.deletionHooks = List.copyOf(deletionHooks);
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/personas")
                .get("", this::list)
                .post("", this::create)
                .get("/tags", this::tags)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        PersonaFilter filter = new PersonaFilter(Params.query(req, "search").map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(null), tagsQuery(req), Params.boolQuery(req, "is_active")
                .orElse(null));
        int pageSize;
        long skip;
        boolean legacyPaging = Params.query(req, "page").isEmpty() && Params.query(req, "page_size").isEmpty()
                && (Params.query(req, "skip").isPresent() || Params.query(req, "limit").isPresent());
        if (legacyPaging) {
            // The original API paged personas with skip/limit: still accepted.
            Params.PageRequest paging = Params.paging(req, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
            pageSize = paging.limit();
            skip = paging.skip();
        } else {
            int page = Params.intQuery(req, "page", 1, 1, 10_000_000);
            pageSize = Params.intQuery(req, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
            skip = (long) (page - 1) * pageSize;
        }
        long total = personas.count(caller.id(), filter);
        List<Persona> items = skip >= total ? List.of() : personas.page(caller.id(), filter, skip, pageSize);
        long totalPages = (total + pageSize - 1) / pageSize;
        Json.send(res, new PersonaPage(items, total, (int) (skip / pageSize) + 1, pageSize, totalPages));
    }

    private static List<String> tagsQuery(ServerRequest req) {
        Set<String> tags = new LinkedHashSet<>();
        for (String raw : req.query().all("tags", List::of)) {
            for (String tag : raw.split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
        }
        return List.copyOf(tags);
    }

    private void tags(ServerRequest req, ServerResponse res) {
        Json.send(res, personas.distinctTags(CurrentUser.of(req).id()));
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        PersonaBody body = Json.read(req, PersonaBody.class);
        String userId = caller.requireSelf(body.userId());
        validate(body.name(), body.systemPrompt(), body.modelSettings(), body.tags(), new Checks());
        var now = Ids.now();
        Persona persona = new Persona(Ids.newId(), body.name().strip(), body.description(), body.systemPrompt(),
                nullIfJsonNull(body.modelSettings()), body.avatar(), normalizeTags(body.tags()),
                body.sampleGreeting(), body.isActive() == null || body.isActive(), userId, now, now);
        database.runInTransaction(tx -> personas.insert(tx, persona));
        Json.send(res, Status.CREATED_201, persona);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, owned(req));
    }

    private void update(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        JsonNode tree = Json.readObject(req);
        PersonaBody body = Json.convert(tree, PersonaBody.class);
        caller.requireSelf(body.userId());
        Persona old = owned(req);
        String name = tree.has("name") ? body.name() : old.name();
        String systemPrompt = tree.has("system_prompt") ? body.systemPrompt() : old.systemPrompt();
        JsonNode settings = tree.has("model_settings") ? nullIfJsonNull(body.modelSettings()) : old.modelSettings();
        List<String> tags = tree.has("tags") ? body.tags() : old.tags();
        validate(name, systemPrompt, settings, tags, new Checks()
                .check(!tree.has("is_active") || body.isActive() != null, "is_active",
                        "Input should be a valid boolean"));
        Persona updated = new Persona(old.id(), name.strip(), pick(tree, "description", body.description(),
                old.description()), systemPrompt, settings, pick(tree, "avatar", body.avatar(), old.avatar()),
                normalizeTags(tags), pick(tree, "sample_greeting", body.sampleGreeting(), old.sampleGreeting()),
                body.isActive() != null ? body.isActive() : old.isActive(), old.userId(), old.createdAt(),
                Ids.now());
        database.runInTransaction(tx -> {
            if (!personas.update(tx, updated)) {
                throw ApiException.notFound("Persona not found");
            }
        });
        Json.send(res, updated);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).id();
        String id = Params.path(req, "id");
        database.runInTransaction(tx -> {
            if (!personas.delete(tx, userId, id)) {
                throw ApiException.notFound("Persona not found");
            }
            deletionHooks.forEach(hook -> hook.personaDeleted(tx, userId, id));
        });
        res.status(Status.NO_CONTENT_204).send();
    }

    private Persona owned(ServerRequest req) {
        return personas.find(CurrentUser.of(req).id(), Params.path(req, "id"))
                .orElseThrow(() -> ApiException.notFound("Persona not found"));
    }

    private static String pick(JsonNode tree, String field, String given, String old) {
        return tree.has(field) ? given : old;
    }

    private static JsonNode nullIfJsonNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static void validate(String name, String systemPrompt, JsonNode modelSettings, List<String> tags,
                                 Checks checks) {
        checks.required("name", name)
                .length("name", name == null ? null : name.strip(), 1, 100)
                .required("system_prompt", systemPrompt);
        if (tags != null) {
            checks.check(tags.size() <= MAX_TAGS, "tags", "At most " + MAX_TAGS + " tags are allowed");
            for (String tag : tags) {
                checks.check(tag != null && !tag.isBlank() && tag.strip().length() <= MAX_TAG_LENGTH, "tags",
                        "Each tag must be 1 to " + MAX_TAG_LENGTH + " characters");
            }
        }
        ModelSettings.validate(nullIfJsonNull(modelSettings), checks);
        checks.validate();
    }

    private static List<String> normalizeTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        tags.forEach(tag -> unique.add(tag.strip()));
        return List.copyOf(unique);
    }
}
