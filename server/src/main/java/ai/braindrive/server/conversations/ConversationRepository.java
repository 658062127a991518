package ai.braindrive.server.conversations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import ai.braindrive.server.conversations.Conversation.TagRef;
import ai.braindrive.server.conversations.ConversationRecords.ConversationFilter;
import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.db.SqlHints;

/** All SQL of conversations and their tag links. Every statement is scoped by the owner's user id. */
public final class ConversationRepository {
    private static final String COLUMNS = "c.id, c.user_id, c.title, c.page_context, c.page_id, c.model, c.server, "
            + "c.conversation_type, c.persona_id, c.message_count, c.last_message_at, c.created_at, c.updated_at";

    private final Sql db;

    public ConversationRepository(Sql db) {
        this.db = db;
    }

    private static Conversation conversation(Row row) {
        return new Conversation(row.string("id"), row.string("title"), row.string("user_id"),
                row.string("page_context"), row.string("page_id"), row.string("model"), row.string("server"),
                row.string("conversation_type"), row.string("persona_id"), row.integer("message_count", 0),
                row.instant("last_message_at"), row.instant("created_at"), row.instant("updated_at"), List.of());
    }

    public Optional<Conversation> find(String userId, String id) {
        return find(db, userId, id);
    }

    Optional<Conversation> find(Sql tx, String userId, String id) {
        return tx.one("SELECT " + COLUMNS + " FROM conversations c WHERE c.id = ? AND c.user_id = ?",
                ConversationRepository::conversation, id, userId).map(c -> withTags(tx, List.of(c)).getFirst());
    }

    boolean exists(Sql tx, String userId, String id) {
        return tx.exists("SELECT 1 FROM conversations WHERE id = ? AND user_id = ?", id, userId);
    }

