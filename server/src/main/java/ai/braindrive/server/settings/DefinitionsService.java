package ai.braindrive.server.settings;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

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
import ai.braindrive.server.settings.SettingsRecords.DefinitionBody;
import ai.braindrive.server.settings.SettingsRecords.DefinitionResponse;
import ai.braindrive.server.settings.SettingsRecords.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Setting definitions: listed by every signed-in user, created, changed and deleted by admins. A change that would
 * leave existing instances invalid (a scope they use removed, a type or rule they break, two values where one is now
 * allowed) is refused with 409, so instances always match their definition.
 */
final class DefinitionsService {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    static final String TOTAL_HEADER = "X-Total-Count";

    private final Database db;
    private final SettingsRepository repository;

    DefinitionsService(Database db, SettingsRepository repository) {
        this.db = db;
        this.repository = repository;
    }

    void routes(ApiRoutes settings) {
        settings.get("/definitions", this::list)
                .post("/definitions", this::create)
                .get("/definitions/{id}", this::get)
                .patch("/definitions/{id}", (req, res) -> update(req, res, false))
                .put("/definitions/{id}", (req, res) -> update(req, res, true))
                .delete("/definitions/{id}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        String category = Params.query(req, "category").orElse(null);
        Scope scope = Params.query(req, "scope").map(text -> Scope.parse(text).orElseThrow(() ->
                ValidationException.of(FieldError.query("scope", "Input should be 'system', 'user' or 'page'",
                        "enum")))).orElse(null);
        Params.PageRequest page = Params.paging(req, 100, 100);
        List<DefinitionResponse> body = repository.definitions(category, scope, page.skip(), page.limit()).stream()
                .map(DefinitionResponse::of).toList();
        res.header(TOTAL_HEADER, String.valueOf(repository.countDefinitions(category, scope)));
        Json.send(res, body);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, DefinitionResponse.of(find(db, Params.path(req, "id"))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser.of(req).requireAdmin();
        JsonNode node = objectBody(req);
        DefinitionBody body = Json.convert(node, DefinitionBody.class);
        new Checks().required("id", body.id())
                .matches("id", body.id(), ID, "id must be 1-100 letters, digits, '_', '.', ':' or '-'")
                .validate();
        Instant now = Ids.now();
        Definition definition = build(body.id(), node, body, null, true, now);
        try {
            db.runInTransaction(tx -> {
                if (repository.definitionExists(tx, definition.id())) {
                    throw ApiException.conflict("Setting definition " + definition.id() + " already exists");
                }
                repository.insertDefinition(tx, definition);
            });
        } catch (RuntimeException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw ApiException.conflict("Setting definition " + definition.id() + " already exists");
            }
            throw e;
        }
        Json.send(res, Status.CREATED_201, DefinitionResponse.of(definition));
    }

    /**
     * PUT replaces every field (as create, without the id; {@code is_secret} is kept when not sent); PATCH changes
     * the fields sent.
     */
    private void update(ServerRequest req, ServerResponse res, boolean full) {
        CurrentUser.of(req).requireAdmin();
        String id = Params.path(req, "id");
        JsonNode node = objectBody(req);
        DefinitionBody body = Json.convert(node, DefinitionBody.class);
        if (body.id() != null && !body.id().equals(id)) {
            throw ApiException.badRequest("Definition ID in path does not match ID in request body");
        }
        Definition updated = db.inTransaction(tx -> {
            Definition current = find(tx, id);
            Definition next = build(id, node, body, current, full, Ids.now());
            reconcileInstances(tx, current, next);
            repository.updateDefinition(tx, next);
            return next;
        });
        Json.send(res, DefinitionResponse.of(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        CurrentUser.of(req).requireAdmin();
        String id = Params.path(req, "id");
        boolean force = Params.boolQuery(req, "force").orElse(false);
        db.runInTransaction(tx -> {
            find(tx, id);
            long instances = repository.countInstancesOf(tx, id);
            if (instances > 0 && !force) {
                throw ApiException.conflict("Setting definition " + id + " has " + instances + " instance"
                        + (instances == 1 ? "" : "s") + "; delete them first, or pass ?force=true to delete them"
                        + " with the definition");
            }
            repository.deleteDefinition(tx, id);
        });
        Json.send(res, Map.of("message", "Setting definition " + id + " deleted successfully"));
    }

    private Definition find(Sql tx, String id) {
        return repository.definition(tx, id)
                .orElseThrow(() -> ApiException.notFound("Setting definition " + id + " not found"));
    }

    static JsonNode objectBody(ServerRequest req) {
        JsonNode node = Json.readTree(req);
        if (node.isMissingNode()) {
            return Json.MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw ValidationException.of(new FieldError(List.of("body"), "Input should be a JSON object",
                    "model_attributes_type"));
        }
        return node;
    }

    /**
     * The definition a body describes: on create and PUT every field comes from the body (missing optional fields
     * take their defaults); on PATCH a field keeps its current value unless the body names it.
     */
    private static Definition build(String id, JsonNode node, DefinitionBody body, Definition current, boolean full,
                                    Instant now) {
        boolean patch = !full;
        String name = pick(node, "name", body.name(), patch ? current.name() : null);
        String description = pick(node, "description", body.description(), patch ? current.description() : null);
        String category = pick(node, "category", body.category(), patch ? current.category() : null);
        String typeText = pick(node, "type", body.type(), patch ? current.type().wire() : null);
        List<String> scopeNames = pick(node, "allowed_scopes", body.allowedScopes(),
                patch ? current.allowedScopes().stream().map(Scope::wire).toList() : null);
        JsonNode validation = pick(node, "validation", body.validation(), patch ? current.validation() : null);
        Boolean multiple = pick(node, "is_multiple", body.isMultiple(), patch ? current.multiple() : null);
        List<String> tags = pick(node, "tags", body.tags(), patch ? current.tags() : null);
        // is_secret is not part of the original API: a PUT written for it keeps the flag rather than clearing it.
        Boolean secret = pick(node, "is_secret", body.isSecret(), current == null ? null : current.secret());
        JsonNode defaultValue = pick(node, "default_value", body.defaultValue(),
                patch ? current.defaultValue() : null);

        Checks checks = new Checks()
                .required("name", name).length("name", name, 1, 200)
                .length("description", description, 0, 2000)
                .required("category", category).length("category", category, 1, 100)
                .required("type", typeText).oneOf("type", typeText, SettingType.NAMES)
                .required("allowed_scopes", scopeNames);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (scopeNames != null) {
            checks.check(!scopeNames.isEmpty(), "allowed_scopes", "allowed_scopes must name at least one scope");
            for (String scopeName : scopeNames) {
                Scope.parse(scopeName).ifPresentOrElse(scopes::add, () -> checks.check(false, "allowed_scopes",
                        "Unknown scope '" + scopeName + "': use 'system', 'user' or 'page'"));
            }
        }
        List<String> tagList = tags == null ? List.of() : tags;
        checks.check(tagList.size() <= 50, "tags", "At most 50 tags")
                .check(tagList.stream().allMatch(tag -> tag != null && !tag.isBlank() && tag.length() <= 100),
                        "tags", "Each tag must be 1-100 characters");
        checks.validate();
        SettingType type = SettingType.parse(typeText).orElseThrow();
        JsonNode rules = ValueRules.checkSpec(validation, "validation");
        boolean isSecret = secret != null && secret;
        if (defaultValue != null && defaultValue.isNull()) {
            defaultValue = null;
        }
        if (defaultValue != null) {
            if (current != null && current.secret()) {
                defaultValue = SecretMask.restore(defaultValue, current.defaultValue());
            }
            defaultValue = ValueRules.normalize(type, defaultValue);
            ValueRules.check(type, rules, defaultValue, "default_value");
        }
        return new Definition(id, name, description, category, type, defaultValue, scopes,
                multiple != null && multiple, rules, List.copyOf(tagList), isSecret,
                current == null ? now : current.createdAt(), now);
    }

    /** The body's value of a field when the body names it (JSON null counts), else {@code fallback}. */
    private static <T> T pick(JsonNode node, String field, T fromBody, T fallback) {
        return node.has(field) ? fromBody : fallback;
    }

    /**
     * Keeps existing instances consistent with a changed definition: refuses (409) changes they would violate,
     * re-encrypts or decrypts their values when {@code is_secret} flips, and maintains the one-per-context key
     * when {@code is_multiple} flips.
     */
    private void reconcileInstances(Sql tx, Definition current, Definition next) {
        boolean rulesChanged = current.type() != next.type()
                || !Objects.equals(current.validation(), next.validation());
        boolean scopesShrunk = !next.allowedScopes().containsAll(current.allowedScopes());
        boolean secretFlipped = current.secret() != next.secret();
        boolean multipleFlipped = current.multiple() != next.multiple();
        if (!rulesChanged && !scopesShrunk && !secretFlipped && !multipleFlipped) {
            return;
        }
        List<Instance> instances = repository.instancesOf(tx, current.id());
        for (Instance instance : instances) {
            String problem = null;
            if (!next.allowedScopes().contains(instance.scope())) {
                problem = "an instance uses scope '" + instance.scope().wire() + "'";
            } else if (rulesChanged && !ValueRules.fits(next.type(), next.validation(), instance.value())) {
                problem = "an existing value does not match the new type or validation";
            }
            if (problem != null) {
                throw ApiException.conflict("Cannot change setting definition " + current.id() + ": " + problem
                        + "; update or delete its instances first");
            }
        }
        if (secretFlipped) {
            for (Instance instance : instances) {
                repository.rewriteValue(tx, instance, next.secret());
            }
        }
        if (multipleFlipped) {
            Map<String, String> seen = new HashMap<>();
            for (Instance instance : instances) {
                String key = next.multiple() ? null : InstancesService.singleKey(instance);
                if (key != null && seen.putIfAbsent(key, instance.id()) != null) {
                    throw ApiException.conflict("Cannot make setting definition " + current.id()
                            + " single-valued: some context has several instances; delete the extra ones first");
                }
                repository.setSingleKey(tx, instance.id(), key);
            }
        }
    }
}
