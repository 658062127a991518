package ai.braindrive.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.helidon.common.Errors;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtException;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkOctet;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Signs and verifies the HS256 access and refresh JWTs (claims sub, iat, exp, jti, type, fam). */
public final class TokenService {
    public enum Type { ACCESS, REFRESH }

    /** A verified token. {@code family} groups the refresh tokens of one login. */
    public record Claims(String userId, String tokenId, Type type, String family, Instant expiresAt) {
    }

    /** A freshly signed token. */
    public record Issued(String token, String tokenId, Instant expiresAt) {
    }

    private final JwkOctet key;
    private final JwkKeys keys;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    public TokenService(byte[] secret, Duration accessTtl, Duration refreshTtl) {
        this.key = JwkOctet.create(Json.createObjectBuilder()
                .add("kty", "oct")
                .add("kid", "braindrive")
                .add("alg", JwkOctet.ALG_HS256)
                .add("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .build());
        this.keys = JwkKeys.builder().addKey(key).build();
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
    }

    public Duration accessTtl() {
        return accessTtl;
    }

    public Duration refreshTtl() {
        return refreshTtl;
    }

    public Issued issue(String userId, Type type, String family) {
        Instant now = Instant.now();
        Instant expires = now.plus(type == Type.ACCESS ? accessTtl : refreshTtl);
        String tokenId = UUID.randomUUID().toString();
        Jwt jwt = Jwt.builder()
                .algorithm(JwkOctet.ALG_HS256)
                .keyId("braindrive")
                .subject(userId)
                .issueTime(now)
                .expirationTime(expires)
                .jwtId(tokenId)
                .addPayloadClaim("type", type.name().toLowerCase(java.util.Locale.ROOT))
                .addPayloadClaim("fam", family)
                .build();
        return new Issued(SignedJwt.sign(jwt, key).tokenContent(), tokenId, expires);
    }

    /** The claims of a well-signed, unexpired token of the expected type; empty for anything else. */
    public Optional<Claims> verify(String token, Type expected) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJwt signed = SignedJwt.parseToken(token);
            Errors errors = signed.verifySignature(keys);
            if (!errors.isValid()) {
                return Optional.empty();
            }
            Jwt jwt = signed.getJwt();
            if (!jwt.algorithm().map(JwkOctet.ALG_HS256::equals).orElse(false)) {
                return Optional.empty();
            }
            Optional<Instant> expires = jwt.expirationTime();
            if (expires.isEmpty() || !expires.get().isAfter(Instant.now())) {
                return Optional.empty();
            }
            String type = claim(jwt, "type");
            if (!expected.name().equalsIgnoreCase(type)) {
                return Optional.empty();
            }
            Optional<String> subject = jwt.subject();
            Optional<String> tokenId = jwt.jwtId();
            if (subject.isEmpty() || tokenId.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Claims(subject.get(), tokenId.get(), expected, claim(jwt, "fam"), expires.get()));
        } catch (JwtException | IllegalArgumentException | ClassCastException | jakarta.json.JsonException e) {
            return Optional.empty();
        }
    }

    private static String claim(Jwt jwt, String name) {
        return jwt.payloadClaim(name)
                .filter(value -> value.getValueType() == JsonValue.ValueType.STRING)
                .map(value -> ((JsonString) value).getString())
                .orElse(null);
    }
}
