package ai.braindrive.server.auth;

import java.time.Instant;

/** A stored user account. */
public record User(String id, String username, String email, String passwordHash, String fullName,
                   String profilePicture, boolean active, boolean verified, boolean admin,
                   Instant createdAt, Instant updatedAt) {
}
