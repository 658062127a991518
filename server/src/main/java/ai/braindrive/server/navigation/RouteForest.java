package ai.braindrive.server.navigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.braindrive.server.navigation.NavigationRecords.RouteResponse;
import ai.braindrive.server.navigation.NavigationRecords.TreeNode;

/** The pure logic of a user's navigation forest: sibling order, cycle detection, nesting. */
final class RouteForest {
    static final Comparator<NavigationRoute> SIBLING_ORDER = Comparator.comparingInt(NavigationRoute::displayOrder)
            .thenComparing(NavigationRoute::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(NavigationRoute::id);

    private RouteForest() {
    }

    /** True when following parent links from some route comes back to it. */
    static boolean hasCycle(Map<String, String> parentOf) {
        Set<String> acyclic = new HashSet<>();
        for (String start : parentOf.keySet()) {
            Set<String> path = new HashSet<>();
            for (String at = start; at != null && !acyclic.contains(at); at = parentOf.get(at)) {
                if (!path.add(at)) {
                    return true;
                }
            }
            acyclic.addAll(path);
        }
        return false;
    }

    /** Nests routes under their parents; a route whose parent is absent (e.g. hidden) is left out with it. */
    static List<TreeNode> tree(List<NavigationRoute> routes) {
        Map<String, List<NavigationRoute>> children = new HashMap<>();
        List<NavigationRoute> roots = new ArrayList<>();
        for (NavigationRoute route : routes) {
            if (route.parentId() == null) {
                roots.add(route);
            } else {
                children.computeIfAbsent(route.parentId(), k -> new ArrayList<>()).add(route);
            }
        }
        return nodes(roots, children, 0);
    }

    private static List<TreeNode> nodes(List<NavigationRoute> level, Map<String, List<NavigationRoute>> children,
                                        int depth) {
        return level.stream().sorted(SIBLING_ORDER)
                .map(route -> new TreeNode(RouteResponse.of(route), depth,
                        nodes(children.getOrDefault(route.id(), List.of()), children, depth + 1)))
                .toList();
    }
}
