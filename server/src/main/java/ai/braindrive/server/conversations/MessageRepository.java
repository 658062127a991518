package ai.braindrive.server.conversations;

import java.util.List;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.Json;

/** All SQL of messages. Callers check the conversation's owner first (see {@link ConversationRepository}). */
public final class MessageRepository {
    private static final String COLUMNS = "id, conversation_id, sequence_no, sender, message, message_metadata, "
            + "created_at";

    private final Sql db;

    public MessageRepository(Sql db) {
        this.db = db;
    }

    private static Message message(Row row) {
        return new Message(row.string("id"), row.string("conversation_id"), row.string("sender"),
                row.string("message"), Json.parseStored(row.string("message_metadata")), row.instant("created_at"),
                row.integer("sequence_no", 0));
    }

    /** A page of the conversation's messages in sequence order (oldest first). */
    public List<Message> page(String conversationId, int skip, int limit) {
        return db.list("SELECT " + COLUMNS + " FROM messages WHERE conversation_id = ? ORDER BY sequence_no "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", MessageRepository::message, conversationId, skip, limit);
    }

    void insert(Sql tx, Message m) {
        tx.update("INSERT INTO messages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", m.id(), m.conversationId(),
                m.sequence(), m.sender(), m.message(),
                m.messageMetadata() == null ? null : Json.write(m.messageMetadata()), m.createdAt());
    }
}
