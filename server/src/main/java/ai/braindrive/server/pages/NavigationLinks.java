package ai.braindrive.server.pages;

import ai.braindrive.server.db.Sql;

/** What pages need to know about navigation routes, without depending on that feature's classes. */
public interface NavigationLinks {
    /** Whether {@code routeId} names a navigation route of {@code userId}. */
    boolean ownsRoute(String userId, String routeId);

    /** A page is being deleted inside {@code tx}: drop references to it (e.g. a route's default page). */
    void pageDeleted(Sql tx, String userId, String pageId);
}
