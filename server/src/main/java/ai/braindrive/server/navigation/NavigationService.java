package ai.braindrive.server.navigation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

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
import ai.braindrive.server.navigation.NavigationRecords.BatchItem;
import ai.braindrive.server.navigation.NavigationRecords.RouteBody;
import ai.braindrive.server.navigation.NavigationRecords.RouteResponse;
import ai.braindrive.server.pages.RoutePath;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Navigation Routes section: each user's own forest of routes. Structural changes (create, re-parent, move,
 * batch, delete) are serialized and run in one transaction each; a change that would put a route under itself is
 * refused (400) and nothing is written. System routes keep their name and path and cannot be deleted; deleting
 * any other route lifts its children to its parent.
 */
public final class NavigationService {
    /** The total of a list answered as a bare JSON array (as the original API did). */
    static final String TOTAL_HEADER = "X-Total-Count";
    static final int MAX_ORDER = 1_000_000;
    static final int MAX_BATCH = 1000;

    /** The built-in routes every user starts with: name, path, icon, the component they render. */
    private record SystemRoute(String name, String route, String icon, String componentId, boolean canChange) {
    }

    private static final List<SystemRoute> SYSTEM_ROUTES = List.of(
            new SystemRoute("Dashboard", "dashboard", "Dashboard", "dashboard", true),
            new SystemRoute("Page Builder", "plugin-studio", "Build", "plugin-studio", false),
            new SystemRoute("Personas", "personas", "Person", "personas", false),
            new SystemRoute("Plugin Manager", "plugin-manager", "Extension", "plugin-manager", false),
            new SystemRoute("Settings", "settings", "Settings", "settings", false));

    private final Database db;
    private final NavigationRepository repository;
    private final PageLinks pages;
    private final Object structureLock = new Object();

