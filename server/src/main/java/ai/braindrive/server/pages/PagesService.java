package ai.braindrive.server.pages;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
import ai.braindrive.server.pages.PageRecords.Backup;
import ai.braindrive.server.pages.PageRecords.BackupList;
import ai.braindrive.server.pages.PageRecords.BackupRequest;
import ai.braindrive.server.pages.PageRecords.HierarchyUpdate;
import ai.braindrive.server.pages.PageRecords.PageCreate;
import ai.braindrive.server.pages.PageRecords.PageList;
import ai.braindrive.server.pages.PageRecords.PageResponse;
import ai.braindrive.server.pages.PageRecords.PageUpdate;
import ai.braindrive.server.pages.PageRecords.PublishRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Pages section. A page belongs to its creator; a published page is also readable (never writable) by every
 * signed-in user. Routes are stored without a leading slash; see {@link RoutePath}. Moves (hierarchy changes and
 * route changes) carry the page's descendants along, in one transaction.
 */
public final class PagesService {
    static final List<String> PARENT_TYPES = List.of("page", "navigation");
    static final int MAX_CONTENT_CHARS = 2_000_000;
    static final int MAX_BACKUPS_PER_PAGE = 50;

    private final Database db;
    private final PagesRepository repository;
    private final NavigationLinks navigation;
    private final PageMover mover;
    /** Serializes route-changing writes, so a subtree and its new routes are computed from a stable picture. */
    private final Object routeLock = new Object();

