package ai.braindrive.server.settings;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.DbErrors;
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
import ai.braindrive.server.settings.SettingsRecords.Definition;
import ai.braindrive.server.settings.SettingsRecords.Instance;
import ai.braindrive.server.settings.SettingsRecords.InstanceBody;
import ai.braindrive.server.settings.SettingsRecords.InstanceResponse;
import ai.braindrive.server.settings.SettingsRecords.InstanceUpdate;
import ai.braindrive.server.settings.SettingsRecords.Resolved;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Setting instances and the resolved value of a definition. Users and pages values belong to the user who saved
 * them and are invisible to everyone else (404); system values (user_id null) are read by every signed-in user and
 * written by admins only. For a definition with {@code is_multiple=false}, saving a second value in the same
 * context (definition, scope, user, page) updates the existing instance, as the front end expects.
 */
final class InstancesService {
    private static final String NOT_FOUND = "Setting instance not found";

    private final Database db;
    private final SettingsRepository repository;

    InstancesService(Database db, SettingsRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    void routes(ApiRoutes settings) {
        settings.get("/instances", this::list)
                .post("/instances", this::create)
                .get("/instances/{id}", this::get)
                .patch("/instances/{id}", (req, res) -> update(req, res, false))
                .put("/instances/{id}", (req, res) -> update(req, res, true))
                .delete("/instances/{id}", this::delete)
                .get("/resolve/{definition_id}", this::resolve);
    }

    private void list(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        Optional<String> userId = Params.query(req, "user_id");
        userId.ifPresent(caller::requireSelf);
        Scope scope = Params.query(req, "scope").map(text -> Scope.parse(text).orElseThrow(() ->
                ValidationException.of(FieldError.query("scope", "Input should be 'system', 'user' or 'page'",
                        "enum")))).orElse(null);
        Params.PageRequest page = Params.paging(req, 100, 100);
        SettingsRepository.InstanceFilter filter = new SettingsRepository.InstanceFilter(caller.id(),
                Params.query(req, "definition_id").orElse(null), scope, userId.isPresent(),
                Params.query(req, "page_id").orElse(null));
        Map<String, Boolean> secretByDefinition = new HashMap<>();
        List<InstanceResponse> body = repository.instances(filter, page.skip(), page.limit()).stream()
                .map(instance -> InstanceResponse.of(instance, secretByDefinition.computeIfAbsent(
                        instance.definitionId(), id -> repository.definition(id).map(Definition::secret)
                                .orElse(true))))
                .toList();
        res.header(DefinitionsService.TOTAL_HEADER, String.valueOf(repository.countInstances(filter)));
        Json.send(res, body);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Instance instance = visible(repository.db(), CurrentUser.of(req), Params.path(req, "id"));
        Json.send(res, response(repository.db(), instance));
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        JsonNode node = DefinitionsService.objectBody(req);
        InstanceBody body = Json.convert(node, InstanceBody.class);
        if (body.action() != null) {
            if (!body.action().equalsIgnoreCase("delete")) {
                throw ValidationException.field("action", "The only action is 'delete'");
            }
            new Checks().required("id", body.id()).validate();
            deleteInstance(caller, body.id());
            Json.send(res, Map.of("id", body.id(), "message", "Setting instance deleted successfully"));
            return;
        }
        if (body.id() != null) {
            // The original back end saved changes by POSTing the instance with its id.
            Json.send(res, updateInstance(caller, body.id(), node, new InstanceUpdate(body.name(), body.value()),
                    false));
            return;
        }
        new Checks()
                .required("definition_id", body.definitionId()).length("definition_id", body.definitionId(), 1, 100)
                .required("name", body.name()).length("name", body.name(), 1, 200)
                .required("scope", body.scope())
                .check(body.scope() == null || Scope.parse(body.scope()).isPresent(), "scope",
                        "Input should be 'system', 'user' or 'page'")
                .check(node.has("value"), "value", "Field required")
                .matches("page_id", body.pageId(), DefinitionsService.ID,
                        "page_id must be 1-100 letters, digits, '_', '.', ':' or '-'")
                .validate();
        caller.requireSelf(body.userId());
        Scope scope = Scope.parse(body.scope()).orElseThrow();
        Definition definition = repository.definition(body.definitionId())
                .orElseThrow(() -> ApiException.notFound("Setting definition " + body.definitionId() + " not found"));
        if (!definition.allowedScopes().contains(scope)) {
            throw ValidationException.field("scope", "Scope '" + scope.wire() + "' is not allowed for "
                    + definition.id() + " (allowed: " + String.join(", ", definition.allowedScopes().stream()
                    .sorted().map(Scope::wire).toList()) + ")");
        }
        if (scope == Scope.PAGE && body.pageId() == null) {
            throw ValidationException.field("page_id", "page_id is required when scope is 'page'");
        }
        if (scope != Scope.PAGE && body.pageId() != null) {
            throw ValidationException.field("page_id", "page_id is only allowed when scope is 'page'");
        }
        if (scope == Scope.SYSTEM) {
            requireAdminForSystem(caller);
        }
        JsonNode value = ValueRules.normalize(definition.type(), body.value());
        ValueRules.check(definition.type(), definition.validation(), value, "value");
        Instant now = Ids.now();
        Instance instance = new Instance(Ids.newId(), definition.id(), body.name(), value, scope,
                scope == Scope.SYSTEM ? null : caller.id(), body.pageId(), now, now);
        Saved saved;
        try {
            saved = save(definition, instance);
        } catch (RuntimeException e) {
            if (!DbErrors.isUniqueViolation(e)) {
                throw e;
            }
            saved = save(definition, instance); // Lost a race to insert the single instance: update it instead.
        }
        Json.send(res, saved.created() ? Status.CREATED_201 : Status.OK_200,
                InstanceResponse.of(saved.instance(), definition.secret()));
    }

    private record Saved(Instance instance, boolean created) {
    }

    private Saved save(Definition definition, Instance instance) {
        return db.inTransaction(tx -> {
            String key = definition.multiple() ? null : singleKey(instance);
            Optional<Instance> existing = key == null ? Optional.empty() : repository.bySingleKey(tx, key);
            if (existing.isPresent()) {
                JsonNode value = definition.secret()
                        ? SecretMask.restore(instance.value(), existing.get().value()) : instance.value();
                Instance updated = existing.get().withValue(instance.name(), value, instance.updatedAt());
                repository.updateInstance(tx, updated, definition.secret());
                return new Saved(updated, false);
            }
            repository.insertInstance(tx, instance, definition.secret(), key);
            return new Saved(instance, true);
        });
    }

    /** PUT replaces the value (required) and optionally the name; PATCH changes the fields sent. */
    private void update(ServerRequest req, ServerResponse res, boolean full) {
        JsonNode node = DefinitionsService.objectBody(req);
        InstanceUpdate body = Json.convert(node, InstanceUpdate.class);
        Json.send(res, updateInstance(CurrentUser.of(req), Params.path(req, "id"), node, body, full));
    }

    private InstanceResponse updateInstance(CurrentUser caller, String id, JsonNode node, InstanceUpdate body,
                                            boolean valueRequired) {
        new Checks()
                .check(!node.has("name") || body.name() != null, "name", "name may not be null")
                .length("name", body.name(), 1, 200)
                .check(!valueRequired || node.has("value"), "value", "Field required")
                .validate();
        return db.inTransaction(tx -> {
            Instance current = writable(tx, caller, id);
            Definition definition = repository.definition(tx, current.definitionId()).orElseThrow();
            JsonNode value = current.value();
            if (node.has("value")) {
                value = ValueRules.normalize(definition.type(), body.value());
                if (definition.secret()) {
                    value = SecretMask.restore(value, current.value());
                }
                ValueRules.check(definition.type(), definition.validation(), value, "value");
            }
            Instance updated = current.withValue(body.name() != null ? body.name() : current.name(), value,
                    Ids.now());
            repository.updateInstance(tx, updated, definition.secret());
            return InstanceResponse.of(updated, definition.secret());
        });
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = Params.path(req, "id");
        deleteInstance(CurrentUser.of(req), id);
        Json.send(res, Map.of("id", id, "message", "Setting instance deleted successfully"));
    }

    private void deleteInstance(CurrentUser caller, String id) {
        db.runInTransaction(tx -> {
            writable(tx, caller, id);
            repository.deleteInstance(tx, id);
        });
    }

    private void resolve(ServerRequest req, ServerResponse res) {
        String definitionId = Params.path(req, "definition_id");
        String pageId = Params.query(req, "page_id").orElse(null);
        if (pageId != null && !DefinitionsService.ID.matcher(pageId).matches()) {
            throw ValidationException.of(FieldError.query("page_id",
                    "page_id must be 1-100 letters, digits, '_', '.', ':' or '-'", "string_pattern_mismatch"));
        }
        Definition definition = repository.definition(definitionId)
                .orElseThrow(() -> ApiException.notFound("Setting definition " + definitionId + " not found"));
        Resolved resolved = resolve(definition, CurrentUser.of(req).id(), pageId);
        Json.send(res, definition.secret() ? new Resolved(resolved.definitionId(), SecretMask.mask(resolved.value()),
                resolved.source(), resolved.instanceId()) : resolved);
    }

    /** The effective (plaintext) value for a user and optional page: page, then user, then system, then default. */
    Resolved resolve(Definition definition, String userId, String pageId) {
        Optional<Instance> found = Optional.empty();
        if (pageId != null) {
            found = repository.latest(definition.id(), Scope.PAGE, userId, pageId);
        }
        if (found.isEmpty()) {
            found = repository.latest(definition.id(), Scope.USER, userId, null);
        }
        if (found.isEmpty()) {
            found = repository.latest(definition.id(), Scope.SYSTEM, null, null);
        }
        return found.map(i -> new Resolved(definition.id(), i.value(), i.scope().wire(), i.id()))
                .orElseGet(() -> new Resolved(definition.id(), definition.defaultValue(), "default", null));
    }

    /** An instance the caller may read: their own, or a system one. Anything else is reported as missing. */
    private Instance visible(Sql tx, CurrentUser caller, String id) {
        return repository.instance(tx, id)
                .filter(i -> i.scope() == Scope.SYSTEM || caller.id().equals(i.userId()))
                .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    /** An instance the caller may change: their own, or a system one if they are an admin. */
    private Instance writable(Sql tx, CurrentUser caller, String id) {
        Instance instance = visible(tx, caller, id);
        if (instance.scope() == Scope.SYSTEM) {
            requireAdminForSystem(caller);
        }
        return instance;
    }

    private static void requireAdminForSystem(CurrentUser caller) {
        if (!caller.admin()) {
            throw ApiException.forbidden("Admin privileges required for system settings");
        }
    }

    private InstanceResponse response(Sql tx, Instance instance) {
        boolean secret = repository.definition(tx, instance.definitionId()).map(Definition::secret).orElse(true);
        return InstanceResponse.of(instance, secret);
    }

    /** The one-instance-per-context key: definition, scope, owner and page (ids never contain '|'). */
    static String singleKey(Instance instance) {
        return instance.definitionId() + "|" + instance.scope().wire() + "|"
                + (instance.userId() == null ? "" : instance.userId()) + "|"
                + (instance.pageId() == null ? "" : instance.pageId());
    }
}
