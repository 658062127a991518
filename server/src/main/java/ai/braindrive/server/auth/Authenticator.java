package ai.braindrive.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.CurrentUser;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Turns an access token (bearer header, else the {@code access_token} cookie) into the {@link CurrentUser} of the
 * request. Access tokens of a revoked login (logout, password change, refresh-token reuse) stop working at once.
 */
public final class Authenticator {
    public static final String ACCESS_COOKIE = "access_token";
    public static final String REFRESH_COOKIE = "refresh_token";

    private final TokenService tokens;
    private final AuthRepository users;
    /** family id -> when its last access token expires at the latest. */
    private final Map<String, Instant> revokedFamilies = new ConcurrentHashMap<>();

    public Authenticator(TokenService tokens, AuthRepository users) {
        this.tokens = tokens;
        this.users = users;
        Instant now = Instant.now();
        users.familiesRevokedSince(now.minus(tokens.accessTtl())).forEach(family -> familyRevoked(family, now));
    }

    public CurrentUser authenticate(ServerRequest req) {
        Optional<CurrentUser> existing = req.context().get(CurrentUser.class);
        if (existing.isPresent()) {
            return existing.get();
        }
        String token = accessToken(req).orElseThrow(() -> ApiException.unauthorized("Not authenticated"));
        TokenService.Claims claims = tokens.verify(token, TokenService.Type.ACCESS)
                .orElseThrow(() -> ApiException.unauthorized("Could not validate credentials"));
        if (claims.family() != null && isRevoked(claims.family())) {
            throw ApiException.unauthorized("Session has ended");
        }
        User user = users.findById(claims.userId())
                .orElseThrow(() -> ApiException.unauthorized("Could not validate credentials"));
        if (!user.active()) {
            throw ApiException.unauthorized("Inactive user");
        }
        CurrentUser current = new CurrentUser(user.id(), user.username(), user.admin(), claims.family());
        req.context().register(current);
        return current;
    }

    /** The caller when a valid access token is present; no error otherwise (for logout). */
    public Optional<TokenService.Claims> optionalAccessClaims(ServerRequest req) {
        return accessToken(req).flatMap(token -> tokens.verify(token, TokenService.Type.ACCESS));
    }

    static Optional<String> accessToken(ServerRequest req) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isPresent() && header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.get().substring(7).strip()).filter(t -> !t.isEmpty());
        }
        return cookie(req, ACCESS_COOKIE);
    }

    static Optional<String> cookie(ServerRequest req, String name) {
        return req.headers().cookies().first(name).asOptional().filter(value -> !value.isBlank());
    }

    public void familyRevoked(String family, Instant now) {
        revokedFamilies.put(family, now.plus(tokens.accessTtl()).plus(Duration.ofMinutes(1)));
        if (revokedFamilies.size() > 10_000) {
            revokedFamilies.values().removeIf(until -> until.isBefore(now));
        }
    }

    private boolean isRevoked(String family) {
        Instant until = revokedFamilies.get(family);
        if (until == null) {
            return false;
        }
        if (until.isBefore(Instant.now())) {
            revokedFamilies.remove(family, until);
            return false;
        }
        return true;
    }
}
