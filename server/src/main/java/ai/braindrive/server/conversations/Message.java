package ai.braindrive.server.conversations;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One message of a conversation; {@code sequence} numbers a conversation's messages 1, 2, 3... in order. */
public record Message(String id, String conversationId, String sender, String message, JsonNode messageMetadata,
                      Instant createdAt, int sequence) {
}
