package ai.braindrive.server.conversations;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import ai.braindrive.server.conversations.ConversationRecords.MessageBody;
import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.Checks;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Messages of the caller's conversations, in sequence order. Appending a message bumps the conversation's
 * {@code updated_at}, {@code message_count} and {@code last_message_at} in the same transaction.
 */
public final class MessageService {
    static final List<String> SENDERS = List.of("user", "assistant", "system");
    static final int MAX_MESSAGE_LENGTH = 1_000_000;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 100;

    private final Database database;
    private final ConversationRepository conversations;
    private final MessageRepository messages;

    public MessageService(Database database, ConversationRepository conversations, MessageRepository messages) {
        this.database = database;
        this.conversations = conversations;
        this.messages = messages;
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/conversations/{id}")
                .get("/messages", this::list)
                .post("/messages", this::create)
                .get("/with-messages", this::withMessages);
    }

    /** A page of messages (skip/limit, oldest first); the conversation's message count in {@code X-Total-Count}. */
    private void list(ServerRequest req, ServerResponse res) {
        Conversation conversation = owned(req);
        Params.PageRequest paging = Params.paging(req, DEFAULT_LIMIT, MAX_LIMIT);
        res.header(HeaderNames.create(ConversationService.TOTAL_COUNT), Integer.toString(conversation.messageCount()));
        Json.send(res, page(conversation, paging));
    }

    /** The conversation with one page of its messages (same skip/limit as {@code /messages}). */
    private void withMessages(ServerRequest req, ServerResponse res) {
        Conversation conversation = owned(req);
        Params.PageRequest paging = Params.paging(req, DEFAULT_LIMIT, MAX_LIMIT);
        ObjectNode body = Json.MAPPER.valueToTree(conversation);
        body.set("messages", Json.MAPPER.valueToTree(page(conversation, paging)));
        Json.send(res, body);
    }

    private List<Message> page(Conversation conversation, Params.PageRequest paging) {
        return paging.skip() >= conversation.messageCount() ? List.of()
                : messages.page(conversation.id(), paging.skip(), paging.limit());
    }

    private void create(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).id();
        String conversationId = Params.path(req, "id");
        MessageBody body = Json.read(req, MessageBody.class);
        JsonNode metadata = body.messageMetadata() == null || body.messageMetadata().isNull() ? null
                : body.messageMetadata();
        new Checks()
                .required("sender", body.sender())
                .oneOf("sender", body.sender(), SENDERS)
                .check(body.message() != null, "message", "Field required")
                .length("message", body.message(), 0, MAX_MESSAGE_LENGTH)
                .check(metadata == null || metadata.isObject(), "message_metadata", "Input should be a valid dictionary")
                .validate();
        Message created = database.inTransaction(tx -> {
            OptionalInt sequence = conversations.nextSequence(tx, userId, conversationId);
            if (sequence.isEmpty()) {
                throw ApiException.notFound("Conversation not found");
            }
            // Read the clock once the row lock is held, so created_at follows the sequence order.
            Instant now = Ids.now();
            conversations.messageAppended(tx, conversationId, now);
            Message message = new Message(Ids.newId(), conversationId, body.sender(), body.message(), metadata, now,
                    sequence.getAsInt());
            messages.insert(tx, message);
            return message;
        });
        Json.send(res, Status.CREATED_201, created);
    }

    private Conversation owned(ServerRequest req) {
        return conversations.find(CurrentUser.of(req).id(), Params.path(req, "id"))
                .orElseThrow(() -> ApiException.notFound("Conversation not found"));
    }
}
