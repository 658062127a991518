package ai.braindrive.server.http;

import ai.braindrive.server.auth.Authenticator;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

/**
 * The route table of the API. Routes are authenticated and rate-limited per user unless declared public;
 * a path given as {@code ""} is served both with and without a trailing slash.
 * <pre>{@code routes.under("/api/v1/pages").get("", this::list).get("/{id}", this::get)}</pre>
 */
public final class ApiRoutes {
    private final HttpRouting.Builder routing;
    private final RouteCatalog catalog;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final String base;

    public ApiRoutes(HttpRouting.Builder routing, RouteCatalog catalog, Authenticator authenticator,
                     RateLimiter rateLimiter) {
        this(routing, catalog, authenticator, rateLimiter, "");
    }

    private ApiRoutes(HttpRouting.Builder routing, RouteCatalog catalog, Authenticator authenticator,
                      RateLimiter rateLimiter, String base) {
        this.routing = routing;
        this.catalog = catalog;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.base = base;
    }

    /** The same table, with paths relative to {@code base}. */
    public ApiRoutes under(String base) {
        return new ApiRoutes(routing, catalog, authenticator, rateLimiter, base);
    }

    public ApiRoutes get(String path, Handler handler) {
        return add(Method.GET, path, secured(handler));
    }

    public ApiRoutes post(String path, Handler handler) {
        return add(Method.POST, path, secured(handler));
    }

    public ApiRoutes put(String path, Handler handler) {
        return add(Method.PUT, path, secured(handler));
    }

    public ApiRoutes patch(String path, Handler handler) {
        return add(Method.PATCH, path, secured(handler));
    }

    public ApiRoutes delete(String path, Handler handler) {
        return add(Method.DELETE, path, secured(handler));
    }

    /** An unauthenticated route limited per client IP by the strict auth bucket (register, login, refresh). */
    public ApiRoutes authEndpoint(Method method, String path, Handler handler) {
        return add(method, path, (req, res) -> {
            rateLimiter.checkAuth(RateLimiter.clientIp(req));
            handler.handle(req, res);
        });
    }

    /** An unauthenticated route limited per client IP by the API bucket. */
    public ApiRoutes open(Method method, String path, Handler handler) {
        return add(method, path, (req, res) -> {
            rateLimiter.checkApi("ip:" + RateLimiter.clientIp(req));
            handler.handle(req, res);
        });
    }

    private Handler secured(Handler handler) {
        return (req, res) -> {
            CurrentUser user = authenticator.authenticate(req);
            rateLimiter.checkApi("user:" + user.id());
            handler.handle(req, res);
        };
    }

    private ApiRoutes add(Method method, String path, Handler handler) {
        String full = base + path;
        if (path.isEmpty()) {
            register(method, full + "/", handler);
        }
        register(method, full, handler);
        return this;
    }

    private void register(Method method, String fullPath, Handler handler) {
        catalog.add(method, fullPath);
        routing.route(method, fullPath, handler);
    }
}
