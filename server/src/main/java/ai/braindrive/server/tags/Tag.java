package ai.braindrive.server.tags;

import java.time.Instant;

/** A user's label for conversations: a name unique per user (case-insensitively) and a {@code #rrggbb} colour. */
public record Tag(String id, String name, String color, String userId, Instant createdAt, Instant updatedAt) {
}
