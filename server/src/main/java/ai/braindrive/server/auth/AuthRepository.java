package ai.braindrive.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;

/** All SQL of users and refresh tokens. */
public final class AuthRepository {
    private static final String USER_COLUMNS = "id, username, email, password_hash, full_name, profile_picture, "
            + "is_active, is_verified, is_admin, created_at, updated_at";

    private final Sql db;

    public AuthRepository(Sql db) {
        this.db = db;
    }

    private static User user(Row row) {
        return new User(row.string("id"), row.string("username"), row.string("email"),
                row.string("password_hash"), row.string("full_name"), row.string("profile_picture"),
                row.bool("is_active"), row.bool("is_verified"), row.bool("is_admin"),
                row.instant("created_at"), row.instant("updated_at"));
    }

    public Optional<User> findById(String id) {
        return db.one("SELECT " + USER_COLUMNS + " FROM users WHERE id = ?", AuthRepository::user, id);
    }

    public Optional<User> findByEmail(String email) {
        return db.one("SELECT " + USER_COLUMNS + " FROM users WHERE email = ?", AuthRepository::user,
                email.toLowerCase(Locale.ROOT));
    }

    public boolean usernameTaken(Sql tx, String username, String exceptUserId) {
        return tx.exists("SELECT 1 FROM users WHERE username_key = ? AND id <> ?",
                username.toLowerCase(Locale.ROOT), exceptUserId == null ? "" : exceptUserId);
    }

    public boolean emailTaken(Sql tx, String email) {
        return tx.exists("SELECT 1 FROM users WHERE email = ?", email.toLowerCase(Locale.ROOT));
    }

    public boolean anyUser(Sql tx) {
        return tx.exists("SELECT 1 FROM users FETCH FIRST 1 ROWS ONLY");
    }

    public void insert(Sql tx, User user) {
        tx.update("INSERT INTO users (" + USER_COLUMNS + ", username_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.id(), user.username(), user.email().toLowerCase(Locale.ROOT), user.passwordHash(),
                user.fullName(), user.profilePicture(), user.active(), user.verified(), user.admin(),
                user.createdAt(), user.updatedAt(), user.username().toLowerCase(Locale.ROOT));
    }

    public void updateUsername(Sql tx, String userId, String username, Instant now) {
        tx.update("UPDATE users SET username = ?, username_key = ?, updated_at = ? WHERE id = ?",
                username, username.toLowerCase(Locale.ROOT), now, userId);
    }

    public void updatePassword(String userId, String passwordHash, Instant now) {
        db.update("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", passwordHash, now, userId);
    }

    // Refresh tokens

    public void insertRefreshToken(String tokenHash, String userId, String familyId, Instant expiresAt,
                                   Instant now) {
        db.update("INSERT INTO refresh_tokens (token_hash, user_id, family_id, expires_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", tokenHash, userId, familyId, expiresAt, now);
    }

    /** Marks an unused, unrevoked token used; false when it was already used or revoked (or is unknown). */
    public boolean markUsed(String tokenHash, Instant now) {
        return db.update("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? "
                + "AND used_at IS NULL AND revoked_at IS NULL", now, tokenHash) == 1;
    }

    public Optional<String> familyOf(String tokenHash) {
        return db.one("SELECT family_id FROM refresh_tokens WHERE token_hash = ?", row -> row.string("family_id"),
                tokenHash);
    }

    public void revokeFamily(String familyId, Instant now) {
        db.update("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                now, familyId);
    }

    /** Revokes every family of the user but {@code keepFamily}; returns the families revoked. */
    public List<String> revokeOtherFamilies(String userId, String keepFamily, Instant now) {
        List<String> families = db.list("SELECT DISTINCT family_id FROM refresh_tokens WHERE user_id = ? "
                        + "AND family_id <> ? AND revoked_at IS NULL", row -> row.string("family_id"),
                userId, keepFamily == null ? "" : keepFamily);
        db.update("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND family_id <> ? "
                + "AND revoked_at IS NULL", now, userId, keepFamily == null ? "" : keepFamily);
        return families;
    }

    /** Families revoked since {@code since}: their access tokens may still be unexpired. */
    public List<String> familiesRevokedSince(Instant since) {
        return db.list("SELECT DISTINCT family_id FROM refresh_tokens WHERE revoked_at >= ?",
                row -> row.string("family_id"), since);
    }

    public void deleteExpiredRefreshTokens(Instant now) {
        db.update("DELETE FROM refresh_tokens WHERE expires_at < ?", now);
    }
}
