package ai.braindrive.server.pages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.pages.PageRecords.Backup;

/** All SQL of pages and their backups. */
public final class PagesRepository {
    private static final String SUMMARY_COLUMNS = "id, user_id, name, route, route_segment, parent_route, "
            + "parent_type, is_parent_page, description, icon, navigation_route_id, is_published, publish_date, "
            + "created_at, updated_at";
    private static final String COLUMNS = SUMMARY_COLUMNS + ", content";

    /** Filters of the page list; null means "any". */
    record Filter(String navigationRouteId, boolean publishedOnly, String parentRoute) {
    }

    /** Where a page is and where it goes, for moves. */
    record Placement(String id, String route, String parentRoute) {
    }

    private final Sql db;

    public PagesRepository(Sql db) {
        this.db = db;
    }

    private static Page page(Row row, boolean withContent) {
        return new Page(row.string("id"), row.string("user_id"), row.string("name"), row.string("route"),
                row.string("route_segment"), row.string("parent_route"), row.string("parent_type"),
                row.bool("is_parent_page"), row.string("description"), row.string("icon"),
                withContent ? Json.parseStored(row.string("content")) : null, row.string("navigation_route_id"),
                row.bool("is_published"), row.instant("publish_date"), row.instant("created_at"),
                row.instant("updated_at"));
    }

    private static Page full(Row row) {
        return page(row, true);
    }

    Optional<Page> find(Sql tx, String id) {
        return tx.one("SELECT " + COLUMNS + " FROM pages WHERE id = ?", PagesRepository::full, id);
    }

    Optional<Page> find(String id) {
        return find(db, id);
    }

    Optional<Page> findOwnByRoute(String userId, String route) {
        return db.one("SELECT " + COLUMNS + " FROM pages WHERE user_id = ? AND route = ?", PagesRepository::full,
                userId, route);
    }

    /** The earliest-created published page at {@code route} of any user. */
    Optional<Page> findPublishedByRoute(String route) {
        return db.one("SELECT " + COLUMNS + " FROM pages WHERE route = ? AND is_published = TRUE "
                + "ORDER BY created_at, id FETCH FIRST 1 ROWS ONLY", PagesRepository::full, route);
    }

    List<Page> list(String userId, Filter filter, int skip, int limit, boolean withContent) {
        List<Object> params = new ArrayList<>();
        String where = where(userId, filter, params);
        params.add(skip);
        params.add(limit);
        String sql = "SELECT " + (withContent ? COLUMNS : SUMMARY_COLUMNS) + " FROM pages" + where
                + " ORDER BY created_at, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return db.list(sql, row -> page(row, withContent), params.toArray());
    }

    long count(String userId, Filter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(userId, filter, params);
        return db.count("SELECT COUNT(*) AS c FROM pages" + where, params.toArray());
    }

    /** A WHERE clause of fixed fragments; the values go to {@code params}. */
    private static String where(String userId, Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(" WHERE user_id = ?");
        params.add(userId);
        if (filter.navigationRouteId() != null) {
            where.append(" AND navigation_route_id = ?");
            params.add(filter.navigationRouteId());
        }
        if (filter.publishedOnly()) {
            where.append(" AND is_published = TRUE");
        }
        if (filter.parentRoute() != null) {
            where.append(" AND parent_route = ?");
            params.add(filter.parentRoute());
        }
        return where.toString();
    }

    /** Every page route of a user (no content): the candidates of a move. */
    List<Placement> placements(Sql tx, String userId) {
        return tx.list("SELECT id, route, parent_route FROM pages WHERE user_id = ?",
                row -> new Placement(row.string("id"), row.string("route"), row.string("parent_route")), userId);
    }

    boolean routeTaken(Sql tx, String userId, String route) {
        return tx.exists("SELECT 1 FROM pages WHERE user_id = ? AND route = ?", userId, route);
    }

    /** Whether {@code pageId} is a page of {@code userId}. */
    public boolean owns(String userId, String pageId) {
        return db.exists("SELECT 1 FROM pages WHERE id = ? AND user_id = ?", pageId, userId);
    }

    void insert(Sql tx, Page p) {
        tx.update("INSERT INTO pages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.userId(), p.name(), p.route(), p.routeSegment(), p.parentRoute(), p.parentType(),
                p.parentPage(), p.description(), p.icon(), p.navigationRouteId(), p.published(), p.publishDate(),
                p.createdAt(), p.updatedAt(), Json.write(p.content()));
    }

    /** Writes every field but the id, owner and creation time. */
    void update(Sql tx, Page p) {
        tx.update("UPDATE pages SET name = ?, route = ?, route_segment = ?, parent_route = ?, parent_type = ?, "
                        + "is_parent_page = ?, description = ?, icon = ?, navigation_route_id = ?, is_published = ?, "
                        + "publish_date = ?, updated_at = ?, content = ? WHERE id = ?",
                p.name(), p.route(), p.routeSegment(), p.parentRoute(), p.parentType(), p.parentPage(),
                p.description(), p.icon(), p.navigationRouteId(), p.published(), p.publishDate(), p.updatedAt(),
                Json.write(p.content()), p.id());
    }

    void updateRoute(Sql tx, String id, String route, String parentRoute, Instant now) {
        tx.update("UPDATE pages SET route = ?, parent_route = ?, updated_at = ? WHERE id = ?",
                route, parentRoute, now, id);
    }

    void setPublished(Sql tx, String id, boolean published, Instant publishDate, Instant now) {
        tx.update("UPDATE pages SET is_published = ?, publish_date = ?, updated_at = ? WHERE id = ?",
                published, publishDate, now, id);
    }

    void delete(Sql tx, String id) {
        tx.update("DELETE FROM pages WHERE id = ?", id);
    }

    /** Clears the link of a user's pages to a navigation route being deleted. */
    public void detachNavigationRoute(Sql tx, String userId, String navigationRouteId) {
        tx.update("UPDATE pages SET navigation_route_id = NULL WHERE user_id = ? AND navigation_route_id = ?",
                userId, navigationRouteId);
    }

    // Backups

    void insertBackup(Sql tx, String id, String pageId, String content, Instant now) {
        tx.update("INSERT INTO page_backups (id, page_id, content, created_at) VALUES (?, ?, ?, ?)",
                id, pageId, content, now);
    }

    List<Backup> backups(String pageId) {
        return db.list("SELECT id, page_id, created_at FROM page_backups WHERE page_id = ? "
                        + "ORDER BY created_at DESC, id DESC",
                row -> new Backup(row.string("id"), row.string("page_id"), row.instant("created_at"), null), pageId);
    }

    Optional<Backup> backup(Sql tx, String pageId, String backupId) {
        return tx.one("SELECT id, page_id, created_at, content FROM page_backups WHERE id = ? AND page_id = ?",
                row -> new Backup(row.string("id"), row.string("page_id"), row.instant("created_at"),
                        Json.parseStored(row.string("content"))), backupId, pageId);
    }

    /** Deletes all but the {@code keep} newest backups of a page. */
    void pruneBackups(Sql tx, String pageId, int keep) {
        List<String> ids = tx.list("SELECT id FROM page_backups WHERE page_id = ? ORDER BY created_at DESC, id DESC",
                row -> row.string("id"), pageId);
        for (String id : ids.subList(Math.min(keep, ids.size()), ids.size())) {
            tx.update("DELETE FROM page_backups WHERE id = ?", id);
        }
    }
}
