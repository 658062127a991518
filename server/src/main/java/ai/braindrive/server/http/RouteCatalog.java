package ai.braindrive.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;

/** Every API route registered, so a request that matched none can be told 405 (wrong method) rather than 404. */
public final class RouteCatalog {
    private record Entry(Method method, String pattern, PathMatcher matcher) {
    }

    /** One registered route, as written in its service's route table. */
    public record Route(String method, String pattern) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(Method method, String pathPattern) {
        entries.add(new Entry(method, pathPattern, PathMatchers.create(pathPattern)));
    }

    /** Every route registered so far, in registration order. */
    public List<Route> routes() {
        return entries.stream().map(entry -> new Route(entry.method().text(), entry.pattern())).toList();
    }

    /** Methods allowed on a path (empty when no route has that path at all). */
    public Set<String> allowedMethods(UriPath path) {
        Set<String> methods = new TreeSet<>();
        for (Entry entry : entries) {
            if (entry.matcher().match(path).accepted()) {
                methods.add(entry.method().text());
            }
        }
        return methods;
    }
}
