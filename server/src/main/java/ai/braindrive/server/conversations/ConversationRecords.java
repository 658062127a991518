package ai.braindrive.server.conversations;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies and list filters of the conversation endpoints. */
final class ConversationRecords {
    private ConversationRecords() {
    }

    /** Create body; on update only the non-null fields are applied (as the original API does). */
    record ConversationBody(String userId, String title, String pageContext, String pageId, String model,
                            String server, String conversationType, String personaId) {
    }

    record PersonaLink(String personaId) {
    }

    /** {@code {"tag_id": "..."}} or {@code {"tag_ids": ["...", ...]}}. */
    record TagLink(String tagId, List<String> tagIds) {
    }

    record MessageBody(String sender, String message, JsonNode messageMetadata) {
    }

    /** Optional list filters; every list is also scoped by the owner's user id. */
    record ConversationFilter(String conversationType, String pageId, String tagId, String personaId) {
        static ConversationFilter none() {
            return new ConversationFilter(null, null, null, null);
        }
    }
}
