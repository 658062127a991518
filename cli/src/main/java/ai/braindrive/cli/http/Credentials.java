package ai.braindrive.cli.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** A login kept for one server: who, and the current access/refresh token pair. */
public record Credentials(String email, String username, String accessToken, String refreshToken,
                          Instant updatedAt) {
    /** Tokens this close to expiry count as expired, so a request never races the clock. */
    static final Duration SKEW = Duration.ofSeconds(5);

    public Credentials withTokens(String access, String refresh, Instant now) {
        return new Credentials(email, username, access, refresh, now);
    }

    public Credentials withUsername(String name) {
        return new Credentials(email, name, accessToken, refreshToken, updatedAt);
    }

    public boolean accessExpired(Instant now) {
        return expired(accessToken, now);
    }

    public boolean refreshExpired(Instant now) {
        return expired(refreshToken, now);
    }

    private static boolean expired(String token, Instant now) {
        return expiresAt(token).map(exp -> !now.plus(SKEW).isBefore(exp)).orElse(false);
    }

    /** The {@code exp} claim of a JWT (read without verifying: the server verifies, this only saves a round trip). */
    static Optional<Instant> expiresAt(String jwt) {
        if (jwt == null) {
            return Optional.empty();
        }
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            JsonNode claims = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            JsonNode exp = claims.path("exp");
            return exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }
}
