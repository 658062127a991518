package ai.braindrive.server.pages;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.pages.PagesRepository.Placement;

/**
 * Moves a page to a new route, taking every page below its old route along (their routes and parent routes are
 * rebased), inside the caller's transaction. Refuses a move under the page itself (400) and any clash with a
 * page that stays where it is (409), before writing anything.
 */
final class PageMover {
    private final PagesRepository repository;

    PageMover(PagesRepository repository) {
        this.repository = repository;
    }

    /** Writes {@code moved} (the page with its new route and placement) and rebases its descendants. */
    void move(Sql tx, Page before, Page moved, Instant now) {
        String from = before.route();
        String to = moved.route();
        if (!from.equals(to)) {
            if (RoutePath.isSameOrUnder(to, from)) {
                throw ApiException.badRequest("A page cannot be moved under itself or one of its descendants");
            }
            List<Placement> all = repository.placements(tx, before.userId());
            List<Placement> subtree = all.stream().filter(p -> RoutePath.isSameOrUnder(p.route(), from)).toList();
            Set<String> moving = subtree.stream().map(Placement::id).collect(Collectors.toSet());
            Set<String> staying = all.stream().filter(p -> !moving.contains(p.id())).map(Placement::route)
                    .collect(Collectors.toSet());
            for (Placement p : subtree) {
                String target = RoutePath.rebase(p.route(), from, to);
                if (target.length() > RoutePath.MAX_LENGTH) {
                    throw ApiException.badRequest("The move would make the route '" + target + "' longer than "
                            + RoutePath.MAX_LENGTH + " characters");
                }
                if (staying.contains(target)) {
                    throw ApiException.conflict("A page with route '" + target + "' already exists");
                }
            }
            // Park the subtree on placeholder routes first, so no intermediate state breaks route uniqueness.
            for (Placement p : subtree) {
                repository.updateRoute(tx, p.id(), "#" + p.id(), p.parentRoute(), now);
            }
            for (Placement p : subtree) {
                if (!p.id().equals(before.id())) {
                    String parent = RoutePath.isSameOrUnder(p.parentRoute(), from)
                            ? RoutePath.rebase(p.parentRoute(), from, to) : p.parentRoute();
                    repository.updateRoute(tx, p.id(), RoutePath.rebase(p.route(), from, to), parent, now);
                }
            }
        }
        repository.update(tx, moved);
    }
}
