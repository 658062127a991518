package ai.braindrive.server.tags;

import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import ai.braindrive.server.db.DbErrors;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.Checks;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/tags} and {@code /api/v1/users/{user_id}/tags}: the caller's tags. Linking tags to conversations
 * lives with conversations.
 */
public final class TagService {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int MAX_LIST = 1000;

    private final TagRepository tags;

    public TagService(TagRepository tags) {
        this.tags = tags;
    }

    record TagBody(String name, String color, String userId) {
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/users/{user_id}/tags").get("", this::list);
        routes.under("/api/v1/tags")
                .post("", this::create)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete);
    }

    /** The caller's tags by name; {@code X-Total-Count} carries the total when paged with skip/limit. */
    private void list(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).requireSelf(Params.path(req, "user_id"));
        Params.PageRequest paging = Params.paging(req, MAX_LIST, MAX_LIST);
        res.header(HeaderNames.create("X-Total-Count"), Long.toString(tags.count(userId)));
        Json.send(res, tags.list(userId, paging.skip(), paging.limit()));
    }

    private void create(ServerRequest req, ServerResponse res) {
        TagBody body = Json.read(req, TagBody.class);
        String userId = CurrentUser.of(req).requireSelf(body.userId());
        validate(body.name(), body.color());
        var now = Ids.now();
        Tag tag = new Tag(Ids.newId(), body.name().strip(), body.color(), userId, now, now);
        save(() -> {
            tags.insert(tag);
            return true;
        });
        Json.send(res, Status.CREATED_201, tag);
    }

    private void update(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        JsonNode tree = Json.readObject(req);
        TagBody body = Json.convert(tree, TagBody.class);
        caller.requireSelf(body.userId());
        Tag old = tags.find(caller.id(), Params.path(req, "id"))
                .orElseThrow(() -> ApiException.notFound("Tag not found"));
        String name = tree.has("name") ? body.name() : old.name();
        String color = tree.has("color") ? body.color() : old.color();
        validate(name, color);
        Tag updated = new Tag(old.id(), name.strip(), color, old.userId(), old.createdAt(), Ids.now());
        save(() -> tags.update(updated));
        Json.send(res, updated);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        if (!tags.delete(CurrentUser.of(req).id(), Params.path(req, "id"))) {
            throw ApiException.notFound("Tag not found");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private static void validate(String name, String color) {
        new Checks()
                .required("name", name)
                .length("name", name == null ? null : name.strip(), 1, 50)
                .matches("color", color, COLOR, "Color must be a hex colour like #ff0000")
                .validate();
    }

    private static void save(BooleanSupplier write) {
        boolean found;
        try {
            found = write.getAsBoolean();
        } catch (RuntimeException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw ApiException.conflict("A tag with this name already exists");
            }
            throw e;
        }
        if (!found) {
            throw ApiException.notFound("Tag not found");
        }
    }
}