    public NavigationService(Database db, NavigationRepository repository, PageLinks pages) {
        this.db = db;
        this.repository = repository;
        this.pages = pages;
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/navigation-routes")
                .get("", this::list)
                .post("", this::create)
                .get("/tree", this::tree)
                .post("/batch-update", this::batchUpdate)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete)
                .put("/{id}/move", this::move);
    }

    /** The system routes of a new user; a {@code UserProvisioner}. */
    public void provisionDefaults(Sql tx, String userId, Instant now) {
        int order = 0;
        for (SystemRoute s : SYSTEM_ROUTES) {
            repository.insert(tx, new NavigationRoute(Ids.newId(), userId, s.name(), s.route(), s.icon(), null,
                    order++, null, true, true, true, s.componentId(), null, s.canChange(), now, now));
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        boolean visibleOnly = Params.boolQuery(req, "visible_only").orElse(false);
        List<RouteResponse> routes = repository.all(CurrentUser.of(req).id(), visibleOnly).stream()
                .map(RouteResponse::of).toList();
        res.header(TOTAL_HEADER, String.valueOf(routes.size()));
        Json.send(res, routes);
    }

    private void tree(ServerRequest req, ServerResponse res) {
        boolean visibleOnly = Params.boolQuery(req, "visible_only").orElse(false);
        Json.send(res, RouteForest.tree(repository.all(CurrentUser.of(req).id(), visibleOnly)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, RouteResponse.of(own(db, CurrentUser.of(req), Params.path(req, "id"))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        RouteBody body = Json.read(req, RouteBody.class);
        user.requireSelf(body.creatorId());
        user.requireSelf(body.userId());
        String route = RoutePath.normalize(body.route());
        Checks checks = new Checks()
                .required("name", body.name())
                .length("name", strip(body.name()), 1, 100)
                .required("route", route)
                .check(route == null || route.isEmpty() || RoutePath.isValid(route), "route", RoutePath.RULE);
        checkCommon(checks, user, body);
        checks.validate();
        Instant now = Ids.now();
        NavigationRoute created = new NavigationRoute(Ids.newId(), user.id(), strip(body.name()), route,
                body.icon(), body.description(), body.effectiveOrder() == null ? 0 : body.effectiveOrder(),
                emptyToNull(body.parentId()), !Boolean.FALSE.equals(body.isExpanded()),
                !Boolean.FALSE.equals(body.isVisible()), false, emptyToNull(body.defaultComponentId()),
                emptyToNull(body.defaultPageId()), Boolean.TRUE.equals(body.canChangeDefault()), now, now);
        synchronized (structureLock) {
            uniqueRoute(route, () -> db.inTransaction(tx -> {
                if (created.parentId() != null) {
                    requireParent(tx, user, created.parentId());
                }
                if (repository.routeTaken(tx, user.id(), route, null)) {
                    throw routeConflict(route);
                }
                repository.insert(tx, created);
                return created;
            }));
        }
        Json.send(res, Status.CREATED_201, RouteResponse.of(created));
    }

    private void update(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        JsonNode tree = bodyObject(req);
        RouteBody body = Json.convert(tree, RouteBody.class);
        user.requireSelf(body.creatorId());
        user.requireSelf(body.userId());
        String route = RoutePath.normalize(body.route());
        Checks checks = new Checks()
                .check(!tree.has("name") || body.name() != null, "name", "name cannot be null")
                .length("name", strip(body.name()), 1, 100)
                .check(!tree.has("route") || RoutePath.isValid(route), "route", RoutePath.RULE);
        checkCommon(checks, user, body);
        checks.validate();
        NavigationRoute updated;
        synchronized (structureLock) {
            updated = uniqueRoute(route, () -> db.inTransaction(tx -> {
                NavigationRoute before = own(tx, user, id);
                NavigationRoute after = applyUpdate(before, tree, body, route);
                if (!after.route().equals(before.route()) && repository.routeTaken(tx, user.id(), after.route(), id)) {
                    throw routeConflict(after.route());
                }
                if (!Objects.equals(after.parentId(), before.parentId())) {
                    requirePlacements(tx, user, Map.of(id, after));
                }
                repository.update(tx, after);
                return after;
            }));
        }
        Json.send(res, RouteResponse.of(updated));
    }

    private NavigationRoute applyUpdate(NavigationRoute before, JsonNode tree, RouteBody body, String route) {
        String name = body.name() != null ? strip(body.name()) : before.name();
        String path = route != null ? route : before.route();
        String componentId = tree.has("default_component_id") ? emptyToNull(body.defaultComponentId())
                : before.defaultComponentId();
        String pageId = tree.has("default_page_id") ? emptyToNull(body.defaultPageId()) : before.defaultPageId();
        boolean canChange = body.canChangeDefault() != null ? body.canChangeDefault() : before.canChangeDefault();
        if (tree.has("is_system_route") && tree.path("is_system_route").asBoolean() != before.system()) {
            throw ApiException.badRequest("is_system_route cannot be changed");
        }
        if (before.system()) {
            if (!name.equals(before.name()) || !path.equals(before.route())) {
                throw ApiException.badRequest("The name and route of a system route cannot be changed");
            }
            if (canChange != before.canChangeDefault()) {
                throw ApiException.badRequest("can_change_default of a system route cannot be changed");
            }
            if (!before.canChangeDefault() && (!Objects.equals(componentId, before.defaultComponentId())
                    || !Objects.equals(pageId, before.defaultPageId()))) {
                throw ApiException.badRequest("The default of this system route cannot be changed");
            }
        }
        Integer order = body.effectiveOrder();
        return new NavigationRoute(before.id(), before.userId(), name, path,
                tree.has("icon") ? body.icon() : before.icon(),
                tree.has("description") ? body.description() : before.description(),
                order != null ? order : before.displayOrder(),
                tree.has("parent_id") ? emptyToNull(body.parentId()) : before.parentId(),
                body.isExpanded() != null ? body.isExpanded() : before.expanded(),
                body.isVisible() != null ? body.isVisible() : before.visible(),
                before.system(), componentId, pageId, canChange, before.createdAt(), Ids.now());
    }

    private void move(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        JsonNode tree = bodyObject(req);
        BatchItem body = Json.convert(tree, BatchItem.class);
        new Checks().range("display_order", body.displayOrder(), 0, MAX_ORDER).validate();
        NavigationRoute moved;
        synchronized (structureLock) {
            moved = db.inTransaction(tx -> {
                NavigationRoute before = own(tx, user, id);
                NavigationRoute after = before.placed(
                        tree.has("parent_id") ? emptyToNull(body.parentId()) : before.parentId(),
                        body.displayOrder() != null ? body.displayOrder() : before.displayOrder(),
                        before.expanded(), Ids.now());
                requirePlacements(tx, user, Map.of(id, after));
                repository.updatePlacement(tx, after);
                return after;
            });
        }
        Json.send(res, RouteResponse.of(moved));
    }

    /** Applies every item or none: unknown ids (404), bad values (422) and cycles (400) reject the whole batch. */
    private void batchUpdate(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        JsonNode tree = Json.readTree(req);
        if (!tree.isArray()) {
            throw ValidationException.of(new FieldError(List.of("body"), "Input should be a valid list",
                    "list_type"));
        }
        if (tree.size() > MAX_BATCH) {
            throw ValidationException.of(new FieldError(List.of("body"), "List should have at most " + MAX_BATCH
                    + " items", "too_long"));
        }
        List<FieldError> errors = new ArrayList<>();
        List<BatchItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tree.size(); i++) {
            JsonNode node = tree.get(i);
            if (!node.isObject()) {
                errors.add(new FieldError(List.of("body", i), "Input should be a valid dictionary", "dict_type"));
                continue;
            }
            BatchItem item = Json.convert(node, BatchItem.class);
            if (item.id() == null || item.id().isBlank()) {
                errors.add(new FieldError(List.of("body", i, "id"), "Field required", "missing"));
            } else if (!seen.add(item.id())) {
                errors.add(new FieldError(List.of("body", i, "id"), "Route listed more than once", "value_error"));
            }
            if (item.displayOrder() != null && (item.displayOrder() < 0 || item.displayOrder() > MAX_ORDER)) {
                errors.add(new FieldError(List.of("body", i, "display_order"), "Input should be between 0 and "
                        + MAX_ORDER, "value_error"));
            }
            items.add(item);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<NavigationRoute> updated;
        synchronized (structureLock) {
            updated = db.inTransaction(tx -> {
                Map<String, NavigationRoute> mine = new HashMap<>();
                repository.all(tx, user.id()).forEach(r -> mine.put(r.id(), r));
                Map<String, NavigationRoute> changes = new LinkedHashMap<>();
                Instant now = Ids.now();
                for (int i = 0; i < items.size(); i++) {
                    BatchItem item = items.get(i);
                    NavigationRoute before = mine.get(item.id());
                    if (before == null) {
                        throw ApiException.notFound("Navigation route not found: " + item.id());
                    }
                    JsonNode node = tree.get(i);
                    changes.put(before.id(), before.placed(
                            node.has("parent_id") ? emptyToNull(item.parentId()) : before.parentId(),
                            item.displayOrder() != null ? item.displayOrder() : before.displayOrder(),
                            item.isExpanded() != null ? item.isExpanded() : before.expanded(), now));
                }
                requirePlacements(tx, user, changes);
                changes.values().forEach(r -> repository.updatePlacement(tx, r));
                return List.copyOf(changes.values());
            });
        }
        Json.send(res, updated.stream().map(RouteResponse::of).toList());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        synchronized (structureLock) {
            db.runInTransaction(tx -> {
                NavigationRoute route = own(tx, user, id);
                if (route.system()) {
                    throw ApiException.forbidden("System navigation routes cannot be deleted");
                }
                Instant now = Ids.now();
                repository.reparentChildren(tx, user.id(), id, route.parentId(), now);
                pages.routeDeleted(tx, user.id(), id);
                repository.delete(tx, user.id(), id);
            });
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    // Rules

    /**
     * Checks new placements against the user's whole forest: every parent must be one of the user's routes (404)
     * and no route may end up under itself (400).
     */
    private void requirePlacements(Sql tx, CurrentUser user, Map<String, NavigationRoute> changes) {
        Map<String, String> parentOf = new HashMap<>();
        repository.all(tx, user.id()).forEach(r -> parentOf.put(r.id(), r.parentId()));
        for (NavigationRoute change : changes.values()) {
            if (change.parentId() != null && !parentOf.containsKey(change.parentId())) {
                throw ApiException.notFound("Parent navigation route not found: " + change.parentId());
            }
        }
        changes.values().forEach(change -> parentOf.put(change.id(), change.parentId()));
        if (RouteForest.hasCycle(parentOf)) {
            throw ApiException.badRequest("A navigation route cannot be placed under itself or one of its descendants");
        }
    }

    private void requireParent(Sql tx, CurrentUser user, String parentId) {
        if (repository.find(tx, user.id(), parentId).isEmpty()) {
            throw ApiException.notFound("Parent navigation route not found: " + parentId);
        }
    }

    private void checkCommon(Checks checks, CurrentUser user, RouteBody body) {
        checks.length("icon", body.icon(), 0, 100)
                .length("description", body.description(), 0, 1000)
                .range("display_order", body.displayOrder(), 0, MAX_ORDER)
                .range("order", body.order(), 0, MAX_ORDER)
                .length("default_component_id", body.defaultComponentId(), 0, 100);
        String pageId = emptyToNull(body.defaultPageId());
        if (pageId != null) {
            checks.check(pages.ownsPage(user.id(), pageId), "default_page_id", "Page not found");
        }
    }

    private NavigationRoute own(Sql tx, CurrentUser user, String id) {
        return repository.find(tx, user.id(), id)
                .orElseThrow(() -> ApiException.notFound("Navigation route not found"));
    }

    private static JsonNode bodyObject(ServerRequest req) {
        JsonNode tree = Json.readTree(req);
        return tree.isMissingNode() ? Json.MAPPER.createObjectNode() : tree;
    }

    private static <T> T uniqueRoute(String route, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw routeConflict(route == null ? "" : route);
            }
            throw e;
        }
    }

    private static ApiException routeConflict(String route) {
        return ApiException.conflict("A navigation route with route '" + route + "' already exists");
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
