package ai.braindrive.server.components;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import ai.braindrive.server.components.ComponentRecords.ComponentCreate;
import ai.braindrive.server.components.ComponentRecords.ComponentUpdate;
import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.DbErrors;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.Checks;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Components section: a global catalogue every signed-in user reads and only admins change. A component is
 * addressed by its row id or its {@code component_id}; system components cannot be deleted.
 */
public final class ComponentsService {
    /** The total of a list answered as a bare JSON array (as the original API did). */
    static final String TOTAL_HEADER = "X-Total-Count";
    static final Pattern COMPONENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    /** The components the built-in navigation routes render; created when missing. */
    static final List<ComponentCreate> SYSTEM_COMPONENTS = List.of(
            new ComponentCreate("Dashboard", "dashboard", "The main dashboard", "Dashboard", true),
            new ComponentCreate("Settings", "settings", "Application settings", "Settings", true),
            new ComponentCreate("Personas", "personas", "Manage AI personas", "Person", true),
            new ComponentCreate("Plugin Manager", "plugin-manager", "Install and manage plugins", "Extension", true),
            new ComponentCreate("Page Builder", "plugin-studio", "Build pages from plugin modules", "Build", true));

    private final Database db;
    private final ComponentsRepository repository;

    public ComponentsService(Database db, ComponentsRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/components")
                .get("", this::list)
                .post("", this::create)
                .get("/{key}", this::get)
                .put("/{key}", this::update)
                .delete("/{key}", this::delete);
    }

    /** Ensures the system components exist (idempotent); a {@code UserProvisioner}. */
    public void provisionDefaults(Sql tx, String userId, Instant now) {
        for (ComponentCreate c : SYSTEM_COMPONENTS) {
            repository.insertIfMissing(tx, new Component(Ids.newId(), c.name(), c.componentId(), c.description(),
                    c.icon(), true, now, now));
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        Params.PageRequest page = Params.paging(req, 100, 1000);
        res.header(TOTAL_HEADER, String.valueOf(repository.count()));
        Json.send(res, repository.list(page.skip(), page.limit()));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, find(Params.path(req, "key")));
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser.of(req).requireAdmin();
        JsonNode tree = Json.readTree(req);
        ComponentCreate body = Json.convert(tree.isMissingNode() ? Json.MAPPER.createObjectNode() : tree,
                ComponentCreate.class);
        // The original schema carried the creator's user_id: it may only name the caller.
        CurrentUser.of(req).requireSelf(tree.path("user_id").isTextual() ? tree.path("user_id").asText() : null);
        new Checks()
                .required("name", body.name())
                .length("name", body.name(), 1, 255)
                .required("component_id", body.componentId())
                .matches("component_id", body.componentId(), COMPONENT_ID,
                        "component_id must be 1-100 letters, digits, '_', '.' or '-', starting with a letter or digit")
                .length("description", body.description(), 0, 1000)
                .length("icon", body.icon(), 0, 100)
                .validate();
        Instant now = Ids.now();
        Component component = new Component(Ids.newId(), body.name().strip(), body.componentId(), body.description(),
                body.icon(), Boolean.TRUE.equals(body.isSystem()), now, now);
        try {
            db.runInTransaction(tx -> {
                if (repository.componentIdExists(tx, component.componentId())) {
                    throw duplicate(component.componentId());
                }
                repository.insert(tx, component);
            });
        } catch (RuntimeException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw duplicate(component.componentId());
            }
            throw e;
        }
        Json.send(res, Status.CREATED_201, component);
    }

    private void update(ServerRequest req, ServerResponse res) {
        CurrentUser.of(req).requireAdmin();
        Component existing = find(Params.path(req, "key"));
        JsonNode tree = Json.readTree(req);
        ComponentUpdate body = Json.convert(tree.isMissingNode() ? Json.MAPPER.createObjectNode() : tree,
                ComponentUpdate.class);
        new Checks()
                .check(!tree.has("name") || body.name() != null, "name", "name cannot be null")
                .length("name", body.name() == null ? null : body.name().strip(), 1, 255)
                .length("description", body.description(), 0, 1000)
                .length("icon", body.icon(), 0, 100)
                .check(!tree.has("component_id") || existing.componentId().equals(tree.path("component_id").asText()),
                        "component_id", "component_id cannot be changed")
                .validate();
        Component updated = new Component(existing.id(),
                body.name() != null ? body.name().strip() : existing.name(),
                existing.componentId(),
                tree.has("description") ? body.description() : existing.description(),
                tree.has("icon") ? body.icon() : existing.icon(),
                existing.isSystem(), existing.createdAt(), Ids.now());
        repository.update(updated);
        Json.send(res, updated);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        CurrentUser.of(req).requireAdmin();
        Component existing = find(Params.path(req, "key"));
        if (existing.isSystem()) {
            throw ApiException.forbidden("System components cannot be deleted");
        }
        repository.delete(existing.id());
        res.status(Status.NO_CONTENT_204).send();
    }

    private Component find(String key) {
        return repository.find(key).orElseThrow(() -> ApiException.notFound("Component not found"));
    }

    private static ApiException duplicate(String componentId) {
        return ApiException.conflict("A component with component_id '" + componentId + "' already exists");
    }
}
