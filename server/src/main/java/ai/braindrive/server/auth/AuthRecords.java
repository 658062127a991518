package ai.braindrive.server.auth;

import java.time.Instant;

/** Request and response bodies of the auth endpoints. */
final class AuthRecords {
    private AuthRecords() {
    }

    record RegisterRequest(String username, String email, String password, String fullName, String profilePicture) {
    }

    record LoginRequest(String email, String password) {
    }

    record RefreshRequest(String refreshToken) {
    }

    record UsernameUpdate(String username) {
    }

    record PasswordUpdate(String currentPassword, String newPassword) {
    }

    record UserResponse(String id, String username, String email, String fullName, String profilePicture,
                        boolean isActive, boolean isVerified, boolean isAdmin, Instant createdAt,
                        Instant updatedAt) {
        static UserResponse of(User user) {
            return new UserResponse(user.id(), user.username(), user.email(), user.fullName(), user.profilePicture(),
                    user.active(), user.verified(), user.admin(), user.createdAt(), user.updatedAt());
        }
    }
}