    /** One page of the user's conversations, most recently updated first, with their tags. */
    public List<Conversation> page(String userId, ConversationFilter filter, int skip, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(userId, filter, params);
        params.add(skip);
        params.add(limit);
        List<Conversation> page = db.list("SELECT " + COLUMNS + " FROM conversations c" + orderedIndex(filter)
                        + " WHERE " + where
                        + " ORDER BY c.updated_at DESC, c.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                ConversationRepository::conversation, params.toArray());
        return withTags(db, page);
    }

    public long count(String userId, ConversationFilter filter) {
        if (filter.equals(ConversationFilter.none())) {
            Optional<Long> stored = db.one("SELECT total FROM conversation_totals WHERE user_id = ?",
                    row -> row.longValue("total"), userId);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        List<Object> params = new ArrayList<>();
        String where = where(userId, filter, params);
        return db.count("SELECT COUNT(*) AS c FROM conversations c WHERE " + where, params.toArray());
    }

    /** The index that yields the filtered rows already in page order. */
    private static String orderedIndex(ConversationFilter filter) {
        if (filter.personaId() != null) {
            return SqlHints.derbyIndex("conversations_persona_updated_ix");
        }
        if (filter.conversationType() != null) {
            return SqlHints.derbyIndex("conversations_user_type_ix");
        }
        return SqlHints.derbyIndex("conversations_user_updated_ix");
    }

    private static String where(String userId, ConversationFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("c.user_id = ?");
        params.add(userId);
        if (filter.conversationType() != null) {
            where.append(" AND c.conversation_type = ?");
            params.add(filter.conversationType());
        }
        if (filter.pageId() != null) {
            where.append(" AND c.page_id = ?");
            params.add(filter.pageId());
        }
        if (filter.personaId() != null) {
            where.append(" AND c.persona_id = ?");
            params.add(filter.personaId());
        }
        if (filter.tagId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM conversation_tags ct WHERE ct.conversation_id = c.id "
                    + "AND ct.tag_id = ?)");
            params.add(filter.tagId());
        }
        return where.toString();
    }

    public void insert(Sql tx, Conversation c) {
        tx.update("INSERT INTO conversations (id, user_id, title, page_context, page_id, model, server, "
                        + "conversation_type, persona_id, message_count, last_message_at, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, ?)",
                c.id(), c.userId(), c.title(), c.pageContext(), c.pageId(), c.model(), c.server(),
                c.conversationType(), c.personaId(), c.createdAt(), c.updatedAt());
        tx.update("UPDATE conversation_totals SET total = total + 1 WHERE user_id = ?", c.userId());
    }

    /** The stored conversation total of a newly registered user (see {@link #count}). */
    public void provision(Sql tx, String userId, Instant now) {
        tx.update("INSERT INTO conversation_totals (user_id, total) VALUES (?, 0)", userId);
    }

    /**
     * Writes the editable fields (not the message counters, which only {@link #nextSequence} changes); false when
     * the conversation no longer exists.
     */
    public boolean update(Sql tx, Conversation c) {
        return tx.update("UPDATE conversations SET title = ?, page_context = ?, page_id = ?, model = ?, server = ?, "
                        + "conversation_type = ?, persona_id = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                c.title(), c.pageContext(), c.pageId(), c.model(), c.server(), c.conversationType(),
                c.personaId(), c.updatedAt(), c.id(), c.userId()) == 1;
    }

    /** Deletes the user's conversation; messages and tag links cascade. False when not found. */
    public boolean delete(Sql tx, String userId, String id) {
        if (tx.update("DELETE FROM conversations WHERE id = ? AND user_id = ?", id, userId) == 0) {
            return false;
        }
        tx.update("UPDATE conversation_totals SET total = total - 1 WHERE user_id = ?", userId);
        return true;
    }

    /**
     * Counts one more message on the conversation and returns its sequence number. The UPDATE takes the
     * conversation's row lock until the transaction ends, so concurrent writers to one conversation are
     * serialised and each reads its own count. Empty when the user has no such conversation.
     */
    OptionalInt nextSequence(Sql tx, String userId, String id) {
        long changed = tx.update("UPDATE conversations SET message_count = message_count + 1 WHERE id = ? "
                + "AND user_id = ?", id, userId);
        if (changed == 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(tx.one("SELECT message_count FROM conversations WHERE id = ?",
                row -> row.integer("message_count", 0), id).orElseThrow());
    }

    /** Marks a message appended at {@code now} (called under the row lock {@link #nextSequence} took). */
    void messageAppended(Sql tx, String id, Instant now) {
        tx.update("UPDATE conversations SET last_message_at = ?, updated_at = ? WHERE id = ?", now, now, id);
    }

    /** Forgets a deleted persona: the user's conversations that used it keep going without one. */
    public void clearPersona(Sql tx, String userId, String personaId) {
        tx.update("UPDATE conversations SET persona_id = NULL WHERE persona_id = ? AND user_id = ?", personaId, userId);
    }

    /** Links a tag (already checked to be the user's) to a conversation; linking twice is a no-op. */
    void attachTag(Sql tx, String conversationId, String tagId, Instant now) {
        if (!tx.exists("SELECT 1 FROM conversation_tags WHERE conversation_id = ? AND tag_id = ?",
                conversationId, tagId)) {
            tx.update("INSERT INTO conversation_tags (conversation_id, tag_id, created_at) VALUES (?, ?, ?)",
                    conversationId, tagId, now);
        }
    }

    void detachTag(Sql tx, String conversationId, String tagId) {
        tx.update("DELETE FROM conversation_tags WHERE conversation_id = ? AND tag_id = ?", conversationId, tagId);
    }

    /** The conversations with their tags, fetched in one query for the whole page. */
    private static List<Conversation> withTags(Sql tx, List<Conversation> conversations) {
        if (conversations.isEmpty()) {
            return conversations;
        }
        Map<String, List<TagRef>> tags = new LinkedHashMap<>();
        tx.list("SELECT ct.conversation_id, t.id, t.name, t.color FROM conversation_tags ct "
                        + "JOIN tags t ON t.id = ct.tag_id WHERE ct.conversation_id IN ("
                        + String.join(", ", Collections.nCopies(conversations.size(), "?"))
                        + ") ORDER BY t.name_key, t.id",
                row -> tags.computeIfAbsent(row.string("conversation_id"), k -> new ArrayList<>())
                        .add(new TagRef(row.string("id"), row.string("name"), row.string("color"))),
                conversations.stream().map(Conversation::id).toArray());
        return conversations.stream().map(c -> c.withTags(tags.getOrDefault(c.id(), List.of()))).toList();
    }
}
