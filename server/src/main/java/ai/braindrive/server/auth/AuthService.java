package ai.braindrive.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import ai.braindrive.server.auth.AuthRecords.LoginRequest;
import ai.braindrive.server.auth.AuthRecords.PasswordUpdate;
import ai.braindrive.server.auth.AuthRecords.RefreshRequest;
import ai.braindrive.server.auth.AuthRecords.RegisterRequest;
import ai.braindrive.server.auth.AuthRecords.UserResponse;
import ai.braindrive.server.auth.AuthRecords.UsernameUpdate;
import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.DbErrors;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.Checks;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The Authentication section: register, login, refresh, logout, me, username and password changes. */
public final class AuthService {
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,50}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;

    private final Database db;
    private final AuthRepository repository;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final Authenticator authenticator;
    private final LoginGuard loginGuard;
    private final List<UserProvisioner> provisioners;
    private final Object registrationLock = new Object();

    public AuthService(Database db, AuthRepository repository, PasswordHasher hasher, TokenService tokens,
                       Authenticator authenticator, LoginGuard loginGuard, List<UserProvisioner> provisioners) {
        this.db = db;
        this.repository = repository;
        this.hasher = hasher;
        this.tokens = tokens;
        this.authenticator = authenticator;
        this.loginGuard = loginGuard;
        this.provisioners = List.copyOf(provisioners);
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/auth")
                .authEndpoint(Method.POST, "/register", this::register)
                .authEndpoint(Method.POST, "/login", this::login)
                .authEndpoint(Method.POST, "/refresh", this::refresh)
                .open(Method.POST, "/logout", this::logout)
                .get("/me", this::me)
                .put("/profile/username", this::updateUsername)
                .put("/profile/password", this::updatePassword);
    }

    private void register(ServerRequest req, ServerResponse res) {
        RegisterRequest body = Json.read(req, RegisterRequest.class);
        new Checks()
                .required("username", body.username())
                .matches("username", body.username(), USERNAME,
                        "Username must be 3-50 characters of letters, digits, '_', '.' or '-'")
                .required("email", body.email())
                .matches("email", body.email() == null ? null : body.email().strip(), EMAIL,
                        "value is not a valid email address")
                .length("email", body.email(), 3, 320)
                .required("password", body.password())
                .length("password", body.password(), MIN_PASSWORD, MAX_PASSWORD)
                .length("full_name", body.fullName(), 0, 255)
                .length("profile_picture", body.profilePicture(), 0, 2048)
                .validate();
        String email = body.email().strip().toLowerCase(Locale.ROOT);
        String passwordHash = hasher.hash(body.password());
        Instant now = now();
        User created;
        synchronized (registrationLock) {
            try {
                created = db.inTransaction(tx -> {
                    if (repository.emailTaken(tx, email)) {
                        throw ApiException.conflict("Email already registered");
                    }
                    if (repository.usernameTaken(tx, body.username(), null)) {
                        throw ApiException.conflict("Username already taken");
                    }
                    User user = new User(UUID.randomUUID().toString(), body.username(), email, passwordHash,
                            body.fullName(), body.profilePicture(), true, false, !repository.anyUser(tx), now, now);
                    repository.insert(tx, user);
                    for (UserProvisioner provisioner : provisioners) {
                        provisioner.provision(tx, user.id(), now);
                    }
                    return user;
                });
            } catch (RuntimeException e) {
                if (DbErrors.isUniqueViolation(e)) {
                    throw ApiException.conflict("Email or username already registered");
                }
                throw e;
            }
        }
        Json.send(res, UserResponse.of(created));
    }

    private void login(ServerRequest req, ServerResponse res) {
        LoginRequest body = Json.read(req, LoginRequest.class);
        new Checks().required("email", body.email()).required("password", body.password()).validate();
        String email = body.email().strip().toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        loginGuard.checkAllowed(email, now);
        Optional<User> user = repository.findByEmail(email);
        boolean valid;
        if (user.isPresent()) {
            valid = hasher.verify(body.password(), user.get().passwordHash());
        } else {
            hasher.verifyDummy(body.password());
            valid = false;
        }
        if (!valid || !user.get().active()) {
            loginGuard.failed(email, now);
            throw ApiException.unauthorized("Invalid email or password");
        }
        loginGuard.succeeded(email);
        startSession(req, res, user.get().id(), UUID.randomUUID().toString());
        res.status(Status.NO_CONTENT_204).send();
    }

    private void refresh(ServerRequest req, ServerResponse res) {
        String presented = Authenticator.cookie(req, Authenticator.REFRESH_COOKIE)
                .or(() -> refreshTokenFromBody(req))
                .orElseThrow(() -> ApiException.unauthorized("Refresh token missing"));
        TokenService.Claims claims = tokens.verify(presented, TokenService.Type.REFRESH)
                .orElseThrow(() -> ApiException.unauthorized("Invalid refresh token"));
        String hash = sha256(presented);
        Instant now = Instant.now();
        if (!repository.markUsed(hash, now)) {
            // Already used or revoked: someone may hold a stolen copy, so the whole login ends.
            repository.familyOf(hash).ifPresent(family -> revokeFamily(family, now));
            clearCookies(req, res);
            throw ApiException.unauthorized("Refresh token is no longer valid");
        }
        User user = repository.findById(claims.userId()).filter(User::active)
                .orElseThrow(() -> ApiException.unauthorized("Invalid refresh token"));
        startSession(req, res, user.id(), claims.family());
        res.status(Status.NO_CONTENT_204).send();
    }

    private Optional<String> refreshTokenFromBody(ServerRequest req) {
        JsonNode body = Json.readTree(req);
        if (body.isMissingNode() || !body.isObject()) {
            return Optional.empty();
        }
        return Optional.ofNullable(Json.convert(body, RefreshRequest.class).refreshToken())
                .filter(token -> !token.isBlank());
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Instant now = Instant.now();
        Optional<String> family = Authenticator.cookie(req, Authenticator.REFRESH_COOKIE)
                .flatMap(token -> repository.familyOf(sha256(token)));
        if (family.isEmpty()) {
            family = authenticator.optionalAccessClaims(req).map(TokenService.Claims::family);
        }
        family.ifPresent(f -> revokeFamily(f, now));
        clearCookies(req, res);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void me(ServerRequest req, ServerResponse res) {
        Json.send(res, UserResponse.of(currentUser(req)));
    }

    private void updateUsername(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        UsernameUpdate body = Json.read(req, UsernameUpdate.class);
        new Checks()
                .required("username", body.username())
                .matches("username", body.username(), USERNAME,
                        "Username must be 3-50 characters of letters, digits, '_', '.' or '-'")
                .validate();
        Instant now = now();
        synchronized (registrationLock) {
            try {
                db.runInTransaction(tx -> {
                    if (repository.usernameTaken(tx, body.username(), caller.id())) {
                        throw ApiException.conflict("Username already taken");
                    }
                    repository.updateUsername(tx, caller.id(), body.username(), now);
                });
            } catch (RuntimeException e) {
                if (DbErrors.isUniqueViolation(e)) {
                    throw ApiException.conflict("Username already taken");
                }
                throw e;
            }
        }
        Json.send(res, UserResponse.of(currentUser(req)));
    }

    private void updatePassword(ServerRequest req, ServerResponse res) {
        CurrentUser caller = CurrentUser.of(req);
        PasswordUpdate body = Json.read(req, PasswordUpdate.class);
        new Checks().required("current_password", body.currentPassword())
                .required("new_password", body.newPassword())
                .validate();
        User user = currentUser(req);
        if (!hasher.verify(body.currentPassword(), user.passwordHash())) {
            throw ApiException.badRequest("Current password is incorrect");
        }
        if (body.newPassword().length() < MIN_PASSWORD || body.newPassword().length() > MAX_PASSWORD) {
            throw ApiException.badRequest("New password must be at least " + MIN_PASSWORD + " characters");
        }
        Instant now = now();
        repository.updatePassword(user.id(), hasher.hash(body.newPassword()), now);
        for (String family : repository.revokeOtherFamilies(user.id(), caller.sessionFamily(), now)) {
            authenticator.familyRevoked(family, now);
        }
        Json.send(res, java.util.Map.of("message", "Password updated successfully"));
    }

    private User currentUser(ServerRequest req) {
        return repository.findById(CurrentUser.of(req).id())
                .orElseThrow(() -> ApiException.unauthorized("Could not validate credentials"));
    }

    private void startSession(ServerRequest req, ServerResponse res, String userId, String family) {
        Instant now = Instant.now();
        TokenService.Issued access = tokens.issue(userId, TokenService.Type.ACCESS, family);
        TokenService.Issued refresh = tokens.issue(userId, TokenService.Type.REFRESH, family);
        repository.insertRefreshToken(sha256(refresh.token()), userId, family, refresh.expiresAt(), now);
        res.headers().addCookie(cookie(req, Authenticator.ACCESS_COOKIE, access.token(), tokens.accessTtl()));
        res.headers().addCookie(cookie(req, Authenticator.REFRESH_COOKIE, refresh.token(), tokens.refreshTtl()));
    }

    private void revokeFamily(String family, Instant now) {
        repository.revokeFamily(family, now);
        authenticator.familyRevoked(family, now);
    }

    /** Helidon omits {@code Max-Age=0}, so the expiring cookies are written out in full. */
    private static void clearCookies(ServerRequest req, ServerResponse res) {
        for (String name : new String[] {Authenticator.ACCESS_COOKIE, Authenticator.REFRESH_COOKIE}) {
            res.headers().add(HeaderNames.SET_COOKIE, name + "=; Path=/; Max-Age=0; "
                    + "Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax" + (req.isSecure() ? "; Secure" : ""));
        }
    }

    private static SetCookie cookie(ServerRequest req, String name, String value, Duration maxAge) {
        return SetCookie.builder(name, value)
                .path("/")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.LAX)
                .secure(req.isSecure())
                .maxAge(maxAge)
                .build();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
