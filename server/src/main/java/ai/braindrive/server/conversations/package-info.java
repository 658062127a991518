/**
 * Conversations and their messages.
 *
 * <p>Wire decisions (the React front end reads the original FastAPI shapes):
 * <ul>
 *   <li>Conversation lists ({@code /users/{user_id}/conversations}, {@code /conversations/by-persona/{id}},
 *       {@code /tags/{id}/conversations}) answer a plain JSON array, most recently updated first, paged with
 *       {@code skip}/{@code limit} (default 20, max 100); the total is in the {@code X-Total-Count} header.
 *       Items carry {@code message_count}, {@code last_message_at} and {@code tags} ({@code id, name, color}), never
 *       message bodies.</li>
 *   <li>{@code /conversations/{id}/messages} answers a plain array in {@code sequence} order, paged with
 *       {@code skip}/{@code limit} (default 100, max 100), total in {@code X-Total-Count};
 *       {@code /with-messages} is the conversation plus {@code messages}: the same page, same parameters.</li>
 *   <li>Creates answer 201 with the created object, deletes 204, tag link/unlink 200 with the conversation.</li>
 *   <li>Another user's conversation, persona or tag is 404; a path or body naming another user is 403.</li>
 * </ul>
 */
package ai.braindrive.server.conversations;
