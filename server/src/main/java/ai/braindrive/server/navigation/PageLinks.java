package ai.braindrive.server.navigation;

import ai.braindrive.server.db.Sql;

/** What navigation needs to know about pages, without depending on that feature's classes. */
public interface PageLinks {
    /** Whether {@code pageId} names a page of {@code userId}. */
    boolean ownsPage(String userId, String pageId);

    /** A navigation route is being deleted inside {@code tx}: drop references to it (pages linked to it). */
    void routeDeleted(Sql tx, String userId, String routeId);
}
