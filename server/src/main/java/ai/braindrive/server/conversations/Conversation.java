package ai.braindrive.server.conversations;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as answered, with the counters kept on its row ({@code message_count}, {@code last_message_at})
 * and its tags. It never carries message bodies.
 */
public record Conversation(String id, String title, String userId, String pageContext, String pageId, String model,
                           String server, String conversationType, String personaId, int messageCount,
                           Instant lastMessageAt, Instant createdAt, Instant updatedAt, List<TagRef> tags) {

    public Conversation {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A tag as shown on a conversation. */
    public record TagRef(String id, String name, String color) {
    }

    Conversation withTags(List<TagRef> newTags) {
        return new Conversation(id, title, userId, pageContext, pageId, model, server, conversationType, personaId,
                messageCount, lastMessageAt, createdAt, updatedAt, newTags);
    }
}
