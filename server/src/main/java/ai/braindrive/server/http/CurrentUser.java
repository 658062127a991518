package ai.braindrive.server.http;

import io.helidon.webserver.http.ServerRequest;

/**
 * The authenticated caller of a request. {@code sessionFamily} names the refresh-token family of the login that
 * issued the token (null for tokens without one).
 */
public record CurrentUser(String id, String username, boolean admin, String sessionFamily) {

    /** The caller of a secured route (set by the route table before the handler runs). */
    public static CurrentUser of(ServerRequest req) {
        return req.context().get(CurrentUser.class)
                .orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
    }

    public void requireAdmin() {
        if (!admin) {
            throw ApiException.forbidden("Admin privileges required");
        }
    }

    /** {@code user_id} given in a path or body must be the caller's own (or the literal {@code current}). */
    public String requireSelf(String userId) {
        if (userId == null || userId.equals("current") || userId.equals(id)) {
            return id;
        }
        throw ApiException.forbidden("Not allowed to act for another user");
    }
}