    public PagesService(Database db, PagesRepository repository, NavigationLinks navigation) {
        this.db = db;
        this.repository = repository;
        this.navigation = navigation;
        this.mover = new PageMover(repository);
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/pages")
                .get("", this::list)
                .post("", this::create)
                .get("/route/{+route}", this::getByRoute)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete)
                .put("/{id}/hierarchy", this::updateHierarchy)
                .post("/{id}/publish", this::publish)
                .post("/{id}/backup", this::createBackup)
                .get("/{id}/backups", this::listBackups)
                .post("/{id}/backups/{backupId}/restore", this::restoreBackup);
    }

    /** A new user's "Home" page with an empty layout; a {@code UserProvisioner}. */
    public void provisionDefaults(Sql tx, String userId, Instant now) {
        repository.insert(tx, new Page(Ids.newId(), userId, "Home", "home", "home", null, "page", false,
                "Your home page", "Home", emptyContent(), null, false, null, now, now));
    }

    static ObjectNode emptyContent() {
        ObjectNode content = Json.MAPPER.createObjectNode();
        content.putObject("layout");
        content.putArray("components");
        return content;
    }

    private void list(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        Params.PageRequest paging = Params.paging(req, 100, 100);
        boolean withContent = Params.boolQuery(req, "include_content").orElse(false);
        PagesRepository.Filter filter = new PagesRepository.Filter(
                Params.query(req, "navigation_route_id").orElse(null),
                Params.boolQuery(req, "published_only").orElse(false),
                Params.query(req, "parent_route").map(RoutePath::normalize).orElse(null));
        List<PageResponse> pages = repository.list(user.id(), filter, paging.skip(), paging.limit(), withContent)
                .stream().map(PageResponse::of).toList();
        Json.send(res, new PageList(pages, repository.count(user.id(), filter)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Json.send(res, PageResponse.of(readable(CurrentUser.of(req), Params.path(req, "id"))));
    }

    /** The caller's own page at the route, else a published page there. */
    private void getByRoute(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String route = RoutePath.normalize(Params.path(req, "route"));
        Optional<Page> page = RoutePath.isValid(route)
                ? repository.findOwnByRoute(user.id(), route).or(() -> repository.findPublishedByRoute(route))
                : Optional.empty();
        Json.send(res, PageResponse.of(page.orElseThrow(() -> ApiException.notFound("Page not found"))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        PageCreate body = Json.read(req, PageCreate.class);
        user.requireSelf(body.creatorId());
        user.requireSelf(body.userId());
        String route = RoutePath.normalize(body.route());
        String segment = body.routeSegment() != null ? RoutePath.normalize(body.routeSegment())
                : RoutePath.isValid(route) ? RoutePath.lastSegment(route) : null;
        String parentRoute = emptyToNull(RoutePath.normalize(body.parentRoute()));
        if (body.parentRoute() == null && RoutePath.isValid(route)) {
            parentRoute = RoutePath.parentOf(route);
        }
        String parentType = body.parentType() == null ? "page" : body.parentType();
        Checks checks = new Checks()
                .required("name", body.name())
                .length("name", strip(body.name()), 1, 255)
                .required("route", route)
                .check(route == null || route.isEmpty() || RoutePath.isValid(route), "route", RoutePath.RULE)
                .check(segment == null || RoutePath.isValidSegment(segment), "route_segment",
                        "route_segment must be 1-100 letters, digits, '_', '.' or '-'")
                .check(parentRoute == null || RoutePath.isValid(parentRoute), "parent_route", RoutePath.RULE)
                .oneOf("parent_type", parentType, PARENT_TYPES)
                .required("content", body.content());
        checkCommon(checks, body.description(), body.icon(), body.content());
        checkNavigationRoute(checks, user, body.navigationRouteId());
        checks.validate();
        Instant now = Ids.now();
        Page page = new Page(Ids.newId(), user.id(), strip(body.name()), route, segment, parentRoute, parentType,
                Boolean.TRUE.equals(body.isParentPage()), body.description(), body.icon(), body.content(),
                emptyToNull(body.navigationRouteId()), false, null, now, now);
        synchronized (routeLock) {
            writeRoutes(page.route(), () -> db.inTransaction(tx -> {
                if (repository.routeTaken(tx, user.id(), page.route())) {
                    throw routeConflict(page.route());
                }
                repository.insert(tx, page);
                return page;
            }));
        }
        Json.send(res, Status.CREATED_201, PageResponse.of(page));
    }

    private void update(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        JsonNode tree = Json.readTree(req);
        PageUpdate body = Json.convert(tree.isMissingNode() ? Json.MAPPER.createObjectNode() : tree,
                PageUpdate.class);
        user.requireSelf(body.creatorId());
        user.requireSelf(body.userId());
        String route = RoutePath.normalize(body.route());
        String segment = RoutePath.normalize(body.routeSegment());
        String parentRoute = emptyToNull(RoutePath.normalize(body.parentRoute()));
        Checks checks = new Checks()
                .check(!tree.has("name") || body.name() != null, "name", "name cannot be null")
                .length("name", strip(body.name()), 1, 255)
                .check(!tree.has("route") || RoutePath.isValid(route), "route", RoutePath.RULE)
                .check(segment == null || RoutePath.isValidSegment(segment), "route_segment",
                        "route_segment must be 1-100 letters, digits, '_', '.' or '-'")
                .check(parentRoute == null || RoutePath.isValid(parentRoute), "parent_route", RoutePath.RULE)
                .oneOf("parent_type", body.parentType(), PARENT_TYPES)
                .check(!tree.has("content") || body.content() != null, "content", "content cannot be null");
        checkCommon(checks, body.description(), body.icon(), body.content());
        checkNavigationRoute(checks, user, body.navigationRouteId());
        checks.validate();
        Page updated;
        synchronized (routeLock) {
            updated = writeRoutes(route, () -> db.inTransaction(tx -> {
                Page before = owned(tx, user, id);
                String newRoute = route != null ? route : before.route();
                boolean moved = !newRoute.equals(before.route());
                String newParent = tree.has("parent_route") ? parentRoute
                        : moved ? followRoute(before, newRoute) : before.parentRoute();
                String newSegment = segment != null ? segment
                        : moved ? RoutePath.lastSegment(newRoute) : before.routeSegment();
                boolean published = body.isPublished() != null ? body.isPublished() : before.published();
                Instant now = Ids.now();
                Page after = new Page(before.id(), before.userId(),
                        body.name() != null ? strip(body.name()) : before.name(), newRoute, newSegment, newParent,
                        body.parentType() != null ? body.parentType() : before.parentType(),
                        body.isParentPage() != null ? body.isParentPage() : before.parentPage(),
                        tree.has("description") ? body.description() : before.description(),
                        tree.has("icon") ? body.icon() : before.icon(),
                        body.content() != null ? body.content() : before.content(),
                        tree.has("navigation_route_id") ? emptyToNull(body.navigationRouteId())
                                : before.navigationRouteId(),
                        published, published == before.published() ? before.publishDate() : published ? now : null,
                        before.createdAt(), now);
                mover.move(tx, before, after, now);
                return after;
            }));
        }
        Json.send(res, PageResponse.of(updated));
    }

    private void updateHierarchy(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        JsonNode tree = Json.readTree(req);
        HierarchyUpdate body = Json.convert(tree.isMissingNode() ? Json.MAPPER.createObjectNode() : tree,
                HierarchyUpdate.class);
        String parentRoute = emptyToNull(RoutePath.normalize(body.parentRoute()));
        String segment = RoutePath.normalize(body.routeSegment());
        new Checks()
                .check(parentRoute == null || RoutePath.isValid(parentRoute), "parent_route", RoutePath.RULE)
                .check(segment == null || RoutePath.isValidSegment(segment), "route_segment",
                        "route_segment must be 1-100 letters, digits, '_', '.' or '-'")
                .oneOf("parent_type", body.parentType(), PARENT_TYPES)
                .validate();
        Page updated;
        synchronized (routeLock) {
            updated = writeRoutes(null, () -> db.inTransaction(tx -> {
                Page before = owned(tx, user, id);
                String newParent = tree.has("parent_route") ? parentRoute : before.parentRoute();
                if (newParent != null && RoutePath.isSameOrUnder(newParent, before.route())) {
                    throw ApiException.badRequest("A page cannot be moved under itself or one of its descendants");
                }
                String newSegment = segment != null ? segment : before.routeSegment();
                String newRoute = RoutePath.join(newParent, newSegment);
                if (newRoute.length() > RoutePath.MAX_LENGTH) {
                    throw ApiException.badRequest("The new route is longer than " + RoutePath.MAX_LENGTH
                            + " characters");
                }
                Page after = before.withRoute(newRoute, newParent, newSegment,
                        body.parentType() != null ? body.parentType() : before.parentType(),
                        body.isParentPage() != null ? body.isParentPage() : before.parentPage(), Ids.now());
                mover.move(tx, before, after, after.updatedAt());
                return after;
            }));
        }
        Json.send(res, PageResponse.of(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        synchronized (routeLock) {
            db.runInTransaction(tx -> {
                owned(tx, user, id);
                navigation.pageDeleted(tx, user.id(), id);
                repository.delete(tx, id);
            });
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void publish(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        PublishRequest body = Json.read(req, PublishRequest.class);
        new Checks().required("publish", body.publish()).validate();
        Page published = db.inTransaction(tx -> {
            Page page = owned(tx, user, id);
            Instant now = Ids.now();
            boolean publish = body.publish();
            Instant publishDate = publish ? (page.published() ? page.publishDate() : now) : null;
            repository.setPublished(tx, id, publish, publishDate, now);
            return page.withPublication(publish, publishDate, now);
        });
        Json.send(res, PageResponse.of(published));
    }

    private void createBackup(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        BackupRequest body = Json.read(req, BackupRequest.class);
        new Checks().check(!Boolean.FALSE.equals(body.createBackup()), "create_backup",
                "create_backup must be true to create a backup").validate();
        Backup backup = db.inTransaction(tx -> {
            Page page = owned(tx, user, id);
            return backUp(tx, page, Ids.now());
        });
        Json.send(res, Status.CREATED_201, backup);
    }

    private void listBackups(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        Page page = owned(db, user, Params.path(req, "id"));
        List<Backup> backups = repository.backups(page.id());
        Json.send(res, new BackupList(backups, backups.size()));
    }

    /** Puts a backup's content back; the content it replaces is kept as a new backup, so a restore is undoable. */
    private void restoreBackup(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        String backupId = Params.path(req, "backupId");
        Page restored = db.inTransaction(tx -> {
            Page page = owned(tx, user, id);
            Backup backup = repository.backup(tx, page.id(), backupId)
                    .orElseThrow(() -> ApiException.notFound("Backup not found"));
            Instant now = Ids.now();
            backUp(tx, page, now);
            Page after = page.withContent(backup.content(), now);
            repository.update(tx, after);
            return after;
        });
        Json.send(res, PageResponse.of(restored));
    }

    /**
     * The parent route of a page whose route changes without an explicit parent: when the old parent route was
     * the old route's prefix it follows the new route, otherwise (e.g. a navigation parent) it is kept.
     */
    private static String followRoute(Page before, String newRoute) {
        boolean prefixParent = before.route().equals(RoutePath.join(before.parentRoute(),
                RoutePath.lastSegment(before.route())));
        return prefixParent ? RoutePath.parentOf(newRoute) : before.parentRoute();
    }

    private Backup backUp(Sql tx, Page page, Instant now) {
        String backupId = Ids.newId();
        repository.insertBackup(tx, backupId, page.id(), Json.write(page.content()), now);
        repository.pruneBackups(tx, page.id(), MAX_BACKUPS_PER_PAGE);
        return new Backup(backupId, page.id(), now, null);
    }

    // Access

    /** The caller's page, or another user's published page; anything else is 404. */
    private Page readable(CurrentUser user, String id) {
        return repository.find(id).filter(p -> p.userId().equals(user.id()) || p.published())
                .orElseThrow(() -> ApiException.notFound("Page not found"));
    }

    /** The caller's own page: 404 when it cannot see it, 403 when it is someone else's published page. */
    private Page owned(Sql tx, CurrentUser user, String id) {
        Page page = repository.find(tx, id).filter(p -> p.userId().equals(user.id()) || p.published())
                .orElseThrow(() -> ApiException.notFound("Page not found"));
        if (!page.userId().equals(user.id())) {
            throw ApiException.forbidden("Only the creator of a page can change it");
        }
        return page;
    }

    // Validation

    private static void checkCommon(Checks checks, String description, String icon, JsonNode content) {
        checks.length("description", description, 0, 1000)
                .length("icon", icon, 0, 100)
                .check(content == null || content.isObject(), "content", "Input should be a valid dictionary")
                .check(content == null || Json.write(content).length() <= MAX_CONTENT_CHARS, "content",
                        "content must be at most " + MAX_CONTENT_CHARS + " characters of JSON");
    }

    private void checkNavigationRoute(Checks checks, CurrentUser user, String navigationRouteId) {
        if (navigationRouteId != null && !navigationRouteId.isEmpty()) {
            checks.check(navigation.ownsRoute(user.id(), navigationRouteId), "navigation_route_id",
                    "Navigation route not found");
        }
    }

    /** Runs a write that may change routes, turning a unique violation (a concurrent writer) into 409. */
    private static <T> T writeRoutes(String route, Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw route == null ? ApiException.conflict("A page with that route already exists")
                        : routeConflict(route);
            }
            throw e;
        }
    }

    private static ApiException routeConflict(String route) {
        return ApiException.conflict("A page with route '" + route + "' already exists");
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
